import type { BrowserContext, Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayOn } from '../../src/domain/dates';
import { memberSearchText, type Member } from '../../src/domain/members';
import { matchesFolded } from '../../src/domain/names';
import { SAMPLE_HISTORY_YEARS, STRESS_CLUB_MEMBERS, sampleClub, type SampleClub } from '../../src/domain/sample-club';
import { SAVED_MARK } from '../../src/local/write';
import { passesFilter } from '../../src/app/members/member-filters';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { phoneStores, slowDown, withPhone as withChromiumPhone } from './lib/chromium';
import { freePort } from './lib/child-server';
import { CodeRouteLimiter, createChairInvite, createClubOnServer, createInvite, firstPullBytes, pushCareBook, pushMeetingBook, pushRegister, type ChairDevice } from './lib/club-api';
import type { BenchContext, BenchSuite } from './lib/context';
import { figure, ratioFigure, repeat, type Figure } from './lib/figures';
import { firstScreenScripts } from './phone/first-screen-scripts';
import { coldStartFloorFigure, heapAllBooksFigure } from './phone/footprint-figures';
import { monthBytesFigure, newPhonePullFigures } from './phone/pull-figures';
import { healthPageFigure, visitSaveFigure } from './phone/care-figures';
import { fundBookFigure, repaymentTapFigure } from './phone/fund-figures';
import { meetingBookFigure, paintedAfter, rollCallTapFigure } from './phone/meeting-figures';
import { reportFigure, reportSendFigure } from './phone/report-figures';
import { periodContaining, previousPeriod } from '../../src/domain/periods';

/**
 * What a person holding a cheap phone feels: the production build, served by the real
 * server (src/server/main.ts as `npm start` runs it), in headless Chromium at 412×823 with
 * the page's CPU slowed down (CDP). The phones join their clubs through invites, as in a
 * village; every offline figure is taken with the server stopped.
 *
 * Not slowed down: the service worker (a separate target; it answers the app shell from
 * its cache) and Chromium's own start, which happens before each measurement begins.
 */
