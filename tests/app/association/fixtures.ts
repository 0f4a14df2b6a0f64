import { vi } from 'vitest';
import { ASSOCIATION_TARGETS, communeStandards, figuresOf, type FigureSums, type GroupFigures } from '../../../src/domain/association-figures';
import { associationPeriods, periodOf, type ReportStatus } from '../../../src/domain/periods';
import type { AssociationClubReports, AssociationSummary, AssociationView, AssociationViewRow } from '../../../src/domain/protocol';

/**
 * What the server answers an officer of Bắc Ninh province, as association-view.ts builds it:
 * the province's communes, one commune's clubs (one report in time, one late, one missing),
 * a club's reports. Figures from sums, as the server works them out (figuresOf).
 */

export const ACCOUNT: AssociationSummary = { id: '0b7c2d4e-1111-4222-8333-944455556666', name: 'Hội Người cao tuổi tỉnh Bắc Ninh', province: 'Bắc Ninh', commune: null };

const PERIODS = associationPeriods('2026-11-20');
export const H1 = periodOf('2026-H1')!;

const NO_REPORTS: Record<ReportStatus, number> = { in: 0, late: 0, missing: 0, due: 0, open: 0 };

function sums(values: Partial<FigureSums>): FigureSums {
  return {
    clubs: 1,
    newClubs: 0,
    members: 0,
    women: 0,
    older: 0,
    olderWomen: 0,
    fullActivities: 0,
    digitalClubs: 0,
    greenClubs: 0,
    startupClubs: 0,
    fundClubs: 0,
    applicants: 0,
    applicantsWithLoan: 0,
    volunteers: 0,
    caredFor: 0,
    visits: 0,
    checked: 0,
    highReadings: 0,
    standardClubs: 0,
    reports: { ...NO_REPORTS },
    ...values,
  };
}

function add(parts: readonly FigureSums[]): FigureSums {
  const out = sums({ clubs: 0 });
  for (const part of parts) {
    for (const key of Object.keys(out) as (keyof FigureSums)[]) {
      if (key === 'reports') for (const s of Object.keys(out.reports) as ReportStatus[]) out.reports[s] += part.reports[s];
      else out[key] += part[key];
    }
  }
  return out;
}

export const CLUB_IDS = {
  dong: '6a0e8f57-2c1d-4b9a-8e3f-0a1b2c3d4e01',
  bac: '6a0e8f57-2c1d-4b9a-8e3f-0a1b2c3d4e02',
  nam: '6a0e8f57-2c1d-4b9a-8e3f-0a1b2c3d4e03',
};

const CLUBS = [
  {
    id: CLUB_IDS.dong,
    name: 'CLB Liên thế hệ thôn Đông',
    areaType: 'plains' as const,
    report: { status: 'in' as const, sentAt: '2026-07-08T02:30:00.000Z' },
    sums: sums({ members: 62, women: 38, older: 45, olderWomen: 27, fullActivities: 1, digitalClubs: 1, greenClubs: 1, fundClubs: 1, applicants: 10, applicantsWithLoan: 7, volunteers: 12, caredFor: 6, visits: 150, checked: 50, highReadings: 9, standardClubs: 1, reports: { ...NO_REPORTS, in: 1 } }),
  },
  {
    id: CLUB_IDS.bac,
    name: 'CLB thôn Bắc, xóm "Giữa"',
    areaType: 'plains' as const,
    report: { status: 'late' as const, sentAt: '2026-07-20T09:00:00.000Z' },
    sums: sums({ members: 55, women: 30, older: 40, olderWomen: 18, fullActivities: 1, startupClubs: 1, applicants: 8, applicantsWithLoan: 3, volunteers: 10, caredFor: 5, visits: 90, checked: 30, highReadings: 4, standardClubs: 1, reports: { ...NO_REPORTS, late: 1 } }),
  },
  {
    id: CLUB_IDS.nam,
    name: 'CLB thôn Nam',
    areaType: 'plains' as const,
    report: { status: 'missing' as const, sentAt: null },
    sums: sums({ members: 40, women: 22, older: 30, olderWomen: 16, volunteers: 4, caredFor: 2, visits: 20, checked: 10, highReadings: 2, reports: { ...NO_REPORTS, missing: 1 } }),
  },
];

const TAN_CHI = add(CLUBS.map((c) => c.sums));
const LIM = sums({ clubs: 4, members: 240, women: 130, older: 170, olderWomen: 90, fullActivities: 4, digitalClubs: 3, greenClubs: 2, startupClubs: 2, fundClubs: 4, applicants: 30, applicantsWithLoan: 20, volunteers: 45, caredFor: 22, visits: 500, checked: 200, highReadings: 18, standardClubs: 4, reports: { ...NO_REPORTS, in: 4 } });
const PROVINCE = add([TAN_CHI, LIM]);

