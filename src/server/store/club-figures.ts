import { sql, type Kysely } from 'kysely';
import { CLUB_FIGURES_KEPT, type CommuneTally, type FigureSums, type KeptFigure, type KeptFigures } from '../../domain/association-figures';
import type { ClubBooks } from '../../domain/club-report';
import type { ReportPeriod, ReportStatus } from '../../domain/periods';
import { deadlineOf } from '../../domain/periods';
import type { Report } from '../../domain/reports';
import type { ClubFiguresTable, ServerDatabase } from './schema';

/**
 * Each club's report figures for the periods the associations look at, one row per club and
 * period, kept up to date as the club pushes (figures-keeper.ts): the associations' pages add
 * these rows up in SQL and never read a club's records. A club's figures are worked out by
 * the domain's clubReport, the same function its phone runs.
 */

/** kept figure → its column: camelCase → snake_case ('olderWomen' → 'older_women'). */
export const FIGURE_COLUMNS = Object.fromEntries(CLUB_FIGURES_KEPT.map((f) => [f, f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])) as Record<KeptFigure, keyof ClubFiguresTable & string>;

/** The collections a report reads, and the reports themselves. */
const BOOK_COLLECTIONS = ['club', 'members', 'meetings', 'attendance', 'carePlans', 'visits', 'readings', 'referrals', 'strikeOuts', 'entries', 'loans', 'loanApplications', 'reports'] as const;

export interface ClubForFigures {
  version: number;
  createdOn: string;
  /** Null when the club has no club record yet (nothing to report). */
  books: ClubBooks | null;
  reports: Report[];
}

/** Everything of one club the figures need, read in one go (a five-year club: some 20,000 rows). */
export async function readClubForFigures(db: Kysely<ServerDatabase>, clubId: string): Promise<ClubForFigures | null> {
  const club = await db.selectFrom('clubs').select(['version', 'created_at']).where('id', '=', clubId).executeTakeFirst();
  if (!club) return null;
  const rows = await db
    .selectFrom('records')
    .select(['collection', 'data'])
    .where('club_id', '=', clubId)
    .where('deleted', '=', 0)
    .where('collection', 'in', BOOK_COLLECTIONS)
    .execute();
  const by: Record<string, unknown[]> = Object.fromEntries(BOOK_COLLECTIONS.map((c) => [c, []]));
  for (const row of rows) by[row.collection]!.push(JSON.parse(row.data));
  const profile = by.club![0] as ClubBooks['club'] | undefined;
  const books = profile
    ? ({
        club: profile,
        members: by.members,
        meetings: by.meetings,
        attendance: by.attendance,
        carePlans: by.carePlans,
        visits: by.visits,
        readings: by.readings,
        referrals: by.referrals,
        strikeOuts: by.strikeOuts,
        entries: by.entries,
        loans: by.loans,
        loanApplications: by.loanApplications,
      } as ClubBooks)
    : null;
  return { version: Number(club.version), createdOn: club.created_at.slice(0, 10), books, reports: by.reports as Report[] };
}

export interface ClubFiguresRow {
  periodKey: string;
  name: string;
  province: string;
  commune: string;
  provinceKey: string;
  communeKey: string;
  areaType: 'plains' | 'mountains';
  createdOn: string;
  figures: KeptFigures;
  firstSentAt: string | null;
  lastSentAt: string | null;
}

/**
 * Replaces a club's rows with those worked out at `version`, unless rows from a later version
 * are already there (two server processes worked the same club out; the later one stands).
 * Returns whether they were written.
 */
export async function writeClubFigures(db: Kysely<ServerDatabase>, clubId: string, version: number, day: string, rows: readonly ClubFiguresRow[], now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('clubs')
      .set({ figures_version: version, figures_on: day })
      .where('id', '=', clubId)
      .where((eb) => eb.or([eb('figures_version', 'is', null), eb('figures_version', '<', version), eb.and([eb('figures_version', '=', version), eb('figures_on', '<', day)])]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    await trx.deleteFrom('club_figures').where('club_id', '=', clubId).execute();
    const at = now.toISOString();
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('club_figures')
        .values(
          rows.slice(i, i + 100).map((r) => ({
            club_id: clubId,
            period_key: r.periodKey,
            name: r.name,
            province: r.province,
            commune: r.commune,
            province_key: r.provinceKey,
            commune_key: r.communeKey,
            area_type: r.areaType,
            created_on: r.createdOn,
            first_sent_at: r.firstSentAt,
            last_sent_at: r.lastSentAt,
            computed_at: at,
            ...Object.fromEntries(CLUB_FIGURES_KEPT.map((f) => [FIGURE_COLUMNS[f], r.figures[f]])),
          })),
        )
        .execute();
    }
    return true;
  });
}