export const phoneFigures: BenchSuite = async (ctx) => {
  const server = new ClubServer(await freePort());
  const profiles: string[] = [];
  const newProfile = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'so-clb-bench-phone-'));
    profiles.push(dir);
    return dir;
  };
  const figures: Figure[] = [];
  // Every POST /enroll and /clubs of this suite, the page's joins included, within the server's limit.
  const limiter = new CodeRouteLimiter();
  try {
    await server.start();
    ctx.log('phone: putting a 70-member club and the 20,000-member stress club on the server…');
    const small = sampleClub({ seed: 70, members: 70 });
    const stress = sampleClub({ seed: 20_000, members: STRESS_CLUB_MEMBERS });
    let cared: { personId: string; readings: number } | undefined;
    const putOnServer = async (club: SampleClub): Promise<ChairDevice> => {
      const chair = await createClubOnServer(server.url, E2E_SETUP_CODE, club.club);
      // The small club with its five years of care and meetings; the stress club has members only.
      // The marks go last, so a phone holding all of them has pulled the whole club.
      const registerIds = await pushRegister(server.url, chair, club);
      const care = await pushCareBook(server.url, chair, club, registerIds);
      // The figures of the care book use the person cared for with the most readings.
      const inForce = new Set(care.carePlans.filter((p) => p.fields.endedOn === null).map((p) => p.fields.personId));
      const counts = new Map<string, number>();
      for (const r of care.readings) if (inForce.has(r.fields.personId)) counts.set(r.fields.personId, (counts.get(r.fields.personId) ?? 0) + 1);
      const [top] = [...counts].sort((a, b) => b[1] - a[1]);
      if (top && !cared) cared = { personId: top[0], readings: top[1] };
      await pushMeetingBook(server.url, chair, club, registerIds, { withFund: true });
      return chair;
    };
    const smallOnServer = await putOnServer(small);
    const stressOnServer = await putOnServer(stress);

    ctx.log('phone: the first pull on the wire…');
    // What a browser sends (Chromium's Accept-Encoding), and nothing, for comparison.
    const [compressed, plain] = [await firstPullBytes(server.url, smallOnServer.token, 'gzip, deflate, br, zstd'), await firstPullBytes(server.url, smallOnServer.token, null)];
    figures.push(
      figure({
        id: 'phone.firstPullBytes',
        group: 'phone',
        label: `A new phone's first pull of the ${SAMPLE_HISTORY_YEARS}-year club on the wire (${compressed.records.toLocaleString('en-US')} records, as a browser asks: brotli)`,
        unit: 'MB',
        cpuSlowdown: 1,
        samples: [compressed.bytes / 1e6],
        budget: { text: 'the first pull ≤ 5 MB on the wire', limit: 5, kind: 'max' },
      }),
      figure({ id: 'phone.firstPullBytesPlain', group: 'phone', label: 'The same pull uncompressed (a client that does not ask)', unit: 'MB', cpuSlowdown: 1, samples: [plain.bytes / 1e6] }),
    );

    ctx.log('phone: a month of changes on the wire (a club of its own, the same five years)…');
    figures.push(await monthBytesFigure(ctx, server.url, sampleClub({ seed: 70, members: 70 }), limiter));

    ctx.log('phone: JavaScript of the first screen…');
    figures.push(await firstVisitScripts(ctx, server.url, newProfile));

    // Before the chair's phone joins: its invite retires the set-up device that makes these invites.
    ctx.log('phone: new phones pull the five-year club, on loopback and over 3G…');
    figures.push(
      ...(await newPhonePullFigures(ctx, server.url, {
        newProfile,
        invite: () => createInvite(server.url, smallOnServer, 'board'),
        limiter,
        records: compressed.records,
      })),
    );

    ctx.log('phone: two phones join their clubs (at full speed; this is set-up, not measured)…');
    const smallPhone = await newProfile();
    await joinAndLoad(ctx, server.url, smallPhone, await createInvite(server.url, smallOnServer, 'board'), listed(small, ''), limiter);
    await withPhone(ctx, smallPhone, (page) => waitForRecords(page, server.url, 'attendance', small.marks.length));
    // The treasurer's phone records the fund's money (a board phone only reads it).
    const treasurerPhone = await newProfile();
    await joinAndLoad(ctx, server.url, treasurerPhone, await createInvite(server.url, smallOnServer, 'treasurer'), listed(small, ''), limiter);
    await withPhone(ctx, treasurerPhone, (page) => waitForRecords(page, server.url, 'attendance', small.marks.length));
    // The chair's phone sends the report: its invite, from the setup code, retires the set-up device, so it comes last.
    const chairPhone = await newProfile();
    await joinAndLoad(ctx, server.url, chairPhone, await createChairInvite(server.url, E2E_SETUP_CODE, smallOnServer.clubId), listed(small, ''), limiter);
    await withPhone(ctx, chairPhone, (page) => waitForRecords(page, server.url, 'attendance', small.marks.length));
    const stressPhone = await newProfile();
    await joinAndLoad(ctx, server.url, stressPhone, await createInvite(server.url, stressOnServer, 'board'), listed(stress, ''), limiter);
    figures.push(await dailyStartScripts(ctx, server.url, smallPhone));

    await server.stop();
    ctx.log('phone: server stopped; offline cold starts…');
    const smallStarts = await repeat(ctx.runs, () => coldStartToList(ctx, server.url, smallPhone, listed(small, '')), 1);
    figures.push(
      figure({
        id: 'phone.coldStart70',
        group: 'phone',
        label: 'Offline cold start → member list of a 70-member club',
        unit: 'ms',
        cpuSlowdown: ctx.cpuSlowdown,
        samples: smallStarts.map((s) => s.ms),
        budget: { text: 'offline cold start to the home screen and to the member list: under 1 s', limit: 1000, kind: 'max' },
      }),
    );
    const coldFloor = await coldStartFloorFigure(ctx, server.url, smallPhone);
    figures.push(
      coldFloor.figure,
      ratioFigure(
        { id: 'phone.coldStart-vs-floor', group: 'phone', label: 'The offline cold start to the 70-member list against its floor', cpuSlowdown: ctx.cpuSlowdown, note: 'cold start ÷ bare page' },
        smallStarts.map((s) => s.ms),
        coldFloor.figure.samples,
      ),
    );
    const stressStarts = await repeat(ctx.runs, () => coldStartToList(ctx, server.url, stressPhone, listed(stress, '')), 1);
    figures.push(
      figure({
        id: 'phone.coldStartStress',
        group: 'phone',
        label: 'Offline cold start → member list of the 20,000-member stress club',
        unit: 'ms',
        cpuSlowdown: ctx.cpuSlowdown,
        samples: stressStarts.map((s) => s.ms),
      }),
      figure({
        id: 'phone.heapStress',
        group: 'phone',
        label: 'JS heap with the stress club’s list on screen (after GC)',
        unit: 'MB',
        cpuSlowdown: ctx.cpuSlowdown,
        samples: stressStarts.map((s) => s.heapBytes / 1e6),
      }),
    );

    ctx.log('phone: the heap with every book opened…');
    if (!cared) throw new Error('the sample club has no one cared for');
    figures.push(await heapAllBooksFigure(ctx, server.url, smallPhone, cared.personId, listed(small, '')));

    // Search first: the saves add members, and the search counts are of the generated clubs.
    ctx.log('phone: search keystrokes…');
    figures.push(await searchFigure(ctx, server.url, smallPhone, small, '70-member club'));
    figures.push(await searchFigure(ctx, server.url, stressPhone, stress, '20,000-member stress club'));

    ctx.log('phone: the meeting book…');
    figures.push(await meetingBookFigure(ctx, server.url, smallPhone, SAMPLE_HISTORY_YEARS));
    figures.push(await rollCallTapFigure(ctx, server.url, smallPhone));

    ctx.log('phone: home care and health…');
    figures.push(await visitSaveFigure(ctx, server.url, smallPhone, cared.personId));
    figures.push(await healthPageFigure(ctx, server.url, smallPhone, cared.personId, cared.readings));

    ctx.log('phone: the fund book…');
    figures.push(await fundBookFigure(ctx, server.url, smallPhone, SAMPLE_HISTORY_YEARS));
    figures.push(await repaymentTapFigure(ctx, server.url, treasurerPhone));

    ctx.log('phone: the report…');
    figures.push(await reportFigure(ctx, server.url, smallPhone, SAMPLE_HISTORY_YEARS));
    figures.push(await reportSendFigure(ctx, server.url, chairPhone, previousPeriod(periodContaining('half', todayOn())).key));

    ctx.log('phone: tap Save…');
    const save = await saveFigure(ctx, server.url, smallPhone);
    const floor = await saveFloorFigure(ctx, server.url, smallPhone);
    figures.push(save, floor, ratioFigure({ id: 'phone.save-vs-floor', group: 'phone', label: 'A member’s save against its floor', cpuSlowdown: ctx.cpuSlowdown, note: 'save ÷ bare transaction' }, save.samples, floor.samples));
    return figures;
  } finally {
    await server.dispose();
    await Promise.all(profiles.map((dir) => rm(dir, { recursive: true, force: true })));
  }
};

