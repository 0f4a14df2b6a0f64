import type { CDPSession, Page } from '@playwright/test';
import { markId } from '../../../src/domain/attendance';
import { addMonths, type CalendarDate } from '../../../src/domain/dates';
import { uuidv7 } from '../../../src/domain/ids';
import { careBookRecords } from '../../../src/domain/sample-care';
import { SAMPLE_HISTORY_YEARS, SAMPLE_TODAY, type SampleClub } from '../../../src/domain/sample-club';
import { fundBookRecords } from '../../../src/domain/sample-fund';
import { E2E_SETUP_CODE } from '../../lib/club-server';
import { phoneStores, slowDown, withPhone } from '../lib/chromium';
import { createClubOnServer, createInvite, enrollDevice, pullBytes, pushRecords, pushRegister, type ChairDevice, type CodeRouteLimiter } from '../lib/club-api';
import type { BenchContext } from '../lib/context';
import { figure, ratioFigure, repeat, type Figure } from '../lib/figures';

/**
 * A new phone's first pull of the five-year club (issue 14): on loopback and over throttled
 * 3G, from the tap on "Tham gia" until the phone holds the whole club, with the page's CPU
 * slowed as the other phone figures; what the pulled book takes on the phone; and the bytes
 * of a month of the club's changes for a phone that is up to date.
 */

/** Chrome DevTools' "Slow 3G"-like link of the issue: 750 kbit/s down, 250 kbit/s up, 300 ms. */
export const THREE_G = { offline: false, latency: 300, downloadThroughput: 93_750, uploadThroughput: 31_250 } as const;

interface SeenRequest {
  url: string;
  /** Wall clock (ms since the epoch) when the request was sent and its last byte came. */
  sentAt: number;
  finishedAt?: number;
  /** Bytes received for it (Network.loadingFinished's encodedDataLength: headers and body, as compressed). */
  bytes?: number;
  /** Answered by the service worker or the browser's cache: no trip on the link. */
  fromCache?: boolean;
  failed?: boolean;
}

/** Every request the page makes while `record` is on, with its bytes on the wire (CDP Network). */
async function watchNetwork(cdp: CDPSession): Promise<{ requests: Map<string, SeenRequest>; clear(): void }> {
  const requests = new Map<string, SeenRequest>();
  // The monotonic clock of the events against the wall clock, from each request's own pair.
  const wallOf = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (requests.has(e.requestId)) return; // a redirect: the same request going on
    wallOf.set(e.requestId, e.wallTime * 1000 - e.timestamp * 1000);
    requests.set(e.requestId, { url: e.request.url, sentAt: e.wallTime * 1000 });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r && (e.response.fromServiceWorker || e.response.fromDiskCache || e.response.fromPrefetchCache)) r.fromCache = true;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.finishedAt = e.timestamp * 1000 + wallOf.get(e.requestId)!;
    r.bytes = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.failed = true;
  });
  await cdp.send('Network.enable');
  return { requests, clear: () => requests.clear() };
}

export interface PullRun {
  /** From the join tap's click event until the phone's book says the pull is done (page clock). */
  ms: number;
  /** The requests made on the link from the tap until then (none answered from a cache), and the bytes they brought. */
  requests: number;
  bytes: number;
  /** Of them, the API's (the enrolment and the pull's pages). */
  apiRequests: number;
  apiBytes: number;
  /** The time some API request was on its way (sent, not yet all received): the network and the server. */
  waitingMs: number;
  records: number;
  controlled: boolean;
  /** navigator.storage.estimate() right after, in the page. */
  storage: { usage: number; indexedDB?: number; caches?: number; serviceWorker?: number };
}

/**
 * A new phone opens an invite link (its first visit: the app loads at full speed and the
 * service worker installs, not timed), its CPU is slowed (and its network throttled, when
 * `network` says so), then the tap on "Tham gia" until the phone holds the whole club: the
 * end is the moment a poll of the page's IndexedDB (every 100 ms, in the page) finds
 * `lastPullAt`, which the app writes in the same transaction as the pull's last page.
 */