/** Clubs whose figures are behind their version, or were worked out before `day` (a new day moves "today" and the periods). */
export async function clubsWithStaleFigures(db: Kysely<ServerDatabase>, day: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('clubs')
    .select('id')
    .where((eb) => eb.or([eb('figures_version', 'is', null), eb('figures_version', '<', eb.ref('version')), eb('figures_on', '<', day)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface Scope {
  provinceKey: string | null;
  communeKey: string | null;
}

/**
 * The report status of a club's row for a period, in SQL: the first report's time against the
 * period's deadline (the deadline's Vietnamese midnight as an instant), and today.
 */
function statusCase(period: ReportPeriod, today: string) {
  const deadline = deadlineOf(period);
  // The end of the deadline's day in Vietnam (UTC+7) is 17:00 UTC that day.
  const deadlineEnd = `${deadline}T17:00:00.000Z`;
  const open = today <= period.to;
  const late = today > deadline;
  return sql<string>`CASE WHEN first_sent_at IS NOT NULL AND first_sent_at < ${deadlineEnd} THEN 'in' WHEN first_sent_at IS NOT NULL THEN 'late' WHEN ${open ? 1 : 0} = 1 THEN 'open' WHEN ${late ? 1 : 0} = 1 THEN 'missing' ELSE 'due' END`;
}

type Level = 'province' | 'commune' | 'club' | 'period';

export interface SummedGroup {
  key: string;
  name: string;
  sums: FigureSums;
  /** For a club's group: its area, report and first sending. */
  areaType?: 'plains' | 'mountains';
  status?: ReportStatus;
  sentAt?: string | null;
}

/**
 * The rows of a scope, summed per province, commune, club or period, as FigureSums (the domain's
 * `sumsOf` says what each sum is; tests hold the two to the same answers). `periods`: the
 * periods to read (one, or every kept one for the trend).
 */
export async function sumFigures(
  db: Kysely<ServerDatabase>,
  query: { scope: Scope; periods: readonly ReportPeriod[]; by: Level; today: string; fundFloor: number },
): Promise<SummedGroup[]> {
  const { scope, periods, by, today, fundFloor } = query;
  const results: SummedGroup[] = [];
  // One statement per period: each has its own deadline for the reports' status.
  for (const period of periods) {
    const status = statusCase(period, today);
    const year = today.slice(0, 4);
    const key = by === 'province' ? sql.ref('province_key') : by === 'commune' ? sql.ref('commune_key') : by === 'club' ? sql.ref('club_id') : sql.lit(period.key);
    const name = by === 'province' ? sql`MIN(province)` : by === 'commune' ? sql`MIN(commune)` : by === 'club' ? sql`MIN(name)` : sql.lit(period.key);
    const countWhen = (condition: ReturnType<typeof sql>) => sql<number>`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
    let q = db
      .selectFrom('club_figures')
      .select([
        sql<string>`${key}`.as('group_key'),
        sql<string>`${name}`.as('group_name'),
        sql<number>`COUNT(*)`.as('clubs'),
        countWhen(sql`created_on >= ${`${year}-01-01`}`).as('new_clubs'),
        sql<number>`SUM(COALESCE(members, 0))`.as('members'),
        sql<number>`SUM(COALESCE(women, 0))`.as('women'),
        sql<number>`SUM(COALESCE(older, 0))`.as('older'),
        sql<number>`SUM(COALESCE(older_women, 0))`.as('older_women'),
        countWhen(sql`full_activities = 1`).as('full_activities'),
        countWhen(sql`digital_sessions > 0`).as('digital_clubs'),
        countWhen(sql`green_sessions > 0`).as('green_clubs'),
        countWhen(sql`startup_sessions > 0`).as('startup_clubs'),
        countWhen(sql`income_closing >= ${fundFloor}`).as('fund_clubs'),
        sql<number>`SUM(COALESCE(applicants, 0))`.as('applicants'),
        sql<number>`SUM(COALESCE(applicants_with_loan, 0))`.as('applicants_with_loan'),
        sql<number>`SUM(COALESCE(care_volunteers, 0))`.as('volunteers'),
        sql<number>`SUM(COALESCE(cared_for, 0))`.as('cared_for'),
        sql<number>`SUM(COALESCE(visits, 0))`.as('visits'),
        sql<number>`SUM(COALESCE(members_checked, 0))`.as('checked'),
        sql<number>`SUM(COALESCE(high_readings, 0))`.as('high_readings'),
        countWhen(sql`standard = 1`).as('standard_clubs'),
        ...(['in', 'late', 'missing', 'due', 'open'] as const).map((s) => countWhen(sql`${status} = ${s}`).as(`status_${s}`)),
        sql<string>`MIN(area_type)`.as('area_type'),
        sql<string>`MIN(${status})`.as('status'),
        sql<string>`MIN(first_sent_at)`.as('sent_at'),
      ])
      .where('period_key', '=', period.key);
    if (scope.provinceKey !== null) q = q.where('province_key', '=', scope.provinceKey);
    if (scope.communeKey !== null) q = q.where('commune_key', '=', scope.communeKey);
    if (by !== 'period') q = q.groupBy(by === 'province' ? 'province_key' : by === 'commune' ? 'commune_key' : 'club_id');
    const rows = await q.execute();
    for (const r of rows) {
      if (by === 'period' && Number(r.clubs) === 0) continue;
      const n = (v: unknown) => Number(v ?? 0);
      results.push({
        key: String(r.group_key),
        name: String(r.group_name),
        sums: {
          clubs: n(r.clubs),
          newClubs: n(r.new_clubs),
          members: n(r.members),
          women: n(r.women),
          older: n(r.older),
          olderWomen: n(r.older_women),
          fullActivities: n(r.full_activities),
          digitalClubs: n(r.digital_clubs),
          greenClubs: n(r.green_clubs),
          startupClubs: n(r.startup_clubs),
          fundClubs: n(r.fund_clubs),
          applicants: n(r.applicants),
          applicantsWithLoan: n(r.applicants_with_loan),
          volunteers: n(r.volunteers),
          caredFor: n(r.cared_for),
          visits: n(r.visits),
          checked: n(r.checked),
          highReadings: n(r.high_readings),
          standardClubs: n(r.standard_clubs),
          reports: { in: n(r.status_in), late: n(r.status_late), missing: n(r.status_missing), due: n(r.status_due), open: n(r.status_open) },
        },
        ...(by === 'club' ? { areaType: r.area_type === 'mountains' ? ('mountains' as const) : ('plains' as const), status: r.status as ReportStatus, sentAt: r.sent_at ?? null } : {}),
      });
    }
  }
  return results;
}

/** Each commune's tally of clubs by area and standard clubs, in a scope, for one period. */
export async function communeTalliesIn(db: Kysely<ServerDatabase>, scope: Scope, periodKey: string): Promise<CommuneTally[]> {
  let q = db
    .selectFrom('club_figures')
    .select([
      sql<number>`SUM(CASE WHEN area_type = 'mountains' THEN 1 ELSE 0 END)`.as('mountains'),
      sql<number>`SUM(CASE WHEN area_type = 'mountains' THEN 0 ELSE 1 END)`.as('plains'),
      sql<number>`SUM(CASE WHEN standard = 1 THEN 1 ELSE 0 END)`.as('standard'),
    ])
    .where('period_key', '=', periodKey)
    .groupBy(['province_key', 'commune_key']);
  if (scope.provinceKey !== null) q = q.where('province_key', '=', scope.provinceKey);
  if (scope.communeKey !== null) q = q.where('commune_key', '=', scope.communeKey);
  const rows = await q.execute();
  return rows.map((r) => ({ mountains: Number(r.mountains), plains: Number(r.plains), standard: Number(r.standard) }));
}

/** Where a club is, as its figures row says (for scope checks), or null. */
export async function clubPlace(db: Kysely<ServerDatabase>, clubId: string): Promise<{ name: string; province: string; commune: string; provinceKey: string; communeKey: string } | null> {
  const row = await db
    .selectFrom('club_figures')
    .select(['name', 'province', 'commune', 'province_key', 'commune_key'])
    .where('club_id', '=', clubId)
    .limit(1)
    .executeTakeFirst();
  return row ? { name: row.name, province: row.province, commune: row.commune, provinceKey: row.province_key, communeKey: row.commune_key } : null;
}

/** The place names of a scope's province or commune as the clubs typed them (the first club's spelling). */
export async function placeNames(db: Kysely<ServerDatabase>, scope: Scope): Promise<{ province: string | null; commune: string | null }> {
  if (scope.provinceKey === null) return { province: null, commune: null };
  let q = db.selectFrom('club_figures').select(['province', 'commune']).where('province_key', '=', scope.provinceKey);
  if (scope.communeKey !== null) q = q.where('commune_key', '=', scope.communeKey);
  const row = await q.orderBy('club_id').limit(1).executeTakeFirst();
  return { province: row?.province ?? null, commune: scope.communeKey === null ? null : (row?.commune ?? null) };
}

/** When the oldest figures in a scope were worked out. */
export async function figuresAsOf(db: Kysely<ServerDatabase>, scope: Scope): Promise<string | null> {
  let q = db.selectFrom('club_figures').select(sql<string>`MIN(computed_at)`.as('at'));
  if (scope.provinceKey !== null) q = q.where('province_key', '=', scope.provinceKey);
  if (scope.communeKey !== null) q = q.where('commune_key', '=', scope.communeKey);
  const row = await q.executeTakeFirst();
  return row?.at ?? null;
}

/** A club's reports, every one sent (the history), newest first. */
export async function clubReports(db: Kysely<ServerDatabase>, clubId: string): Promise<Report[]> {
  const rows = await db.selectFrom('records').select('data').where('club_id', '=', clubId).where('collection', '=', 'reports').where('deleted', '=', 0).execute();
  return rows.map((r) => JSON.parse(r.data) as Report).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1));
}
