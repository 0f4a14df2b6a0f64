import type { AREA_TYPES } from './club';
import type { ReportFigures } from './club-report';
import type { ReportStatus } from './periods';

/**
 * An association's figures (REPORTS.md, "An association"): the plan's figures over the clubs
 * of a commune, a province or the nation, from each club's own report figures. Pure, so the
 * server's pages and any check of them add up the same way.
 */

/** The report figures an association adds up: counts and sums only, never a person. */
export const CLUB_FIGURES_KEPT = [
  'members',
  'women',
  'older',
  'olderWomen',
  'fullActivities',
  'digitalSessions',
  'greenSessions',
  'startupSessions',
  'incomeClosing',
  'applicants',
  'applicantsWithLoan',
  'borrowers',
  'careVolunteers',
  'caredFor',
  'visits',
  'membersChecked',
  'checkedYear',
  'readings',
  'highReadings',
  'loansOutstanding',
  'standardScore',
  'standard',
] as const satisfies readonly (keyof ReportFigures)[];
export type KeptFigure = (typeof CLUB_FIGURES_KEPT)[number];
export type KeptFigures = Record<KeptFigure, number | null>;

/** One club as the association sees it: where it is, its figures for the period, its report. */
export interface ClubRow {
  clubId: string;
  name: string;
  province: string;
  commune: string;
  provinceKey: string;
  communeKey: string;
  areaType: (typeof AREA_TYPES)[number];
  /** The day the club was made on the server ('YYYY-MM-DD'): "new clubs this year". */
  createdOn: string;
  figures: KeptFigures;
  report: { status: ReportStatus; sentAt: string | null };
}

/** The plan's targets for an association (seed 001, Bắc Ninh); every one a setting. */
export const ASSOCIATION_TARGETS = {
  olderWomenPercent: 50,
  fullActivitiesPercent: 80,
  themesPercent: 50,
  /** Clubs whose income fund is at least `fundFloor`. */
  fundPercent: 100,
  fundFloor: 100_000_000,
  borrowingPercent: 60,
  newClubsPerYear: 14,
} as const;
export type AssociationTargets = { [K in keyof typeof ASSOCIATION_TARGETS]: number };