export async function newPhonePull(
  ctx: BenchContext,
  serverUrl: string,
  profile: string,
  code: string,
  network: typeof THREE_G | null,
  limiter: CodeRouteLimiter,
): Promise<PullRun> {
  return withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(`${serverUrl}/join?code=${code}`);
    await page.getByLabel('Tên máy này').fill('Máy đo (bench)');
    // The service worker has installed and cached the app: its fetches are not in the pull.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    const cdp = await slowDown(page, ctx.cpuSlowdown);
    const seen = await watchNetwork(cdp);
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    const join = page.getByRole('button', { name: 'Tham gia' });
    await armPullDone(join);
    await limiter.take('/enroll', ctx.log);
    seen.clear();
    await join.tap();
    const handle = await page.waitForFunction(
      () => {
        const w = window as unknown as { __tapAt?: number; __pulledAt?: number };
        return w.__tapAt !== undefined && w.__pulledAt !== undefined ? { tapAt: performance.timeOrigin + w.__tapAt, doneAt: performance.timeOrigin + w.__pulledAt, ms: w.__pulledAt - w.__tapAt } : undefined;
      },
      undefined,
      { timeout: 600_000, polling: 500 },
    );
    const { tapAt, doneAt, ms } = (await handle.jsonValue()) as { tapAt: number; doneAt: number; ms: number };
    const stores = await phoneStores(page);
    const storage = await page.evaluate(async () => {
      const estimate = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
      return { usage: estimate.usage ?? 0, indexedDB: estimate.usageDetails?.indexedDB, caches: estimate.usageDetails?.caches, serviceWorker: estimate.usageDetails?.serviceWorkerRegistrations };
    });
    if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    // The requests of the pull: sent after the tap (a few ms of clock between the two sides) and done by its end.
    const inPull = [...seen.requests.values()].filter((r) => r.sentAt >= tapAt - 20 && r.finishedAt !== undefined && r.finishedAt <= doneAt + 20 && !r.failed);
    const api = inPull.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
    const sum = (rs: SeenRequest[]) => rs.reduce((n, r) => n + (r.bytes ?? 0), 0);
    const onLink = inPull.filter((r) => !r.fromCache);
    const others = inPull.filter((r) => !api.includes(r));
    if (others.length > 0) {
      ctx.log(`  (besides the API, the page fetched ${others.length} files, ${others.filter((r) => r.fromCache).length} of them from a cache, ${sum(others.filter((r) => !r.fromCache)).toLocaleString('en-US')} B on the link)`);
    }
    return {
      ms,
      requests: onLink.length,
      bytes: sum(onLink),
      apiRequests: api.length,
      apiBytes: sum(api),
      waitingMs: unionMs(api.map((r) => [r.sentAt, r.finishedAt!])),
      records: Object.entries(stores)
        .filter(([name]) => !['outbox', 'meta', 'serverCopies', 'drafts'].includes(name))
        .reduce((n, [, count]) => n + count, 0),
      controlled,
      storage,
    };
  });
}

/** The length of the union of time intervals. */
function unionMs(intervals: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** In the page: the tap's click time, and from it a poll of the book for `lastPullAt` (the pull's end). */
async function armPullDone(button: ReturnType<Page['locator']>): Promise<void> {
  // No named functions in here: the bench's TypeScript runner would name them with a helper
  // the page does not have.
  await button.evaluate((element) => {
    const w = window as unknown as { __tapAt?: number; __pulledAt?: number; __polling?: boolean };
    w.__tapAt = w.__pulledAt = undefined;
    element.addEventListener(
      'click',
      (event) => {
        w.__tapAt = event.timeStamp;
        const timer = setInterval(() => {
          if (w.__polling) return;
          w.__polling = true;
          const open = indexedDB.open('so-clb');
          open.onerror = () => (w.__polling = false);
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('meta').objectStore('meta').get('lastPullAt');
            get.onerror = () => (db.close(), (w.__polling = false));
            get.onsuccess = () => {
              db.close();
              w.__polling = false;
              if (get.result !== undefined && w.__pulledAt === undefined) {
                w.__pulledAt = performance.now();
                clearInterval(timer);
              }
            };
          };
        }, 100);
      },
      { capture: true, once: true },
    );
  });
}

