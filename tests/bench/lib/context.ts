import type { Figure } from './figures';

/** What every bench suite is given. */
export interface BenchContext {
  /** Measured runs per figure (at least 5 for a reportable run). */
  runs: number;
  /** The CPU slowdown for phone-side figures (CDP Emulation.setCPUThrottlingRate). */
  cpuSlowdown: number;
  /** PostgreSQL for the server figures; undefined when none is reachable. */
  postgresUrl: string | undefined;
  /** Path to the Chromium binary. */
  chromiumPath: string;
  /** Progress lines, so a long run shows where it is. */
  log(message: string): void;
}

export type BenchSuite = (context: BenchContext) => Promise<Figure[]>;