/** How many people the register lists (its "N người" line) for a search, as the app decides it. */
function listed(club: SampleClub, query: string): number {
  const today = todayOn();
  // The whole register as the phone holds it: the list's own filter says whether the non-members show.
  return [...club.members, ...club.nonMembers].filter((fields) => {
    const member = { ...fields, id: '', clubId: '', createdAt: '', updatedAt: '', deleted: false } as Member;
    return passesFilter(member, 'all', today, club.club.olderAgeFrom) && matchesFolded(memberSearchText(member), query);
  }).length;
}

function withPhone<T>(ctx: BenchContext, profile: string, work: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  return withChromiumPhone(ctx.chromiumPath, profile, work);
}

/** Until the phone holds `count` records of a collection (polled in its IndexedDB: set-up, not timing). */
async function waitForRecords(page: Page, serverUrl: string, collection: string, count: number): Promise<void> {
  // The app open on its home goes on pulling what it has not yet. Polled from here: a page
  // function that returns a promise is a truthy value to waitForFunction, which then waits
  // for nothing (seen as a phone that went offline with half its club).
  await page.goto(serverUrl);
  for (const started = Date.now(); Date.now() - started < 600_000; await page.waitForTimeout(500)) {
    if (((await phoneStores(page))[collection] ?? 0) >= count) return;
  }
  throw new Error(`the phone did not get its ${count} ${collection} in 10 minutes`);
}

/** Until the register's "N người" line says `expected` (polled: for set-up, not timing). */
async function waitForCount(page: Page, expected: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    (n) => (document.querySelector('.list-count')?.textContent ?? '').replace(/\D/g, '') === String(n),
    expected,
    { timeout, polling: 250 },
  );
}

/**
 * When the member list was first painted, in ms since the navigation began: the browser's
 * own record of it (Element Timing, `elementtiming="member-list"` on the list's count line,
 * which is drawn together with the rows once the members are read).
 */
function listPaintedAt(page: Page): Promise<number> {
  return paintedAfter(page, 'member-list', 0);
}