/**
 * A new phone's whole first pull of the five-year club, `runs` times each on loopback and
 * over 3G, each run a new phone with its own invite; and the storage the pulled book takes.
 */
export async function newPhonePullFigures(
  ctx: BenchContext,
  serverUrl: string,
  options: { newProfile: () => Promise<string>; invite: () => Promise<string>; limiter: CodeRouteLimiter; records: number },
): Promise<Figure[]> {
  const check = (run: PullRun) => {
    // A phone that lacks records did not pull the club: no figure from it.
    if (run.records < options.records * 0.99) throw new Error(`the new phone holds ${run.records} records of the ${options.records} pulled`);
  };
  const describe = (which: string, run: PullRun) =>
    ctx.log(
      `  ${which}: ${(run.ms / 1000).toFixed(1)} s, ${run.apiRequests} API requests, ${(run.apiBytes / 1e6).toFixed(2)} MB; an API request on its way ${(run.waitingMs / 1000).toFixed(1)} s of it, the page alone ${((run.ms - run.waitingMs) / 1000).toFixed(1)} s; ${run.records.toLocaleString('en-US')} records; page ${run.controlled ? '' : 'not '}controlled by the service worker`,
    );
  const loopback = await repeat(ctx.runs, async () => {
    const run = await newPhonePull(ctx, serverUrl, await options.newProfile(), await options.invite(), null, options.limiter);
    check(run);
    describe('loopback', run);
    return run;
  });
  const threeG = await repeat(ctx.runs, async () => {
    const run = await newPhonePull(ctx, serverUrl, await options.newProfile(), await options.invite(), THREE_G, options.limiter);
    check(run);
    describe('3G', run);
    // The throttling applied: the API's answers were on their way at least as long as their
    // bytes take on the link (the whole pull is longer still, but mostly for the page's work;
    // on loopback they are on their way about half that). Not the latency too: how Chrome
    // counts headers and round trips against the link is its own.
    const least = (run.apiBytes / THREE_G.downloadThroughput) * 1000;
    if (run.waitingMs < least) {
      throw new Error(`over 3G the API's ${run.apiRequests} requests were on their way ${run.waitingMs.toFixed(0)} ms for ${run.apiBytes} bytes, less than the link allows (${least.toFixed(0)} ms): the throttling did not apply`);
    }
    return run;
  });
  // The floor: the same bytes down the same link, with one round trip per request, one after another.
  const floors = threeG.map((run) => (run.bytes / THREE_G.downloadThroughput) * 1000 + run.requests * THREE_G.latency);
  const records = `${options.records.toLocaleString('en-US')} records`;
  const pull3g = figure({
    id: 'phone.pull3g',
    group: 'phone',
    label: `A new phone's first pull of the ${SAMPLE_HISTORY_YEARS}-year club over 3G (750/250 kbit/s, 300 ms; ${records}), tap “Tham gia” → every record in IndexedDB`,
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples: threeG.map((r) => r.ms),
    budget: { text: 'a new phone pulls a five-year club history in under 60 s over throttled 3G', limit: 60_000, kind: 'max' },
  });
  const floor = figure({
    id: 'phone.pull3gFloor',
    group: 'phone',
    label: `Floor: the pull's bytes on that link (${(threeG[0]!.bytes / 1e6).toFixed(2)} MB ÷ 93,750 B/s) + its ${threeG[0]!.requests} requests × 300 ms, no CPU`,
    unit: 'ms',
    cpuSlowdown: 1,
    samples: floors,
  });
  return [
    figure({
      id: 'phone.pullLoopback',
      group: 'phone',
      label: `A new phone's first pull of the ${SAMPLE_HISTORY_YEARS}-year club on loopback (${records}), tap “Tham gia” → every record in IndexedDB (enrolment included; 100 ms polls)`,
      unit: 'ms',
      cpuSlowdown: ctx.cpuSlowdown,
      samples: loopback.map((r) => r.ms),
      budget: { text: 'a new phone pulls a five-year club history in under 10 s on loopback', limit: 10_000, kind: 'max' },
    }),
    pull3g,
    floor,
    figure({
      id: 'phone.pullLoopbackWaiting',
      group: 'phone',
      label: 'Of the loopback pull: the time some API request was on its way (server and loopback; the rest is the page’s own work)',
      unit: 'ms',
      cpuSlowdown: ctx.cpuSlowdown,
      samples: loopback.map((r) => r.waitingMs),
    }),
    ratioFigure({ id: 'phone.pull3g-vs-floor', group: 'phone', label: 'The 3G pull against its floor', cpuSlowdown: ctx.cpuSlowdown, note: 'pull ÷ (bytes ÷ throughput + requests × latency)' }, pull3g.samples, floor.samples),
    figure({
      id: 'phone.idbSize',
      group: 'phone',
      label: `IndexedDB on the phone holding the ${SAMPLE_HISTORY_YEARS}-year club, right after its first pull (storage.estimate()'s indexedDB: records, the server's copies, indexes, as LevelDB keeps them)`,
      unit: 'MB',
      cpuSlowdown: 1,
      samples: loopback.map((r) => (r.storage.indexedDB ?? r.storage.usage) / 1e6),
    }),
    figure({
      id: 'phone.storageUsage',
      group: 'phone',
      label: "The origin's whole storage.estimate() usage then: IndexedDB, the service worker's cache of the app, its registration",
      unit: 'MB',
      cpuSlowdown: 1,
      samples: loopback.map((r) => r.storage.usage / 1e6),
    }),
  ];
}

