import type { BenchSuite } from './lib/context';
import { figure } from './lib/figures';
import { NATION_CLUBS, nationRun } from './server/nation';

/**
 * The associations' pages on PostgreSQL with a generated nation of 12,000 clubs (server/nation.ts):
 * the national page, a province's and a commune's, over HTTP from the real server process; and
 * how soon a club's push shows in the national figures. Needs PostgreSQL: nothing without it.
 */
export const associationFigures: BenchSuite = async (ctx) => {
  if (!ctx.postgresUrl) {
    ctx.log('association figures need PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL): skipped');
    return [];
  }
  ctx.log(`association: generating ${NATION_CLUBS.toLocaleString('en-US')} clubs' figures…`);
  const run = await nationRun(ctx.postgresUrl, ctx.runs);
  const base = { group: 'server' as const, unit: 'ms' as const, cpuSlowdown: 1 };
  const page = { text: 'an association page answers within 300 ms', limit: 300, kind: 'max' as const };
  return [
    figure({ ...base, id: 'association-nation', label: `PostgreSQL: the national page, ${NATION_CLUBS.toLocaleString('en-US')} clubs in 34 provinces`, samples: run.nationMs, budget: page }),
    figure({ ...base, id: 'association-province', label: `PostgreSQL: a province's page (${run.provinceClubs} clubs in 98 communes)`, samples: run.provinceMs, budget: page }),
    figure({ ...base, id: 'association-commune', label: 'PostgreSQL: a commune’s page (its clubs)', samples: run.communeMs, budget: page }),
    figure({
      ...base,
      id: 'association-push-to-figures',
      label: 'PostgreSQL: a club’s push → the national figures show it (the keeper waits 2 s for more of the sync)',
      samples: run.pushToFiguresMs,
      budget: { text: 'a push shows in the association’s figures within a few seconds (≤ 5 s)', limit: 5000, kind: 'max' },
    }),
  ];
};