/** A phone opens an invite link, joins, and keeps the club's members (all pulled) with the app installed. */
async function joinAndLoad(ctx: BenchContext, serverUrl: string, profile: string, code: string, listedMembers: number, limiter: CodeRouteLimiter): Promise<void> {
  await withPhone(ctx, profile, async (page) => {
    await page.goto(`${serverUrl}/join?code=${code}`);
    await page.getByLabel('Tên máy này').fill('Máy đo (bench)');
    await limiter.take('/enroll', ctx.log);
    await page.getByRole('button', { name: 'Tham gia' }).click();
    await page.getByRole('link', { name: 'Thành viên', exact: true }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Until every member is pulled: the register counts them (people who left are not counted).
    await page.goto(`${serverUrl}/members`);
    await waitForCount(page, listedMembers, 600_000);
  });
}

async function coldStartToList(
  ctx: BenchContext,
  serverUrl: string,
  profile: string,
  expected: number,
): Promise<{ ms: number; heapBytes: number }> {
  return withPhone(ctx, profile, async (page) => {
    const cdp = await slowDown(page, ctx.cpuSlowdown);
    await page.goto(`${serverUrl}/members`);
    const ms = await listPaintedAt(page);
    await waitForCount(page, expected, 5_000);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return { ms, heapBytes: heap.usedSize };
  });
}

/**
 * Tap "Lưu" on a new member's form until the record and its outbox entry are committed:
 * from the click event's time to the app's User Timing mark (src/local/write.ts), both on
 * the page's own clock. The form is filled first; only the tap is timed.
 */
async function saveFigure(ctx: BenchContext, serverUrl: string, profile: string): Promise<Figure> {
  const samples = await withPhone(ctx, profile, async (page) => {
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async (run) => {
        await page.goto(`${serverUrl}/members/new`);
        await page.getByLabel('Họ và tên').fill(`Bench Thị Thử ${run + 10}`);
        await page.getByLabel('Năm sinh').fill('1950');
        await page.getByRole('checkbox', { name: 'Vào từ trước, không rõ ngày' }).check({ force: true });
        const save = page.getByRole('button', { name: 'Lưu', exact: true });
        await save.evaluate((button, mark) => {
          const w = window as unknown as { __tapAt?: number; __savedAt?: number };
          button.addEventListener('click', (event) => (w.__tapAt = event.timeStamp), { capture: true, once: true });
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntriesByName(mark)[0];
            if (entry) {
              w.__savedAt = entry.startTime;
              observer.disconnect();
            }
          }).observe({ type: 'mark' });
        }, SAVED_MARK);
        await save.tap();
        const handle = await page.waitForFunction(() => {
          const w = window as unknown as { __tapAt?: number; __savedAt?: number };
          return w.__tapAt !== undefined && w.__savedAt !== undefined ? w.__savedAt - w.__tapAt : undefined;
        }, undefined, { timeout: 30_000, polling: 20 });
        return (await handle.jsonValue()) as number;
      },
      1,
    );
  });
  return figure({
    id: 'phone.save',
    group: 'phone',
    label: 'Tap “Lưu” on a new member → record + outbox entry committed',
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'saving a record (tap to stored and queued) < 50 ms', limit: 50, kind: 'max' },
  });
}

/**
 * The floor under a save: the bare IndexedDB transaction of the same two writes — a member
 * record and its outbox entry, 'strict' as the app's — with no framework, form or validation,
 * in the same browser, origin and CPU slowdown (a database of its own, so the book is left
 * as it was). The save is then read as a ratio to it.
 */
async function saveFloorFigure(ctx: BenchContext, serverUrl: string, profile: string): Promise<Figure> {
  const samples = await withPhone(ctx, profile, async (page) => {
    await page.goto(`${serverUrl}/members/new`);
    await page.getByLabel('Họ và tên').waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          indexedDB.deleteDatabase('so-clb-floor');
          const open = indexedDB.open('so-clb-floor', 1);
          open.onupgradeneeded = () => {
            open.result.createObjectStore('members', { keyPath: 'id' });
            open.result.createObjectStore('outbox', { keyPath: 'seq' });
          };
          open.onsuccess = () => ((window as unknown as { __floor: IDBDatabase }).__floor = open.result) && resolve();
          open.onerror = () => reject(open.error);
        }),
    );
    return repeat(
      ctx.runs,
      (run) =>
        page.evaluate(
          (seq) =>
            new Promise<number>((resolve, reject) => {
              const db = (window as unknown as { __floor: IDBDatabase }).__floor;
              const at = performance.now();
              const id = crypto.randomUUID();
              const record = { id, clubId: 'c', fullName: `Bench Thị Thử ${seq}`, gender: 'female', birthYear: 1950, joinedOn: null, phone: null, village: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), deleted: false };
              const tx = db.transaction(['members', 'outbox'], 'readwrite', { durability: 'strict' });
              tx.objectStore('members').put(record);
              tx.objectStore('outbox').put({ seq, collection: 'members', op: 'put', id, data: record, status: 'pending' });
              tx.oncomplete = () => resolve(performance.now() - at);
              tx.onerror = () => reject(tx.error);
            }),
          run + 1,
        ),
      1,
    );
  });
  return figure({
    id: 'phone.saveFloor',
    group: 'phone',
    label: 'Floor: the bare IndexedDB transaction of a member record and its outbox entry (strict, no framework)',
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
  });
}

