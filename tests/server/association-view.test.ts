import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markId as markIdOf } from '../../src/domain/attendance';
import { CLUB_FIGURES_KEPT, sumsOf, type ClubRow } from '../../src/domain/association-figures';
import { clubReport, type ClubBooks } from '../../src/domain/club-report';
import { uuidv7 } from '../../src/domain/ids';
import { newMeetingFields } from '../../src/domain/meetings';
import { associationPeriods, periodOf } from '../../src/domain/periods';
import { placeKey } from '../../src/domain/places';
import type { AssociationClubReports, AssociationView } from '../../src/domain/protocol';
import { clubFiguresRows, vietnamToday } from '../../src/server/figures-keeper';
import { createClub, memberData, numbered, push, startServer, STORE_KINDS, type Harness, type Phone } from './harness';

/**
 * The associations' pages over real HTTP, on SQLite and PostgreSQL: three clubs in two
 * provinces push their books; the figures the server keeps follow each push within seconds;
 * each officer sees only their own area, added up from those figures, and never a name.
 */

const H1 = periodOf('2026-H1')!;
const stamp = (at: string) => ({ createdAt: at, updatedAt: at, deleted: false });

async function officer(h: Harness, place: { province?: string; commune?: string }): Promise<string> {
  const made = await h.request<{ code: string }>('POST', '/api/v1/associations', { body: { setupCode: h.setupCode, name: 'Hội Người cao tuổi', ...place } });
  expect(made.status).toBe(201);
  const signedIn = await h.request<{ token: string }>('POST', '/api/v1/associations/sign-in', { body: { code: made.body.code } });
  expect(signedIn.status).toBe(201);
  return signedIn.body.token;
}

/** A small club's books: `women` women and `men` men, a monthly meeting in March with everyone present, seed capital. */
function books(phone: Phone, women: number, men: number, seed: number) {
  const at = '2026-03-01T02:00:00.000Z';
  const members = [...Array.from({ length: women }, (_, i) => ({ fullName: `Nguyễn Thị Hoa ${i}`, gender: 'female' })), ...Array.from({ length: men }, (_, i) => ({ fullName: `Trần Văn Nam ${i}`, gender: 'male' }))].map(
    (m) => ({ id: uuidv7(), data: memberData(phone.clubId, { ...m, ...stamp(at) }) }),
  );
  const meeting = { id: uuidv7(), data: { clubId: phone.clubId, ...stamp(at), ...newMeetingFields('2026-03-10'), areas: ['health', 'income'], themes: ['digital'] } };
  const entry = {
    id: uuidv7(),
    data: {
      clubId: phone.clubId,
      ...stamp(at),
      type: 'seed',
      postedOn: '2026-03-01',
      lines: [
        { account: 'bank', amount: seed, loanId: null },
        { account: 'incomeFund', amount: -seed, loanId: null },
      ],
      loanId: null,
      memberId: null,
      meetingId: null,
      reversesEntryId: null,
      note: null,
      phoneId: phone.deviceId,
    },
  };
  return [
    ...members.map((m) => ({ collection: 'members', ...m })),
    { collection: 'meetings', ...meeting },
    ...members.map((m) => ({ collection: 'attendance', id: markIdOf(meeting.id, m.id), data: { clubId: phone.clubId, ...stamp(at), meetingId: meeting.id, memberId: m.id, mark: 'present' } })),
    { collection: 'entries', ...entry },
  ];
}