export interface GroupFigures {
  clubs: number;
  members: number;
  newClubs: number;
  women: number;
  womenPercent: number | null;
  olderWomenPercent: number | null;
  fullActivities: number;
  fullActivitiesPercent: number | null;
  digitalPercent: number | null;
  greenPercent: number | null;
  startupPercent: number | null;
  fundClubs: number;
  fundPercent: number | null;
  borrowingPercent: number | null;
  volunteers: number;
  caredFor: number;
  visits: number;
  checked: number;
  checkedPercent: number | null;
  highReadings: number;
  standardClubs: number;
  reports: Record<ReportStatus, number>;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

/**
 * What adds up across clubs: counts of clubs and sums of their figures. A group's rates are
 * worked out from these (figuresOf), never averaged from its parts' rates: a commune of 3
 * clubs and one of 30 weigh as their members do. The server adds them up in SQL over its
 * table of club figures (store/club-figures.ts), as `sumsOf` does here over rows.
 */
export interface FigureSums {
  clubs: number;
  newClubs: number;
  members: number;
  women: number;
  older: number;
  olderWomen: number;
  fullActivities: number;
  digitalClubs: number;
  greenClubs: number;
  startupClubs: number;
  fundClubs: number;
  applicants: number;
  applicantsWithLoan: number;
  volunteers: number;
  caredFor: number;
  visits: number;
  checked: number;
  highReadings: number;
  standardClubs: number;
  reports: Record<ReportStatus, number>;
}

/** The sums of a group of clubs (a commune, a province, the nation). `year`: 'YYYY', for new clubs. */
export function sumsOf(rows: readonly ClubRow[], year: string, targets: AssociationTargets = ASSOCIATION_TARGETS): FigureSums {
  const sum = (figure: KeptFigure) => rows.reduce((total, row) => total + (row.figures[figure] ?? 0), 0);
  const clubsWith = (test: (f: KeptFigures) => boolean) => rows.filter((row) => test(row.figures)).length;
  const reports: Record<ReportStatus, number> = { in: 0, late: 0, missing: 0, due: 0, open: 0 };
  for (const row of rows) reports[row.report.status] += 1;
  return {
    clubs: rows.length,
    newClubs: rows.filter((row) => row.createdOn.startsWith(year)).length,
    members: sum('members'),
    women: sum('women'),
    older: sum('older'),
    olderWomen: sum('olderWomen'),
    fullActivities: clubsWith((f) => f.fullActivities === 1),
    digitalClubs: clubsWith((f) => (f.digitalSessions ?? 0) > 0),
    greenClubs: clubsWith((f) => (f.greenSessions ?? 0) > 0),
    startupClubs: clubsWith((f) => (f.startupSessions ?? 0) > 0),
    fundClubs: clubsWith((f) => (f.incomeClosing ?? 0) >= targets.fundFloor),
    applicants: sum('applicants'),
    applicantsWithLoan: sum('applicantsWithLoan'),
    volunteers: sum('careVolunteers'),
    caredFor: sum('caredFor'),
    visits: sum('visits'),
    checked: sum('membersChecked'),
    highReadings: sum('highReadings'),
    standardClubs: clubsWith((f) => f.standard === 1),
    reports,
  };
}

/** A group's figures, its rates worked out from its sums. */
export function figuresOf(sums: FigureSums): GroupFigures {
  return {
    clubs: sums.clubs,
    members: sums.members,
    newClubs: sums.newClubs,
    women: sums.women,
    womenPercent: percent(sums.women, sums.members),
    olderWomenPercent: percent(sums.olderWomen, sums.older),
    fullActivities: sums.fullActivities,
    fullActivitiesPercent: percent(sums.fullActivities, sums.clubs),
    digitalPercent: percent(sums.digitalClubs, sums.clubs),
    greenPercent: percent(sums.greenClubs, sums.clubs),
    startupPercent: percent(sums.startupClubs, sums.clubs),
    fundClubs: sums.fundClubs,
    fundPercent: percent(sums.fundClubs, sums.clubs),
    borrowingPercent: percent(sums.applicantsWithLoan, sums.applicants),
    volunteers: sums.volunteers,
    caredFor: sums.caredFor,
    visits: sums.visits,
    checked: sums.checked,
    checkedPercent: percent(sums.checked, sums.members),
    highReadings: sums.highReadings,
    standardClubs: sums.standardClubs,
    reports: sums.reports,
  };
}

/** The figures of a group of clubs, from their rows. */
export function groupFigures(rows: readonly ClubRow[], year: string, targets: AssociationTargets = ASSOCIATION_TARGETS): GroupFigures {
  return figuresOf(sumsOf(rows, year, targets));
}

/** One commune's clubs as its area and standard count: what communeStandards needs of it. */
export interface CommuneTally {
  mountains: number;
  plains: number;
  standard: number;
}

/** Communes by how many standard clubs they have, plains and mountains apart (REPORTS.md). */
export interface CommuneStandards {
  communes: number;
  /** Communes with at least 1, 2, 3 and 4 standard clubs. */
  atLeast: [number, number, number, number];
}

/** Each commune's tally, from its clubs' rows. */
export function communeTallies(rows: readonly ClubRow[]): CommuneTally[] {
  const communes = new Map<string, CommuneTally>();
  for (const row of rows) {
    const key = `${row.provinceKey}|${row.communeKey}`;
    const c = communes.get(key) ?? { mountains: 0, plains: 0, standard: 0 };
    c[row.areaType] += 1;
    if (row.figures.standard === 1) c.standard += 1;
    communes.set(key, c);
  }
  return [...communes.values()];
}

/**
 * A commune is a mountain commune when most of its clubs say they are in the mountains (a
 * tie counts as mountains: the plan's mountain targets are the ones to watch there).
 */
export function communeStandards(tallies: readonly CommuneTally[]): Record<(typeof AREA_TYPES)[number], CommuneStandards> {
  const out = {
    plains: { communes: 0, atLeast: [0, 0, 0, 0] as CommuneStandards['atLeast'] },
    mountains: { communes: 0, atLeast: [0, 0, 0, 0] as CommuneStandards['atLeast'] },
  };
  for (const c of tallies) {
    const group = out[c.mountains >= c.plains ? 'mountains' : 'plains'];
    group.communes += 1;
    for (let n = 1; n <= 4; n++) if (c.standard >= n) group.atLeast[n - 1]! += 1;
  }
  return out;
}

/** Rows grouped by a key (the province, or the commune), each group's name its first club's spelling. */
export function groupBy(rows: readonly ClubRow[], level: 'province' | 'commune'): { key: string; name: string; rows: ClubRow[] }[] {
  const groups = new Map<string, { key: string; name: string; rows: ClubRow[] }>();
  for (const row of rows) {
    const key = level === 'province' ? row.provinceKey : row.communeKey;
    const group = groups.get(key) ?? { key, name: level === 'province' ? row.province : row.commune, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