/**
 * The first letter typed into the register's search box until the list shows its matches
 * (the "N người" line says the right number): the heaviest keystroke, from everyone to
 * those matching.
 */
async function searchFigure(ctx: BenchContext, serverUrl: string, profile: string, club: SampleClub, which: string): Promise<Figure> {
  const letter = 'h';
  const everyone = listed(club, '');
  const matching = listed(club, letter);
  const samples = await withPhone(ctx, profile, async (page) => {
    await page.goto(`${serverUrl}/members`);
    await waitForCount(page, everyone, 120_000);
    await slowDown(page, ctx.cpuSlowdown);
    const search = page.getByRole('searchbox');
    return repeat(
      ctx.runs,
      async () => {
        await search.fill('');
        await page.waitForFunction((n) => (document.querySelector('.list-count')?.textContent ?? '').replace(/\D/g, '') === String(n), everyone);
        await search.evaluate((input, expected) => {
          const w = window as unknown as { __keyAt?: number; __shownAt?: number };
          w.__keyAt = undefined;
          w.__shownAt = undefined;
          // Animation frames are not produced reliably in headless Chromium without a GPU, so
          // the end is the moment the page's list says the new number (React has committed it
          // to the page), not the paint after it.
          input.addEventListener('keydown', (event) => (w.__keyAt = event.timeStamp), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if ((document.querySelector('.list-count')?.textContent ?? '').replace(/\D/g, '') === String(expected)) {
              w.__shownAt = performance.now();
              observer.disconnect();
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }, matching);
        await search.press(letter);
        const handle = await page.waitForFunction(() => {
          const w = window as unknown as { __keyAt?: number; __shownAt?: number };
          return w.__keyAt !== undefined && w.__shownAt !== undefined ? w.__shownAt - w.__keyAt : undefined;
        }, undefined, { timeout: 60_000, polling: 20 });
        return (await handle.jsonValue()) as number;
      },
      1,
    );
  });
  return figure({
    id: `phone.search.${club.members.length}`,
    group: 'phone',
    label: `Search: first letter typed → list updated, ${which} (${matching.toLocaleString('en-US')} of ${everyone.toLocaleString('en-US')} match)`,
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
  });
}

/** A new phone's first visit (nothing cached): the JavaScript until the language choice is on screen. */
async function firstVisitScripts(ctx: BenchContext, serverUrl: string, newProfile: () => Promise<string>): Promise<Figure> {
  const samples = await repeat(ctx.runs, async () =>
    withPhone(ctx, await newProfile(), (page) =>
      firstScreenScripts(page, () => page.goto(serverUrl)),
    ),
  );
  return figure({
    id: 'phone.firstVisitJs',
    group: 'phone',
    label: 'JavaScript for the first screen, new phone’s first visit (gzip)',
    unit: 'bytes',
    cpuSlowdown: 1,
    samples,
    budget: { text: 'JavaScript for the first screen: at most 130 KB gzip', limit: 130_000, kind: 'max' },
  });
}

/** A phone in use opens the app: the JavaScript until its home screen is on screen. */
async function dailyStartScripts(ctx: BenchContext, serverUrl: string, profile: string): Promise<Figure> {
  const samples = await repeat(ctx.runs, () =>
    withPhone(ctx, profile, (page) => firstScreenScripts(page, () => page.goto(serverUrl))),
  );
  return figure({
    id: 'phone.dailyStartJs',
    group: 'phone',
    label: 'JavaScript for the first screen, a phone in use opening the app (gzip)',
    unit: 'bytes',
    cpuSlowdown: 1,
    samples,
    budget: { text: 'JavaScript for the first screen: at most 130 KB gzip', limit: 130_000, kind: 'max' },
  });
}
