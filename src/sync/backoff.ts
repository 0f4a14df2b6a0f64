/**
 * How long to wait after failed syncs before trying again on its own (SYNC-PROTOCOL.md):
 * about 20 s, 40 s, 5 min, then every 15 min, each ±20 % so that a village's phones that
 * lost the network together do not all come back in the same second.
 */

export const BACKOFF_STEPS_MS = [20_000, 40_000, 5 * 60_000, 15 * 60_000] as const;
export const BACKOFF_JITTER = 0.2;

/** The wait after `failures` failures in a row (1 = the first failure). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const step = BACKOFF_STEPS_MS[Math.min(failures, BACKOFF_STEPS_MS.length) - 1]!;
  const spread = 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random();
  return Math.round(step * spread);
}