/** Which of a sample club's records fall in its last month (after `cutoff`), with all that names them. */
function lastMonth(club: SampleClub, cutoff: CalendarDate) {
  const meetings = club.meetings.map((m) => m.heldOn > cutoff);
  const applications = club.loanApplications.map((a) => a.fields.appliedOn > cutoff || (a.meeting !== null && meetings[a.meeting]!));
  const loans = club.loans.map((l) => l.fields.disbursedOn > cutoff || applications[l.application]!);
  const entries = club.entries.map((e) => e.fields.postedOn > cutoff || (e.loan !== null && loans[e.loan]!) || (e.meeting !== null && meetings[e.meeting]!));
  // A reversal goes with what it reverses (to a fixed point, whatever the order of the list).
  for (let changed = true; changed; ) {
    changed = false;
    club.entries.forEach((e, i) => {
      if (!entries[i] && e.reverses !== null && entries[e.reverses]) changed = entries[i] = true;
    });
  }
  const cashCounts = club.cashCounts.map((c) => c.fields.countedOn > cutoff || meetings[c.meeting]! || (c.overShort !== null && entries[c.overShort]!));
  const visits = club.visits.map((v) => v.fields.visitedOn > cutoff);
  const readings = club.readings.map((r) => r.fields.takenOn > cutoff);
  return {
    carePlans: club.carePlans.map((p) => p.fields.startedOn > cutoff),
    visits,
    readings,
    referrals: club.referrals.map((r) => r.fields.referredOn > cutoff),
    strikeOuts: club.strikeOuts.map((s) => (s.collection === 'visits' ? visits : readings)[s.record]!),
    meetings,
    loanApplications: applications,
    loans,
    entries,
    cashCounts,
    reopenings: club.reopenings.map((r) => cashCounts[r.count]! || entries[r.entry]!),
    reviewChecks: club.reviewChecks.map((c) => entries[c.duplicate[0]]! || entries[c.duplicate[1]]!),
    marks: club.marks.map((m) => meetings[m.meeting]!),
  };
}

