import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BenchContext, BenchSuite } from './lib/context';
import { meetsBudget, type Figure } from './lib/figures';
import { describeMachine } from './lib/machine';
import { markdownTable, replaceReadmeTable, textTable } from './lib/report';
import { associationFigures } from './association-figures';
import { phoneFigures } from './phone-figures';
import { serverFigures } from './server-figures';
import { soakFigures } from './soak-figures';
import { syncFigures } from './sync-figures';

/**
 * `npm run bench`: what a cheap phone and the server feel, measured the same way every time.
 * Not part of `npm test` (it takes several minutes). Options:
 *   --runs N        measured runs per figure (default 5; fewer is for trying the bench out)
 *   --slowdown N    CPU slowdown of the phone figures (default 6)
 *   --only a,b      some of: phone, sync, server, association, soak
 *   --out FILE      the JSON results (default tests/bench/results/bench-<time>.json)
 *   --readme        also write the table into README.md's Performance section
 * PostgreSQL figures run when BENCH_DATABASE_URL (or TEST_DATABASE_URL) reaches a server.
 */
const SUITES: Record<string, BenchSuite> = { phone: phoneFigures, sync: syncFigures, server: serverFigures, association: associationFigures, soak: soakFigures };

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    slowdown: { type: 'string', default: '6' },
    only: { type: 'string' },
    out: { type: 'string' },
    readme: { type: 'boolean', default: false },
  },
});

async function reachablePostgres(url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch (error) {
    console.warn(`PostgreSQL at BENCH_DATABASE_URL is not reachable (${(error as Error).message}): its figures are skipped.`);
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const runs = Number(values.runs);
  const cpuSlowdown = Number(values.slowdown);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  if (!(cpuSlowdown >= 1)) throw new Error('--slowdown must be ≥ 1');
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SUITES);
  for (const name of only) if (!SUITES[name]) throw new Error(`--only: no suite "${name}" (${Object.keys(SUITES).join(', ')})`);
  if (!existsSync('dist/index.html')) throw new Error('No build in dist/: run `npm run build` first (npm run bench does).');

  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const machine = describeMachine(chromiumPath);
  const postgresUrl = await reachablePostgres(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const started = Date.now();
  const context: BenchContext = {
    runs,
    cpuSlowdown,
    postgresUrl,
    chromiumPath,
    log: (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`),
  };
  console.log(`${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ${machine.chromium}; ${runs} runs; CPU slowdown ${cpuSlowdown}×`);
  if (runs < 5) console.warn('Fewer than 5 runs: fine for trying the bench, not for reporting.');

  const figures: Figure[] = [];
  for (const name of only) {
    context.log(`${name} figures…`);
    figures.push(...(await SUITES[name]!(context)));
  }

  console.log(`\n${textTable(figures)}\n`);
  const misses = figures.filter((f) => meetsBudget(f) === false);
  console.log(misses.length === 0 ? 'Every budget measured here is met.' : `Budgets missed: ${misses.map((f) => f.label).join('; ')}`);

  const out = resolve(values.out ?? join('tests/bench/results', `bench-${machine.date.replace(/[:.]/g, '-')}.json`));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ machine, runs, cpuSlowdown, postgres: postgresUrl !== undefined, figures }, null, 2)}\n`);
  console.log(`Results: ${out}`);

  if (values.readme) {
    const command = `npm run bench -- --runs ${runs}${only.length < Object.keys(SUITES).length ? ` --only ${only.join(',')}` : ''}`;
    const readme = readFileSync('README.md', 'utf8');
    writeFileSync('README.md', replaceReadmeTable(readme, markdownTable(figures, machine, command)));
    console.log('README.md Performance table updated.');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
