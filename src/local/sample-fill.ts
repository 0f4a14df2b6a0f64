import { pageValue } from './page-value';

/**
 * A practice book filling in behind the home screen: how many of its records are on the phone
 * so far. The home screen opens as soon as the club is made (sample-book.ts), and a person who
 * opens the fund book before its entries are in must be told the book is still coming, not
 * offered to start an empty one. Kept in memory, not in the book: a fill stopped by closing
 * the app is not going on, and nothing says it is.
 */
export interface SampleFill {
  written: number;
  total: number;
}

const fill = pageValue<SampleFill | null>(null);

export const reportSampleFill = fill.set;
/** The fill going on now, or null; the same object until it changes (for useSyncExternalStore). */
export const sampleFill = fill.get;
export const onSampleFill = fill.subscribe;
