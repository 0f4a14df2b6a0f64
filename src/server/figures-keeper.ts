import { CLUB_FIGURES_KEPT, type KeptFigures } from '../domain/association-figures';
import { clubReport } from '../domain/club-report';
import { associationPeriods, vietnamDay } from '../domain/periods';
import { placeKey } from '../domain/places';
import { submissionsByPeriod } from '../domain/reports';
import type { Store } from './store';
import type { ClubFiguresRow, ClubForFigures } from './store/club-figures';

/**
 * Keeps every club's report figures up to date for the associations' pages (REPORTS.md):
 * a few seconds after a club's push, this process works the club's figures out again from
 * its records, with the same clubReport its phones run, and writes them to the club_figures
 * table. Nothing here is the truth: the database says which clubs are behind (their version
 * moved past the one their figures were worked out at, or a new day began), so a club pushed
 * to just before a restart, or to another server process, is caught by the next sweep.
 */
export interface FiguresKeeperOptions {
  /** After a push, wait this long (more pushes of a sync come together). */
  delayMs: number;
  /** How often to look for clubs whose figures are behind. */
  sweepMs: number;
  now: () => Date;
}

export const FIGURES_KEEPER_DEFAULTS: FiguresKeeperOptions = { delayMs: 2_000, sweepMs: 30_000, now: () => new Date() };

/** The calendar day in Vietnam, where the clubs and their deadlines are. */
export function vietnamToday(now: Date): string {
  return vietnamDay(now.toISOString());
}

/** A club's rows for the periods kept, from its records (pure but for nothing: a function of its input). */
export function clubFiguresRows(club: ClubForFigures, today: string): ClubFiguresRow[] {
  if (!club.books) return [];
  const { books } = club;
  const sent = submissionsByPeriod(club.reports);
  return associationPeriods(today).map((period) => {
    const figures = clubReport(books, period, today).figures;
    const kept = Object.fromEntries(CLUB_FIGURES_KEPT.map((f) => [f, figures[f]])) as KeptFigures;
    const submissions = sent.get(period.key);
    return {
      periodKey: period.key,
      name: books.club.name,
      province: books.club.province,
      commune: books.club.commune,
      provinceKey: placeKey(books.club.province),
      communeKey: placeKey(books.club.commune),
      areaType: books.club.areaType,
      createdOn: club.createdOn,
      figures: kept,
      firstSentAt: submissions?.firstSentAt ?? null,
      lastSentAt: submissions?.latest.createdAt ?? null,
    };
  });
}

export class FiguresKeeper {
  private readonly waiting = new Map<string, ReturnType<typeof setTimeout>>();
  private queue: Promise<void> = Promise.resolve();
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: FiguresKeeperOptions = FIGURES_KEEPER_DEFAULTS,
  ) {}

  start(): void {
    if (this.sweeper || this.options.sweepMs <= 0) return;
    this.sweeper = setInterval(() => void this.sweep(), this.options.sweepMs);
    this.sweeper.unref();
    void this.sweep();
  }

  /** A push changed the club: its figures are worked out again shortly. */
  clubChanged(clubId: string): void {
    if (this.closed) return;
    clearTimeout(this.waiting.get(clubId));
    const timer = setTimeout(() => {
      this.waiting.delete(clubId);
      void this.refresh(clubId);
    }, this.options.delayMs);
    timer.unref();
    this.waiting.set(clubId, timer);
  }

  /** Works one club's figures out now (after whatever is already being worked out: one at a time). */
  refresh(clubId: string): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.closed) return;
      const club = await this.store.readClubForFigures(clubId);
      if (!club) return;
      const at = this.options.now();
      const today = vietnamToday(at);
      await this.store.writeClubFigures(clubId, club.version, today, clubFiguresRows(club, today), at);
    });
    // A failure (the database away a moment) leaves the club behind: the next sweep takes it.
    this.queue = run.catch(() => {});
    return run;
  }

  /** Every club whose figures are behind, a batch at a time; how many were worked out. */
  async sweep(batch = 50): Promise<number> {
    let done = 0;
    for (;;) {
      if (this.closed) return done;
      const today = vietnamToday(this.options.now());
      const stale = await this.store.clubsWithStaleFigures(today, batch).catch(() => []);
      for (const clubId of stale) await this.refresh(clubId).catch(() => {});
      done += stale.length;
      if (stale.length < batch) return done;
    }
  }

  /** Waits for what is being worked out (tests, and a clean stop). */
  async idle(): Promise<void> {
    await this.queue;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    await this.queue;
  }
}
