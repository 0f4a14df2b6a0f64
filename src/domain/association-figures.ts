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

/** The figures of a group of clubs (a commune, a province, the nation). `year`: 'YYYY', for new clubs. */
export function groupFigures(rows: readonly ClubRow[], year: string, targets: AssociationTargets = ASSOCIATION_TARGETS): GroupFigures {
  const sum = (figure: KeptFigure) => rows.reduce((total, row) => total + (row.figures[figure] ?? 0), 0);
  const clubsWith = (test: (f: KeptFigures) => boolean) => rows.filter((row) => test(row.figures)).length;
  const reports: Record<ReportStatus, number> = { in: 0, late: 0, missing: 0, due: 0, open: 0 };
  for (const row of rows) reports[row.report.status] += 1;
  const members = sum('members');
  const women = sum('women');
  const fullActivities = clubsWith((f) => f.fullActivities === 1);
  const fundClubs = clubsWith((f) => (f.incomeClosing ?? 0) >= targets.fundFloor);
  const checked = sum('membersChecked');
  return {
    clubs: rows.length,
    members,
    newClubs: rows.filter((row) => row.createdOn.startsWith(year)).length,
    women,
    womenPercent: percent(women, members),
    olderWomenPercent: percent(sum('olderWomen'), sum('older')),
    fullActivities,
    fullActivitiesPercent: percent(fullActivities, rows.length),
    digitalPercent: percent(clubsWith((f) => (f.digitalSessions ?? 0) > 0), rows.length),
    greenPercent: percent(clubsWith((f) => (f.greenSessions ?? 0) > 0), rows.length),
    startupPercent: percent(clubsWith((f) => (f.startupSessions ?? 0) > 0), rows.length),
    fundClubs,
    fundPercent: percent(fundClubs, rows.length),
    borrowingPercent: percent(sum('applicantsWithLoan'), sum('applicants')),
    volunteers: sum('careVolunteers'),
    caredFor: sum('caredFor'),
    visits: sum('visits'),
    checked,
    checkedPercent: percent(checked, members),
    highReadings: sum('highReadings'),
    standardClubs: clubsWith((f) => f.standard === 1),
    reports,
  };
}

/** Communes by how many standard clubs they have, plains and mountains apart (REPORTS.md). */
export interface CommuneStandards {
  communes: number;
  /** Communes with at least 1, 2, 3 and 4 standard clubs. */
  atLeast: [number, number, number, number];
}

/**
 * A commune is a mountain commune when most of its clubs say they are in the mountains (a
 * tie counts as mountains: the plan's mountain targets are the ones to watch there).
 */
export function communeStandards(rows: readonly ClubRow[]): Record<(typeof AREA_TYPES)[number], CommuneStandards> {
  const communes = new Map<string, { mountains: number; plains: number; standard: number }>();
  for (const row of rows) {
    const key = `${row.provinceKey}|${row.communeKey}`;
    const c = communes.get(key) ?? { mountains: 0, plains: 0, standard: 0 };
    c[row.areaType] += 1;
    if (row.figures.standard === 1) c.standard += 1;
    communes.set(key, c);
  }
  const out = {
    plains: { communes: 0, atLeast: [0, 0, 0, 0] as CommuneStandards['atLeast'] },
    mountains: { communes: 0, atLeast: [0, 0, 0, 0] as CommuneStandards['atLeast'] },
  };
  for (const c of communes.values()) {
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
