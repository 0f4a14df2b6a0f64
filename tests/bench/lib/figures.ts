/**
 * One measured figure of `npm run bench`: what was measured, how (CPU slowdown, runs), the
 * median with min and max, and the budget it is held to when ARCHITECTURE.md sets one.
 */
export type FigureGroup = 'phone' | 'sync' | 'server';
export type Unit = 'ms' | 'bytes' | 'mutations/s' | 'MB' | 'ratio';

export interface Budget {
  /** The budget's words as ARCHITECTURE.md gives them. */
  text: string;
  limit: number;
  /** 'max': the figure must be at most the limit; 'min': at least. */
  kind: 'max' | 'min';
}

export interface Figure {
  id: string;
  group: FigureGroup;
  label: string;
  unit: Unit;
  /** 1 when nothing was slowed down (server figures, byte counts). */
  cpuSlowdown: number;
  runs: number;
  median: number;
  min: number;
  max: number;
  samples: number[];
  budget?: Budget;
  /** Against what this figure is a ratio, when it is one (e.g. "ours ÷ PouchDB"). */
  note?: string;
}

export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { runs: samples.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples: [...samples] };
}

/** The p-th percentile (0–100) of a set of latencies, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function figure(
  fields: Omit<Figure, keyof Summary> & { samples: readonly number[] },
): Figure {
  return { ...fields, ...summarize(fields.samples) };
}

/** Runs `once` `runs` times (after `warmup` unrecorded runs) and returns the samples. */
export async function repeat<T = number>(runs: number, once: (run: number) => Promise<T>, warmup = 0): Promise<T[]> {
  for (let i = 0; i < warmup; i++) await once(-1 - i);
  const samples: T[] = [];
  for (let run = 0; run < runs; run++) samples.push(await once(run));
  return samples;
}

/** A figure divided by another, run by run (both measured in the same bench run). */
export function ratioFigure(
  fields: Omit<Figure, keyof Summary | 'unit'>,
  numerator: readonly number[],
  denominator: readonly number[],
): Figure {
  const n = Math.min(numerator.length, denominator.length);
  const samples = Array.from({ length: n }, (_, i) => numerator[i]! / denominator[i]!);
  return figure({ ...fields, unit: 'ratio', samples });
}

export function meetsBudget(f: Figure): boolean | undefined {
  if (!f.budget) return undefined;
  return f.budget.kind === 'max' ? f.median <= f.budget.limit : f.median >= f.budget.limit;
}