function report(phone: Phone, sentAt: string, members: number) {
  return { collection: 'reports', id: uuidv7(), data: { clubId: phone.clubId, ...stamp(sentAt), periodKey: H1.key, from: H1.from, to: H1.to, figures: { members }, note: null } };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const kind of STORE_KINDS) {
  describe(`the associations' pages (${kind.name})`, () => {
    let h: Harness;
    let tanLap: Phone;
    let hyCuong: Phone;
    let dongPhong: Phone;
    let tokens: { commune: string; province: string; nation: string; otherProvince: string };
    const view = (token: string, query = '') => h.request<AssociationView>('GET', `/api/v1/association/view?period=${H1.key}${query}`, { token });

    beforeAll(async () => {
      h = await startServer(kind, { figures: { delayMs: 20, sweepMs: 0 } });
      tanLap = await createClub(h, { name: 'CLB Tân Lập', province: 'Phú Thọ', commune: 'Xã Tân Lập', areaType: 'plains' });
      hyCuong = await createClub(h, { name: 'CLB Hy Cương', province: 'Phú Thọ', commune: 'Hy Cương', areaType: 'mountains' });
      dongPhong = await createClub(h, { name: 'CLB Đông Phong', province: 'Bắc Ninh', commune: 'Đông Phong', areaType: 'plains' });
      for (const [phone, women, men, seed] of [
        [tanLap, 3, 2, 120_000_000],
        [hyCuong, 2, 2, 40_000_000],
        [dongPhong, 4, 1, 150_000_000],
      ] as const) {
        const answer = await push(h, phone, numbered(phone, books(phone, women, men, seed)));
        expect(answer.status).toBe(200);
        expect(answer.body.rejected).toEqual([]);
      }
      // Tân Lập sends its report on 05/07 (in time) and again on 20/07 (a correction); Hy Cương never.
      await push(h, tanLap, numbered(tanLap, [report(tanLap, '2026-07-05T02:00:00.000Z', 5), report(tanLap, '2026-07-20T02:00:00.000Z', 5)]));
      tokens = {
        commune: await officer(h, { province: 'Phú Thọ', commune: 'Tân Lập' }),
        province: await officer(h, { province: 'Tỉnh Phú Thọ' }),
        nation: await officer(h, {}),
        otherProvince: await officer(h, { province: 'Bắc Ninh' }),
      };
      await until(() => view(tokens.nation), (r) => r.body.total?.clubs === 3);
    });
    afterAll(async () => h.close());

    it('shows a commune’s officer its clubs, each against the plan, with its report in', async () => {
      const { status, body } = await view(tokens.commune);
      expect(status).toBe(200);
      expect(body.level).toBe('commune');
      expect(body.rows).toHaveLength(1);
      const [row] = body.rows;
      expect(row).toMatchObject({ key: tanLap.clubId, name: 'CLB Tân Lập', club: { areaType: 'plains', report: { status: 'in', sentAt: '2026-07-05T02:00:00.000Z' } } });
      expect(row!.figures).toMatchObject({ clubs: 1, members: 5, women: 3, womenPercent: 60, fundClubs: 1, fundPercent: 100, digitalPercent: 100, fullActivitiesPercent: 0 });
      // Never a member's name, phone, reading or loan.
      expect(JSON.stringify(body)).not.toMatch(/Nguyễn|Trần|0912345678/);
    });

    it('adds up a province by commune and the nation by province, mountain communes apart', async () => {
      const province = (await view(tokens.province)).body;
      expect(province.level).toBe('province');
      expect(province.rows.map((r) => [r.name, r.figures.members, r.figures.reports])).toEqual([
        ['Hy Cương', 4, { in: 0, late: 0, missing: 1, due: 0, open: 0 }],
        ['Xã Tân Lập', 5, { in: 1, late: 0, missing: 0, due: 0, open: 0 }],
      ]);
      expect(province.total).toMatchObject({ clubs: 2, members: 9, women: 5, fundClubs: 1, fundPercent: 50 });
      expect(province.communes.mountains.communes).toBe(1);
      expect(province.communes.plains.communes).toBe(1);
      const drilled = (await view(tokens.province, `&commune=${encodeURIComponent(placeKey('Hy Cương'))}`)).body;
      expect(drilled.rows.map((r) => r.name)).toEqual(['CLB Hy Cương']);
      const nation = (await view(tokens.nation)).body;
      expect(nation.level).toBe('nation');
      expect(nation.rows.map((r) => [r.name, r.figures.clubs])).toEqual([
        ['Bắc Ninh', 1],
        ['Phú Thọ', 2],
      ]);
      expect(nation.total).toMatchObject({ clubs: 3, members: 14 });
      expect(nation.periods.map((p) => p.key)).toEqual(associationPeriods('2026-11-23').map((p) => p.key));
      expect(nation.trend.at(-1)!.period.key).toBe(nation.periods[0]!.key);
    });

    it('refuses an officer anything outside their area, and a club’s records always', async () => {
      expect((await view(tokens.commune, `&commune=${encodeURIComponent('Hy Cương')}`)).status).toBe(403);
      expect((await view(tokens.province, '&province=Bắc%20Ninh')).status).toBe(403);
      const reportsOf = (token: string, clubId: string) => h.request<AssociationClubReports>('GET', `/api/v1/association/clubs/${clubId}/reports`, { token });
      expect((await reportsOf(tokens.commune, hyCuong.clubId)).status).toBe(403);
      expect((await reportsOf(tokens.otherProvince, tanLap.clubId)).status).toBe(403);
      expect((await h.request('GET', '/api/v1/sync/pull?since=0', { token: tokens.nation })).status).toBe(403);
      expect((await view(tokens.nation, '&commune=T%C3%A2n%20L%E1%BA%ADp')).status).toBe(400);
      expect((await h.request('GET', '/api/v1/association/view?period=1999-H1', { token: tokens.nation })).status).toBe(400);
    });

    it('keeps every report a club sent, the last one in force', async () => {
      const { status, body } = await h.request<AssociationClubReports>('GET', `/api/v1/association/clubs/${tanLap.clubId}/reports`, { token: tokens.province });
      expect(status).toBe(200);
      expect(body.club).toMatchObject({ name: 'CLB Tân Lập', commune: 'Xã Tân Lập', province: 'Phú Thọ' });
      expect(body.reports.map((r) => [r.sentAt, r.current])).toEqual([
        ['2026-07-20T02:00:00.000Z', true],
        ['2026-07-05T02:00:00.000Z', false],
      ]);
    });

    it('follows a push within seconds: a new member shows in the figures', async () => {
      const before = (await view(tokens.commune)).body.total.members;
      const newcomer = { id: uuidv7(), data: memberData(tanLap.clubId, { fullName: 'Lê Thị Mới', gender: 'female', ...stamp('2026-04-01T02:00:00.000Z') }) };
      await push(h, tanLap, numbered(tanLap, [newcomer]));
      const after = await until(() => view(tokens.commune), (r) => r.body.total.members === before + 1, 5_000);
      expect(after.body.total.members).toBe(before + 1);
    });

    it('works each club’s figures out with the phone’s own clubReport, and sums them as the domain does', async () => {
      const club = await h.store.readClubForFigures(dongPhong.clubId);
      const today = vietnamToday(h.clock.now);
      const rows = clubFiguresRows(club!, today);
      const onPhone = clubReport(club!.books as ClubBooks, H1, today).figures;
      const h1 = rows.find((r) => r.periodKey === H1.key)!;
      for (const figure of CLUB_FIGURES_KEPT) expect([figure, h1.figures[figure]]).toEqual([figure, onPhone[figure]]);
      const asRows: ClubRow[] = (await Promise.all([tanLap, hyCuong, dongPhong].map((p) => h.store.readClubForFigures(p.clubId)))).map((c) => {
        const r = clubFiguresRows(c!, today).find((x) => x.periodKey === H1.key)!;
        return { clubId: '', ...r, report: { status: r.firstSentAt ? 'in' : 'missing', sentAt: r.firstSentAt } };
      });
      const nation = (await view(tokens.nation)).body;
      const domain = sumsOf(asRows, today.slice(0, 4));
      expect(nation.total).toMatchObject({ clubs: domain.clubs, members: domain.members, women: domain.women, fundClubs: domain.fundClubs, standardClubs: domain.standardClubs, newClubs: domain.newClubs });
    });
  });
}
