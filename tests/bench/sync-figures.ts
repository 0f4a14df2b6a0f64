import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { uuidv7 } from '../../src/domain/ids';
import type { MemberFields } from '../../src/domain/members';
import { STRESS_CLUB_MEMBERS, sampleClub } from '../../src/domain/sample-club';
import { launchChromium } from './lib/chromium';
import type { BenchContext, BenchSuite } from './lib/context';
import { figure, ratioFigure, type Figure } from './lib/figures';
import {
  CodeRouteLimiter,
  ackedThrough,
  countMembers,
  createClubOnServer,
  createInvite,
  recordData,
  pushMembers,
  type ChairDevice,
} from './lib/club-api';
import { buildBenchPage, withBenchPage, type BenchPage } from './sync/page';
import { BENCH_SETUP_CODE, type ChildServer } from './lib/child-server';
import { couchServer, ourServer } from './sync/servers';

/**
 * The sync figures (ARCHITECTURE.md, Budgets: "10,000 queued mutations pushed and
 * acknowledged over loopback in under 10 s; a new phone pulls a 5-year club history (about
 * 50,000 records) in under 20 s"), and how our engine compares with the two usual ways of
 * doing the same job: PouchDB replicating to a CouchDB-protocol server, and one request per
 * change replayed from a queue as workbox-background-sync does.
 *
 * Every phone-side figure runs in a fresh headless Chromium context (no IndexedDB left over,
 * no service worker) on the bench page (tests/bench/browser), with the page's CPU slowed
 * only around the measured part; the data is put in place at 1× first. The servers run on
 * loopback as child processes: the real server (SQLite, `synchronous = FULL`) and
 * express-pouchdb (LevelDB). Ratio figures pair run i of one side with run i of the other;
 * the runs of the figures being compared alternate, so drift hits both alike.
 */

const PUSH_RECORDS = 10_000;
/**
 * One request per change is slow: a first try replayed 2,000 in 147 s at 6× (about 73 ms a
 * request: an IndexedDB read and delete, a fetch, a server transaction with its fsync), so
 * 10,000 would take 12 minutes a run. The runs replay this many and the figure is scaled to
 * 10,000 (× 20): every request is alike and replayed alone, so the cost is linear in their count.
 */
