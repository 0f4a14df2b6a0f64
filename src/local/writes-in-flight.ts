import { pageValue } from './page-value';

/**
 * How many changes this page has asked IndexedDB to store and not yet heard back about. A
 * screen shows a tap at once (the roll call's marks), before its write is committed; until
 * that write is committed the badge must not say "saved on this phone", or a phone switched
 * off in that moment loses a mark the screen showed as kept.
 */
const inFlight = pageValue(0);

/** Counts `write` as in flight from now until it settles, committed or refused. */
export function trackWrite<T>(write: Promise<T>): Promise<T> {
  inFlight.set(inFlight.get() + 1);
  return write.finally(() => inFlight.set(inFlight.get() - 1));
}

export const writesInFlight = inFlight.get;
/** Calls `listener` whenever the count changes; returns the way to stop. */
export const onWritesInFlight = inFlight.subscribe;
