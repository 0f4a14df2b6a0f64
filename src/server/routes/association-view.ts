import type { FastifyInstance } from 'fastify';
import { ASSOCIATION_TARGETS, communeStandards, figuresOf, type FigureSums } from '../../domain/association-figures';
import { associationPeriods, periodOf } from '../../domain/periods';
import { placeKey } from '../../domain/places';
import type { AssociationClubReports, AssociationView, AssociationViewRow } from '../../domain/protocol';
import { associationAuthenticator, associationOf, inScope } from '../association-auth';
import { ApiError } from '../errors';
import { vietnamToday } from '../figures-keeper';
import type { StoredAssociation } from '../store';
import type { RouteContext } from './context';

/**
 * The association officers' pages (REPORTS.md): the clubs of their scope against the plan,
 * added up from the figures the server keeps as clubs push (club-figures.ts), and the reports
 * the clubs sent. Counts, sums and rates only: never a member's name, phone, reading or loan.
 */

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const NO_SUMS: FigureSums = {
  clubs: 0,
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
  reports: { in: 0, late: 0, missing: 0, due: 0, open: 0 },
};

/** A query string's place: a key, or a name as typed (both come to the key); too long is malformed. */
function placeParam(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > 120) throw new ApiError('invalid', 'error.invalid');
  return placeKey(value);
}

/** The place asked for, within the account's scope: a wider or another place is refused (403). */
function scopeOf(association: StoredAssociation, query: { province?: unknown; commune?: unknown }) {
  const province = placeParam(query.province);
  const commune = placeParam(query.commune);
  if (association.provinceKey !== null && province !== null && province !== association.provinceKey) throw new ApiError('forbidden', 'error.outsideScope');
  if (association.communeKey !== null && commune !== null && commune !== association.communeKey) throw new ApiError('forbidden', 'error.outsideScope');
  const provinceKey = association.provinceKey ?? province;
  const communeKey = association.communeKey ?? commune;
  // A commune's name says nothing without its province (two provinces may have one each).
  if (communeKey !== null && provinceKey === null) throw new ApiError('invalid', 'error.invalid');
  return { provinceKey, communeKey };
}

export function associationViewRoutes(ctx: RouteContext) {
  return async function register(app: FastifyInstance) {
    const { store, now } = ctx;
    const onlyOfficers = { preHandler: associationAuthenticator(store, now) };

    app.get<{ Querystring: Record<string, unknown> }>('/association/view', onlyOfficers, async (request) => {
      const association = associationOf(request);
      const today = vietnamToday(now());
      const periods = associationPeriods(today);
      const asked = request.query.period;
      if (asked !== undefined && (typeof asked !== 'string' || asked.length > 30)) throw new ApiError('invalid', 'error.invalid');
      const period = asked === undefined ? (periods.find((p) => p.kind === 'half' && p.to < today) ?? periods[0]!) : periods.find((p) => p.key === periodOf(asked)?.key);
      if (!period) throw new ApiError('invalid', 'error.invalid');
      const scope = scopeOf(association, request.query);
      const level = scope.provinceKey === null ? 'nation' : scope.communeKey === null ? 'province' : 'commune';
      const by = level === 'nation' ? 'province' : level === 'province' ? 'commune' : 'club';
      const fundFloor = ASSOCIATION_TARGETS.fundFloor;
      const [groups, trend, tallies, names, asOf] = await Promise.all([
        store.sumFigures({ scope, periods: [period], by, today, fundFloor }),
        store.sumFigures({ scope, periods: [...periods].reverse(), by: 'period', today, fundFloor }),
        store.communeTallies(scope, period.key),
        store.placeNames(scope),
        store.figuresAsOf(scope),
      ]);
      const rows: AssociationViewRow[] = groups
        .map((g) => ({
          key: g.key,
          name: g.name,
          figures: figuresOf(g.sums),
          club: by === 'club' ? { clubId: g.key, areaType: g.areaType!, report: { status: g.status!, sentAt: g.sentAt ?? null } } : null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      const total = trend.find((t) => t.key === period.key)?.sums ?? NO_SUMS;
      const view: AssociationView = {
        association: { id: association.id, name: association.name, province: association.province, commune: association.commune },
        period,
        periods,
        level,
        place: { province: names.province, provinceKey: scope.provinceKey, commune: names.commune, communeKey: scope.communeKey },
        total: figuresOf(total),
        communes: communeStandards(tallies),
        rows,
        trend: [...periods].reverse().map((p) => ({ period: p, total: figuresOf(trend.find((t) => t.key === p.key)?.sums ?? NO_SUMS) })),
        targets: { ...ASSOCIATION_TARGETS },
        figuresAsOf: asOf,
      };
      return view;
    });

    app.get<{ Params: { id: string } }>('/association/clubs/:id/reports', onlyOfficers, async (request) => {
      const association = associationOf(request);
      if (!isUuid(request.params.id)) throw new ApiError('not_found', 'error.notFound');
      const place = await store.clubPlace(request.params.id);
      // A club not in any figures yet is unknown to every officer alike.
      if (!place) throw new ApiError('not_found', 'error.notFound');
      if (!inScope(association, place)) throw new ApiError('forbidden', 'error.outsideScope');
      const seen = new Set<string>();
      const reports = (await store.clubReports(request.params.id)).map((r) => {
        const current = !seen.has(r.periodKey);
        seen.add(r.periodKey);
        return { id: r.id, periodKey: r.periodKey, from: r.from, to: r.to, sentAt: r.createdAt, figures: r.figures, note: r.note, current };
      });
      const answer: AssociationClubReports = { club: { id: request.params.id, name: place.name, commune: place.commune, province: place.province }, reports };
      return answer;
    });
  };
}
