import type { BenchContext, BenchSuite } from './lib/context';
import { figure, ratioFigure, type Figure, type Unit } from './lib/figures';
import type { DatabaseKind } from './server/databases';
import { CLUBS, manyPhonesRun, p50, p99, PHONES_PER_CLUB, type ManyPhonesRun } from './server/many-phones';
import { pullDuringPushRun, type PullDuringPushRun } from './server/pull-during-push';
import { THROUGHPUT_MUTATIONS, throughputRun, type ThroughputRun } from './server/throughput';

/**
 * The server's figures: the real server (src/server/main.ts in a child process, as
 * `npm start` runs it), loaded over loopback HTTP from this process. On SQLite always, and
 * on PostgreSQL when the bench has one. Every run starts from an empty database and a fresh
 * server process. See server/throughput.ts, server/many-phones.ts and server/pull-during-push.ts
 * for what each run does.
 */
export const serverFigures: BenchSuite = async (ctx) => {
  const kinds: DatabaseKind[] = ctx.postgresUrl ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
  const figures: Figure[] = [];
  for (const kind of kinds) figures.push(...(await figuresFor(kind, ctx)));
  return figures;
};

async function figuresFor(kind: DatabaseKind, ctx: BenchContext): Promise<Figure[]> {
  const slug = kind === 'SQLite' ? 'sqlite' : 'postgres';
  const base = (id: string, label: string, unit: Unit, samples: number[], note?: string): Figure =>
    figure({ id: `server-${slug}-${id}`, group: 'server', label: `${kind}: ${label}`, unit, cpuSlowdown: 1, samples, ...(note ? { note } : {}) });

  const throughput: ThroughputRun[] = [];
  for (let run = 0; run < ctx.runs; run++) {
    const result = await throughputRun(kind, ctx.postgresUrl, run);
    throughput.push(result);
    ctx.log(`server ${kind}: push throughput run ${run + 1}/${ctx.runs}: ${Math.round(result.oursPerSecond)} mutations/s, raw ${Math.round(result.rawPerSecond)} rows/s`);
  }
  const ours = throughput.map((t) => t.oursPerSecond);
  const raw = throughput.map((t) => t.rawPerSecond);
  const batches = `${THROUGHPUT_MUTATIONS.toLocaleString('en-US')} mutations in batches of 500`;

  const rush: ManyPhonesRun[] = [];
  for (let run = 0; run < ctx.runs; run++) {
    const result = await manyPhonesRun(kind, ctx.postgresUrl, run);
    rush.push(result);
    ctx.log(
      `server ${kind}: ${CLUBS * PHONES_PER_CLUB} phones run ${run + 1}/${ctx.runs}: ${result.mutations} mutations, push p50 ${p50(result.pushMs).toFixed(0)} / p99 ${p99(result.pushMs).toFixed(0)} ms, pull p50 ${p50(result.pullMs).toFixed(0)} / p99 ${p99(result.pullMs).toFixed(0)} ms, all synced in ${result.rushMs.toFixed(0)} ms`,
    );
  }
  const phones = `${CLUBS * PHONES_PER_CLUB} phones syncing at once (${CLUBS} clubs × ${PHONES_PER_CLUB})`;

  const quiet: PullDuringPushRun[] = [];
  for (let run = 0; run < ctx.runs; run++) {
    const result = await pullDuringPushRun(kind, ctx.postgresUrl, run);
    quiet.push(result);
    ctx.log(
      `server ${kind}: pulls during pushes run ${run + 1}/${ctx.runs}: ${result.duringPushMs.length} pulls, p50 ${p50(result.duringPushMs).toFixed(1)} / p99 ${p99(result.duringPushMs).toFixed(1)} ms (idle p50 ${p50(result.idleMs).toFixed(1)} ms)`,
    );
  }
  const duringPush = 'one club’s pull (65 members, from 0) while another club pushes 500-mutation batches';

  return [
    base('push-throughput', `push throughput, ${batches}, one phone`, 'mutations/s', ours),
    base('raw-insert', `raw driver inserts of the same rows, transactions of 500 (rows/s)`, 'mutations/s', raw),
    ratioFigure(
      { id: `server-${slug}-push-vs-raw`, group: 'server', label: `${kind}: push throughput against raw inserts`, cpuSlowdown: 1, note: 'ours ÷ raw inserts' },
      ours,
      raw,
    ),
    base('rush-push-p50', `${phones}: push latency p50 (10–20 mutations)`, 'ms', rush.map((r) => p50(r.pushMs))),
    base('rush-push-p99', `${phones}: push latency p99`, 'ms', rush.map((r) => p99(r.pushMs))),
    base('rush-pull-p50', `${phones}: pull latency p50 (after its push)`, 'ms', rush.map((r) => p50(r.pullMs))),
    base('rush-pull-p99', `${phones}: pull latency p99`, 'ms', rush.map((r) => p99(r.pullMs))),
    base('rush-all', `${phones}: all pushed and pulled`, 'ms', rush.map((r) => r.rushMs)),
    base('pull-during-push-p50', `${duringPush}: p50`, 'ms', quiet.map((r) => p50(r.duringPushMs))),
    base('pull-during-push-p99', `${duringPush}: p99`, 'ms', quiet.map((r) => p99(r.duringPushMs))),
    base('pull-idle-p50', 'the same pull with nothing else going on: p50', 'ms', quiet.map((r) => p50(r.idleMs))),
    base('first-pull', 'first pull from 0 of a 60–70-member club, one phone at a time (p50)', 'ms', rush.map((r) => p50(r.firstPullMs))),
    base('rss-idle', 'server memory (RSS) at idle after start', 'MB', rush.map((r) => r.idleRssMB)),
    base('rss-peak', `server peak memory (VmHWM) after ${phones}`, 'MB', rush.map((r) => r.peakRssMB)),
  ];
}
