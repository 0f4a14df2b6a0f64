import { dayOf, type CalendarDate } from './dates';

/**
 * The sample club's dice and calendar: a seeded generator (the same seed, the same club) and
 * date arithmetic on whole days, shared by the generator of the members and of each book's
 * history.
 */

/** Items with their weights: picked in proportion to them. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** mulberry32: a tiny, fast 32-bit generator; plenty for made-up clubs, never for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  digits(count: number): string {
    return String(this.int(0, 10 ** count - 1)).padStart(count, '0');
  }
  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  /**
   * `count` of the `people` drawn without replacement, each in proportion to its weight
   * (Efraimidis–Spirakis): exact counts, yet the frail are likelier to be cared for.
   */
  draw<T>(people: readonly T[], weight: (person: T) => number, count: number): T[] {
    const keys = new Float64Array(people.length);
    const order: number[] = [];
    people.forEach((person, i) => {
      const w = weight(person);
      if (w > 0) {
        keys[i] = Math.log(this.next() || Number.MIN_VALUE) / w;
        order.push(i);
      }
    });
    order.sort((a, b) => keys[b]! - keys[a]!);
    return order.slice(0, count).map((i) => people[i]!);
  }
  /** One of the `people`, in proportion to its weight; none when no one weighs anything. */
  drawOne<T>(people: readonly T[], weight: (person: T) => number): T | undefined {
    // A plain weighted pick, no sorting: a stress club draws its board from 20,000 people.
    let total = 0;
    for (const person of people) total += weight(person);
    let r = this.next() * total;
    for (const person of people) {
      const w = weight(person);
      if (w <= 0) continue;
      r -= w;
      if (r < 0) return person;
    }
    return undefined;
  }
}

/** The same month and day `years` earlier (29 February falls on 1 March). */
export function yearsBefore(date: CalendarDate, years: number): number {
  return dayOf(Number(date.slice(0, 4)) - years, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