const REPLAY_REQUESTS = 500;
const PULL_RECORDS = STRESS_CLUB_MEMBERS;
/** The generator makes only members so far: a club of this many members stands in for 5 years of records. */
const HISTORY_RECORDS = 50_000;
const SEEDED_AT = '2026-11-20T03:00:00.000Z';

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const syncFigures: BenchSuite = async (ctx) => {
  const work = mkdtempSync(join(tmpdir(), 'so-clb-bench-sync-'));
  const servers: ChildServer[] = [];
  let browser: Browser | null = null;
  try {
    const staticDir = join(work, 'static');
    await buildBenchPage(staticDir);
    mkdirSync(join(work, 'couch'));
    const ours = ourServer(join(work, 'server'), staticDir);
    const couch = couchServer(join(work, 'couch'), staticDir);
    servers.push(ours, couch);
    await Promise.all([ours.start(), couch.start()]);
    browser = await launchChromium(ctx.chromiumPath);
    const bench = new SyncBench(ctx, browser, ours, couch, new CodeRouteLimiter());
    return [...(await bench.pushFigures()), ...(await bench.pullFigures()), ...(await bench.historyFigure())];
  } finally {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await server.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
};

class SyncBench {
  constructor(
    private readonly ctx: BenchContext,
    private readonly browser: Browser,
    private readonly ours: ChildServer,
    private readonly couch: ChildServer,
    private readonly limiter: CodeRouteLimiter,
  ) {}

  private page<T>(origin: string, run: (page: BenchPage) => Promise<T>): Promise<T> {
    return withBenchPage(this.browser, origin, run);
  }

  private slowed<T>(page: BenchPage, measured: () => Promise<T>): Promise<T> {
    return page.slowed(this.ctx.cpuSlowdown, measured);
  }

  // ---- Push: 10,000 new members ----------------------------------------------------------------

  async pushFigures(): Promise<Figure[]> {
    const { ctx } = this;
    const sample = sampleClub({ seed: 1, members: PUSH_RECORDS });
    const docs = sample.members.map((fields) => ({ _id: uuidv7(), ...recordData('pouchdb-club', fields, SEEDED_AT) }));
    // The one-request-each pushes go to a club of their own, from one device whose seq goes on run after run.
    await this.limiter.take('/clubs', ctx.log);
    const replayDevice = await createClubOnServer(this.ours.url, BENCH_SETUP_CODE, sample.club);

    const ours: number[] = [];
    const pouch: number[] = [];
    const replay: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      ours.push(await this.oursPush(run, sample));
      pouch.push(await this.pouchPush(run, docs));
      replay.push(await this.replayPush(run, sample.members.slice(0, REPLAY_REQUESTS), replayDevice));
    }
    if ((await countMembers(this.ours.url, replayDevice.token)) !== REPLAY_REQUESTS * ctx.runs) {
      throw new Error('the one-request-each pushes did not all land as members');
    }
    const replayPer10k = replay.map((ms) => (ms * PUSH_RECORDS) / REPLAY_REQUESTS);
    const slowdown = ctx.cpuSlowdown;
    return [
      figure({
        id: 'sync.push.ours',
        group: 'sync',
        label: 'Ours: 10,000 queued mutations pushed and acknowledged (pushPending, loopback)',
        unit: 'ms',
        cpuSlowdown: slowdown,
        samples: ours,
        budget: { text: '10,000 queued mutations pushed and acknowledged over loopback < 10 s', limit: 10_000, kind: 'max' },
      }),
      figure({
        id: 'sync.push.pouchdb',
        group: 'sync',
        label: 'PouchDB: the same 10,000 docs, replicate.to express-pouchdb (defaults, batch_size 100)',
        unit: 'ms',
        cpuSlowdown: slowdown,
        samples: pouch,
      }),
      ratioFigure(
        { id: 'sync.push.ours-vs-pouchdb', group: 'sync', label: 'Push 10,000: ours vs PouchDB', cpuSlowdown: slowdown, note: 'ours ÷ PouchDB' },
        ours,
        pouch,
      ),
      figure({
        id: 'sync.push.one-request-each',
        group: 'sync',
        label: `One request per mutation, replayed as workbox-background-sync does (${REPLAY_REQUESTS.toLocaleString('en-US')} replayed, scaled to 10,000)`,
        unit: 'ms',
        cpuSlowdown: slowdown,
        samples: replayPer10k,
      }),
      ratioFigure(
        { id: 'sync.push.ours-vs-one-request-each', group: 'sync', label: 'Push 10,000: ours vs one request each', cpuSlowdown: slowdown, note: 'ours ÷ one request each' },
        ours,
        replayPer10k,
      ),
    ];
  }

  private async oursPush(run: number, sample: ReturnType<typeof sampleClub>): Promise<number> {
    const { ctx } = this;
    return this.page(this.ours.url, async (page) => {
      await this.limiter.take('/clubs', ctx.log);
      await page.call('connectNewClub', { serverUrl: this.ours.url, setupCode: BENCH_SETUP_CODE, club: sample.club });
      const seeded = await page.call('createMembers', sample.members);
      if (seeded.outbox !== PUSH_RECORDS) throw new Error(`outbox holds ${seeded.outbox}, not ${PUSH_RECORDS}`);
      const pushed = await this.slowed(page, () => page.call('pushAll'));
      if (pushed.outboxLeft !== 0 || pushed.acknowledged !== PUSH_RECORDS || pushed.rejected !== 0) {
        throw new Error(`push: ${JSON.stringify(pushed)}`);
      }
      ctx.log(`  push run ${run + 1}: ours ${fmt(pushed.ms)} (${pushed.batches} batches; queued at 1× in ${fmt(seeded.ms)})`);
      return pushed.ms;
    });
  }

  private async pouchPush(run: number, docs: Record<string, unknown>[]): Promise<number> {
    return this.page(this.couch.url, async (page) => {
      await page.call('loadPouchDB');
      const seeded = await page.call('pouchSeed', docs);
      if (seeded.docCount !== docs.length) throw new Error(`PouchDB holds ${seeded.docCount} docs`);
      const pushed = await this.slowed(page, () => page.call('pouchPush', `${this.couch.url}/db/push-${run}-${Date.now()}`));
      if (pushed.docsWritten !== docs.length) throw new Error(`PouchDB wrote ${pushed.docsWritten} docs`);
      this.ctx.log(`  push run ${run + 1}: PouchDB ${fmt(pushed.ms)}`);
      return pushed.ms;
    });
  }

  private async replayPush(run: number, members: MemberFields[], device: ChairDevice): Promise<number> {
    return this.page(this.ours.url, async (page) => {
      const firstSeq = device.nextSeq;
      const queued = await page.call('queueRequests', {
        pushUrl: `${this.ours.url}/api/v1/sync/push`,
        token: device.token,
        firstSeq,
        clubId: device.clubId,
        members,
      });
      if (queued.queued !== members.length) throw new Error(`queued ${queued.queued}`);
      const replayed = await this.slowed(page, () => page.call('replayQueue'));
      device.nextSeq += members.length;
      const acked = await ackedThrough(this.ours.url, device.token);
      if (replayed.replayed !== members.length || replayed.notOk !== 0 || acked !== device.nextSeq - 1) {
        throw new Error(`replay: ${JSON.stringify(replayed)}, server acked through ${acked}`);
      }
      this.ctx.log(`  push run ${run + 1}: one request each ${fmt(replayed.ms)} for ${members.length} (${fmt((replayed.ms * PUSH_RECORDS) / members.length)} per 10,000)`);
      return replayed.ms;
    });
  }

  // ---- Pull: a new phone's first sync ------------------------------------------------------------

  /** A club of `count` members on the real server, pushed from Node in batches of 500. */
  private async seedServerClub(seed: number, count: number): Promise<{ chair: ChairDevice; ids: string[]; members: MemberFields[] }> {
    const sample = sampleClub({ seed, members: count });
    await this.limiter.take('/clubs', this.ctx.log);
    const chair = await createClubOnServer(this.ours.url, BENCH_SETUP_CODE, sample.club);
    const started = Date.now();
    const ids = await pushMembers(this.ours.url, chair, sample.members);
    this.ctx.log(`  seeded a club of ${count.toLocaleString('en-US')} members on the server in ${fmt(Date.now() - started)}`);
    return { chair, ids, members: sample.members };
  }

  private async oursJoin(run: number, chair: ChairDevice, expected: number, what: string): Promise<number> {
    const { ctx } = this;
    const code = await createInvite(this.ours.url, chair);
    return this.page(this.ours.url, async (page) => {
      await this.limiter.take('/enroll', ctx.log);
      const joined = await this.slowed(page, () => page.call('joinAndPull', { serverUrl: this.ours.url, code }));
      if (joined.error || joined.members !== expected) throw new Error(`join and pull: ${JSON.stringify(joined)}`);
      ctx.log(`  ${what} run ${run + 1}: ours ${fmt(joined.ms)}`);
      return joined.ms;
    });
  }

  async pullFigures(): Promise<Figure[]> {
    const { ctx } = this;
    const { chair, ids, members } = await this.seedServerClub(2, PULL_RECORDS);
    // The same records for CouchDB, once, through _bulk_docs.
    const database = `${this.couch.url}/db/stress-club`;
    const created = await fetch(database, { method: 'PUT' });
    if (!created.ok) throw new Error(`PUT ${database}: ${created.status}`);
    for (let i = 0; i < members.length; i += 1000) {
      const docs = members.slice(i, i + 1000).map((fields, j) => ({ _id: ids[i + j], ...recordData(chair.clubId, fields, SEEDED_AT) }));
      const response = await fetch(`${database}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
      if (!response.ok) throw new Error(`_bulk_docs: ${response.status}`);
    }

    const ours: number[] = [];
    const pouch: number[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      ours.push(await this.oursJoin(run, chair, PULL_RECORDS, 'pull 20,000'));
      pouch.push(
        await this.page(this.couch.url, async (page) => {
          await page.call('loadPouchDB');
          const pulled = await this.slowed(page, () => page.call('pouchPull', database));
          if (pulled.docsWritten !== PULL_RECORDS || pulled.docCount !== PULL_RECORDS) throw new Error(`PouchDB pull: ${JSON.stringify(pulled)}`);
          ctx.log(`  pull 20,000 run ${run + 1}: PouchDB ${fmt(pulled.ms)}`);
          return pulled.ms;
        }),
      );
    }
    const slowdown = ctx.cpuSlowdown;
    return [
      figure({
        id: 'sync.pull.ours-20k',
        group: 'sync',
        label: `Ours: a new phone joins and pulls the stress club (${PULL_RECORDS.toLocaleString('en-US')} members)`,
        unit: 'ms',
        cpuSlowdown: slowdown,
        samples: ours,
      }),
      figure({
        id: 'sync.pull.pouchdb-20k',
        group: 'sync',
        label: `PouchDB: a fresh database's replicate.from of the same ${PULL_RECORDS.toLocaleString('en-US')} docs (defaults)`,
        unit: 'ms',
        cpuSlowdown: slowdown,
        samples: pouch,
      }),
      ratioFigure(
        { id: 'sync.pull.ours-vs-pouchdb', group: 'sync', label: 'First pull of 20,000: ours vs PouchDB', cpuSlowdown: slowdown, note: 'ours ÷ PouchDB' },
        ours,
        pouch,
      ),
    ];
  }

  async historyFigure(): Promise<Figure[]> {
    const { ctx } = this;
    const { chair } = await this.seedServerClub(3, HISTORY_RECORDS);
    const samples: number[] = [];
    for (let run = 0; run < ctx.runs; run++) samples.push(await this.oursJoin(run, chair, HISTORY_RECORDS, 'pull 50,000'));
    return [
      figure({
        id: 'sync.pull.ours-50k',
        group: 'sync',
        label: 'Ours: a new phone pulls 50,000 records (stand-in for 5 years: 50,000 members, the generator has only members)',
        unit: 'ms',
        cpuSlowdown: ctx.cpuSlowdown,
        samples,
        budget: { text: 'new phone pulls a 5-year club history (≈ 50,000 records) < 20 s', limit: 20_000, kind: 'max' },
      }),
    ];
  }
}
