import { spawnSync } from 'node:child_process';
import type { BenchSuite } from './lib/context';
import { figure } from './lib/figures';
import { REPO_ROOT } from './lib/child-server';

/** The size the bench soaks at; CI runs the same test a few hundred changes long. */
export const SOAK_CHANGES = 10_000;

/**
 * The sync soak (tests/sync/soak.test.ts) at full size: five phones, 10,000 changes, lost and
 * doubled replies, timeouts, the server killed mid-push. It is a test more than a figure: a
 * failure fails the bench. Its time is reported (one run: it takes minutes; more runs would
 * tell little more, as its schedule is seeded).
 */
export const soakFigures: BenchSuite = async (context) => {
  context.log(`soak: ${SOAK_CHANGES} changes (a few minutes)…`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'tests/sync/soak.test.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, SOAK_CHANGES: String(SOAK_CHANGES) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`the soak failed:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`);
  return [
    figure({
      id: 'soak-10000',
      group: 'sync',
      label: `Soak: 5 phones, ${SOAK_CHANGES.toLocaleString('en')} changes, lost and doubled replies, timeouts, server killed mid-push — all converge, nothing lost (wall time, passes)`,
      unit: 'ms',
      cpuSlowdown: 1,
      samples: [ms],
    }),
  ];
};