/**
 * The bytes of a month of one club's changes on the wire: a club of its own on the server
 * (the same generated five-year club), its books pushed up to a month before the generator's
 * today; a phone (the bench's own device, enrolled with an invite) pulls to the end; then
 * the last month arrives — the month's meetings and their marks, visits, readings, referrals,
 * care plans begun, fund entries, loans, counts, and whatever names them — and the phone
 * pulls it, as a browser asks (brotli). Not included: edits to older records in that month
 * (a member leaving, a plan ended), as the generator writes each record once as it ends up.
 */
export async function monthBytesFigure(ctx: BenchContext, serverUrl: string, club: SampleClub, limiter: CodeRouteLimiter): Promise<Figure> {
  await limiter.take('/clubs', ctx.log);
  const chair: ChairDevice = await createClubOnServer(serverUrl, E2E_SETUP_CODE, club.club);
  const registerIds = await pushRegister(serverUrl, chair, club);
  const care = careBookRecords(club, registerIds, () => uuidv7());
  const meetingIds = club.meetings.map(() => uuidv7());
  const fund = fundBookRecords(club, registerIds, meetingIds, () => uuidv7());
  const meetings = club.meetings.map((fields, i) => ({ id: meetingIds[i]!, fields }));
  const marks = club.marks.map(({ meeting, member, mark }) => {
    const [meetingId, memberId] = [meetingIds[meeting]!, registerIds[member]!];
    return { id: markId(meetingId, memberId), fields: { meetingId, memberId, mark } };
  });
  const records = { ...care, meetings, ...fund, marks };
  const cutoff = addMonths(SAMPLE_TODAY, -1);
  const after = lastMonth(club, cutoff);
  // In the order the bench puts a club on the server (a phone's outbox would send them so):
  // care, meetings, the fund, the marks.
  const order = ['carePlans', 'visits', 'readings', 'referrals', 'strikeOuts', 'meetings', 'loanApplications', 'loans', 'entries', 'cashCounts', 'reopenings', 'reviewChecks', 'marks'] as const;
  const push = async (inMonth: boolean) => {
    const counts: string[] = [];
    for (const collection of order) {
      const items = (records[collection] as { id: string; fields: object }[]).filter((_, i) => after[collection][i] === inMonth);
      if (inMonth && items.length > 0) counts.push(`${items.length} ${collection}`);
      await pushRecords(serverUrl, chair, collection === 'marks' ? 'attendance' : collection, items);
    }
    return counts;
  };
  await push(false);
  await limiter.take('/enroll', ctx.log);
  const phone = await enrollDevice(serverUrl, await createInvite(serverUrl, chair, 'board'));
  const upToDate = await pullBytes(serverUrl, phone.token, 'gzip, deflate, br, zstd');
  const month = await push(true);
  ctx.log(`  the month after ${cutoff}: ${month.join(', ')}`);
  const samples: number[] = [];
  let pulled = { bytes: 0, records: 0, requests: 0 };
  // The same pull from the same cursor each run: the server's answer, not the phone, varies.
  await repeat(ctx.runs, async () => {
    pulled = await pullBytes(serverUrl, phone.token, 'gzip, deflate, br, zstd', upToDate.cursor);
    samples.push(pulled.bytes);
  });
  const plain = await pullBytes(serverUrl, phone.token, null, upToDate.cursor);
  ctx.log(`  a month's pull: ${pulled.records} changes in ${pulled.requests} requests, ${(pulled.bytes / 1000).toFixed(1)} kB as brotli, ${(plain.bytes / 1000).toFixed(1)} kB uncompressed`);
  return figure({
    id: 'phone.monthBytes',
    group: 'phone',
    label: `A month of the club's changes on the wire for a phone up to date (${pulled.records.toLocaleString('en-US')} changes: the last month's meeting and marks, visits, readings, fund; brotli, ~300 B of headers an answer)`,
    unit: 'bytes',
    cpuSlowdown: 1,
    samples,
    budget: { text: "a month of a club's changes: 200 KB on the wire", limit: 200_000, kind: 'max' },
  });
}