/** The total for each kept period, oldest first: the half-years before 2026-H1 had fewer clubs doing well. */
function trend(total: GroupFigures): AssociationView['trend'] {
  return [...PERIODS].reverse().map((period) => {
    if (period.key === '2026-H2') return { period, total: figuresOf(sums({ clubs: 0 })) };
    if (period.key === H1.key || period.key === '2026') return { period, total };
    return { period, total: { ...total, fullActivitiesPercent: 40, digitalPercent: 20, fundPercent: 30, borrowingPercent: 50 } };
  });
}

function view(level: AssociationView['level'], place: AssociationView['place'], total: FigureSums, rows: AssociationViewRow[]): AssociationView {
  const figures = figuresOf(total);
  return {
    association: ACCOUNT,
    period: H1,
    periods: PERIODS,
    level,
    place,
    total: figures,
    communes: communeStandards(level === 'commune' ? [{ plains: 3, mountains: 0, standard: 2 }] : [
      { plains: 3, mountains: 0, standard: 2 },
      { plains: 4, mountains: 0, standard: 4 },
    ]),
    rows,
    trend: trend(figures),
    targets: { ...ASSOCIATION_TARGETS },
    figuresAsOf: '2026-11-20T01:00:00.000Z',
  };
}

/** GET /association/view (the province's communes). */
export const provinceView = view('province', { province: 'Bắc Ninh', provinceKey: 'bắc ninh', commune: null, communeKey: null }, PROVINCE, [
  { key: 'lim', name: 'Thị trấn Lim', figures: figuresOf(LIM), club: null },
  { key: 'tân chi', name: 'Xã Tân Chi', figures: figuresOf(TAN_CHI), club: null },
]);

/** GET /association/view?province=bắc ninh&commune=tân chi (the commune's clubs). */
export const communeView = view(
  'commune',
  { province: 'Bắc Ninh', provinceKey: 'bắc ninh', commune: 'Xã Tân Chi', communeKey: 'tân chi' },
  TAN_CHI,
  CLUBS.map((club) => ({ key: club.id, name: club.name, figures: figuresOf(club.sums), club: { clubId: club.id, areaType: club.areaType, report: club.report } })),
);

/** GET /association/clubs/:id/reports: 2026-H1 sent twice (the second in force), 2025 once. */
export const dongReports: AssociationClubReports = {
  club: { id: CLUB_IDS.dong, name: 'CLB Liên thế hệ thôn Đông', commune: 'Xã Tân Chi', province: 'Bắc Ninh' },
  reports: [
    {
      id: 'r3',
      periodKey: '2026-H1',
      from: '2026-01-01',
      to: '2026-06-30',
      sentAt: '2026-07-12T03:00:00.000Z',
      figures: { members: 62, women: 38, older: 45, womenPercent: 61, incomeClosing: 125_000_000, fullActivities: 1, standardScore: 95 },
      note: 'Sửa số thành viên',
      current: true,
    },
    {
      id: 'r2',
      periodKey: '2026-H1',
      from: '2026-01-01',
      to: '2026-06-30',
      sentAt: '2026-07-08T02:30:00.000Z',
      figures: { members: 60, women: 37, older: 44, womenPercent: 62, incomeClosing: 125_000_000, fullActivities: 1, standardScore: 95 },
      note: null,
      current: false,
    },
    {
      id: 'r1',
      periodKey: '2025',
      from: '2025-01-01',
      to: '2025-12-31',
      sentAt: '2026-01-10T03:00:00.000Z',
      figures: { members: 58, women: 35, incomeClosing: 98_000_000, fullActivities: 0 },
      note: null,
      current: true,
    },
  ],
};

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status: number; body?: unknown } | 'offline';

/**
 * A stand-in for the server behind fetch: `answer` decides each request's reply; every call is
 * kept, so a test reads what was asked (the path, the query, the bearer token).
 */
export function stubServer(answer: (call: Call) => Answer) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const reply = answer(call);
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
}

export const error = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } });

/** The server as the tests mostly want it: the token "good-token", the province and the commune. */
export function officeServer(overrides: (call: Call) => Answer | undefined = () => undefined) {
  return stubServer((call) => {
    const override = overrides(call);
    if (override) return override;
    if (call.path === '/api/v1/associations/sign-in') {
      const code = String((call.body as { code: string }).code).replace(/[\s-]/g, '').toUpperCase();
      return code === 'K7M2PX9QH4TN' ? { status: 201, body: { token: 'good-token', association: ACCOUNT } } : error(404, 'not_found', 'Mã đăng nhập không dùng được: có thể gõ sai hoặc đã bị hủy. Hãy hỏi người quản lý máy chủ.');
    }
    if (call.headers.authorization !== 'Bearer good-token') return error(401, 'unauthorized', 'Phiên đăng nhập không còn dùng được.');
    if (call.path === '/api/v1/association/view') {
      const period = call.query.get('period');
      const base = call.query.get('commune') ? communeView : provinceView;
      if (!period || period === H1.key) return { status: 200, body: base };
      const other = PERIODS.find((p) => p.key === period)!;
      return { status: 200, body: { ...base, period: other } };
    }
    if (call.path === `/api/v1/association/clubs/${CLUB_IDS.dong}/reports`) return { status: 200, body: dongReports };
    return error(404, 'not_found', 'Không tìm thấy.');
  });
}
