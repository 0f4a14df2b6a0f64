import pg from 'pg';
import { newClubFields } from '../../../src/domain/club';
import { uuidv7 } from '../../../src/domain/ids';
import { newMemberFields } from '../../../src/domain/members';
import { associationPeriods } from '../../../src/domain/periods';
import { placeKey } from '../../../src/domain/places';
import { SCHEMA_VERSION, type AssociationView } from '../../../src/domain/protocol';
import { vietnamToday } from '../../../src/server/figures-keeper';
import { openStore } from '../../../src/server/store';
import { FIGURE_COLUMNS } from '../../../src/server/store/club-figures';
import { CLUB_FIGURES_KEPT } from '../../../src/domain/association-figures';
import { BENCH_SETUP_CODE, clubServer } from '../lib/child-server';
import { createClubOnServer } from '../lib/club-api';
import { withDatabase } from './databases';

/**
 * The associations' pages at the scale of 2035 (issue 13): a generated nation of 12,000 clubs
 * in 34 provinces of about 98 communes each — their figures for every period the server keeps,
 * not five years of records each — on PostgreSQL, read through the real server over HTTP by a
 * national and a provincial officer. Then one real club pushes a new member and the bench
 * times how long until the national figures show it (the keeper works it out after the push).
 */
export const NATION_CLUBS = 12_000;
export const PROVINCES = [
  'Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng', 'Tuyên Quang',
  'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Hải Phòng', 'Ninh Bình', 'Quảng Trị', 'Đà Nẵng', 'Quảng Ngãi', 'Gia Lai', 'Khánh Hòa',
  'Lâm Đồng', 'Đắk Lắk', 'Hồ Chí Minh', 'Đồng Nai', 'Tây Ninh', 'Cần Thơ', 'Vĩnh Long', 'Đồng Tháp', 'Cà Mau', 'An Giang',
] as const;
const MOUNTAIN_PROVINCES = new Set(['Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Cao Bằng', 'Tuyên Quang', 'Lào Cai', 'Gia Lai', 'Lâm Đồng', 'Đắk Lắk']);
const COMMUNES_PER_PROVINCE = 98;

export interface NationRun {
  nationMs: number[];
  provinceMs: number[];
  communeMs: number[];
  /** Push answered → the national page shows the club's new member. */
  pushToFiguresMs: number[];
  provinceClubs: number;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generated clubs' rows, written straight into the tables the keeper fills (an admin's load, untimed). */
async function generateNation(connection: pg.ClientConfig, today: string): Promise<void> {
  const client = new pg.Client(connection);
  await client.connect();
  const rand = random(2035);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const periods = associationPeriods(today);
  const columns = ['club_id', 'period_key', 'name', 'province', 'commune', 'province_key', 'commune_key', 'area_type', 'created_on', 'first_sent_at', 'last_sent_at', 'computed_at', ...CLUB_FIGURES_KEPT.map((f) => FIGURE_COLUMNS[f])];
  try {
    const clubs: { id: string; province: string; commune: string; mountains: boolean }[] = [];
    for (let i = 0; i < NATION_CLUBS; i++) {
      const province = PROVINCES[i % PROVINCES.length]!;
      const commune = `Xã ${province} ${1 + (Math.floor(i / PROVINCES.length) % COMMUNES_PER_PROVINCE)}`;
      clubs.push({ id: uuidv7(), province, commune, mountains: MOUNTAIN_PROVINCES.has(province) && rand() < 0.8 });
    }
    const now = new Date().toISOString();
    for (let i = 0; i < clubs.length; i += 1000) {
      const part = clubs.slice(i, i + 1000);
      // figures_on far ahead: the keeper's sweep leaves these clubs alone (they have no records to work from).
      await client.query(
        `INSERT INTO clubs (id, version, purged_through_version, created_at, figures_version, figures_on) VALUES ${part.map((_, j) => `($${j * 2 + 1}, 1, 0, $${j * 2 + 2}, 1, '9999-12-31')`).join(', ')}`,
        part.flatMap((c) => [c.id, `${int(2018, Number(today.slice(0, 4)))}-0${int(1, 9)}-1${int(0, 9)}T02:00:00.000Z`]),
      );
    }
    const rows: unknown[][] = [];
    for (const club of clubs) {
      const members = int(40, 80);
      const women = Math.round(members * (0.5 + rand() * 0.2));
      const older = Math.round(members * (0.55 + rand() * 0.2));
      for (const period of periods) {
        const sent = period.to < today && rand() < 0.8 ? `${period.to}T0${int(1, 9)}:00:00.000Z` : null;
        const figures: Record<string, number> = {
          members,
          women,
          older,
          olderWomen: Math.round(older * (0.5 + rand() * 0.2)),
          fullActivities: rand() < 0.6 ? 1 : 0,
          digitalSessions: int(0, 3),
          greenSessions: int(0, 2),
          startupSessions: int(0, 2),
          incomeClosing: int(20, 250) * 1_000_000,
          applicants: int(5, 30),
          applicantsWithLoan: int(3, 25),
          borrowers: int(3, 30),
          careVolunteers: int(3, 15),
          caredFor: int(1, 10),
          visits: int(20, 400),
          membersChecked: int(20, members),
          checkedYear: int(20, members),
          readings: int(20, 500),
          highReadings: int(0, 60),
          loansOutstanding: int(10, 200) * 1_000_000,
          standardScore: int(40, 100),
          standard: rand() < 0.4 ? 1 : 0,
        };
        rows.push([club.id, period.key, `CLB ${club.commune}`, club.province, club.commune, placeKey(club.province), placeKey(club.commune), club.mountains ? 'mountains' : 'plains', '2020-01-01', sent, sent, now, ...CLUB_FIGURES_KEPT.map((f) => figures[f])]);
      }
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000);
      await client.query(
        `INSERT INTO club_figures (${columns.join(', ')}) VALUES ${part.map((_, j) => `(${columns.map((__, k) => `$${j * columns.length + k + 1}`).join(', ')})`).join(', ')}`,
        part.flat(),
      );
    }
    await client.query('ANALYZE club_figures');
    await client.query('ANALYZE clubs');
  } finally {
    await client.end();
  }
}

async function officerToken(url: string, place: { province?: string }): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const made = await post('/associations', { setupCode: BENCH_SETUP_CODE, name: 'Hội Người cao tuổi', ...place });
  return String((await post('/associations/sign-in', { code: made.code })).token);
}

async function timedView(url: string, token: string, query: string): Promise<{ ms: number; view: AssociationView }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/association/view?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`view: HTTP ${response.status} ${text.slice(0, 200)}`);
  return { ms, view: JSON.parse(text) as AssociationView };
}

export async function nationRun(postgresUrl: string, runs: number): Promise<NationRun> {
  return withDatabase('PostgreSQL', postgresUrl, async (db) => {
    const store = await openStore(db.location);
    await store.close();
    const today = vietnamToday(new Date());
    const schema = 'schema' in db.location ? db.location.schema : undefined;
    await generateNation({ connectionString: postgresUrl, ...(schema ? { options: `-c search_path=${schema}` } : {}) }, today);

    // The keeper as it runs in production: two seconds after a push.
    const server = clubServer(db.serverEnv);
    try {
      await server.start();
      const nation = await officerToken(server.url, {});
      const province = await officerToken(server.url, { province: 'Phú Thọ' });
      const period = associationPeriods(today).find((p) => p.kind === 'half' && p.to < today)!.key;
      const commune = encodeURIComponent(placeKey('Xã Phú Thọ 7'));
      const result: NationRun = { nationMs: [], provinceMs: [], communeMs: [], pushToFiguresMs: [], provinceClubs: 0 };
      for (let run = -2; run < runs; run++) {
        const n = await timedView(server.url, nation, `period=${period}`);
        const p = await timedView(server.url, province, `period=${period}`);
        const c = await timedView(server.url, province, `period=${period}&commune=${commune}`);
        if (n.view.total.clubs < NATION_CLUBS) throw new Error(`the national page counts ${n.view.total.clubs} clubs`);
        result.provinceClubs = p.view.total.clubs;
        if (run < 0) continue; // warm-up
        result.nationMs.push(n.ms);
        result.provinceMs.push(p.ms);
        result.communeMs.push(c.ms);
      }

      // A real club of Phú Thọ pushes; how long until the national figures count its new member.
      const club = await createClubOnServer(server.url, BENCH_SETUP_CODE, { ...newClubFields(), name: 'CLB Thật', village: 'Thôn Một', commune: 'Xã Phú Thọ 7', province: 'Phú Thọ' });
      const current = associationPeriods(today)[0]!.key;
      for (let run = 0; run < runs; run++) {
        const before = (await timedView(server.url, nation, `period=${current}`)).view.total.members;
        const at = new Date().toISOString();
        const mutation = { seq: club.nextSeq++, collection: 'members', op: 'put', id: uuidv7(), data: { clubId: club.clubId, createdAt: at, updatedAt: at, deleted: false, ...newMemberFields(), fullName: 'Nguyễn Thị Lan', birthYear: 1950, joinedOn: null } };
        const response = await fetch(`${server.url}/api/v1/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${club.token}` },
          body: JSON.stringify({ schemaVersion: SCHEMA_VERSION, mutations: [mutation] }),
        });
        if (!response.ok) throw new Error(`push: HTTP ${response.status}`);
        const pushed = performance.now();
        for (;;) {
          const after = (await timedView(server.url, nation, `period=${current}`)).view.total.members;
          if (after > before) break;
          if (performance.now() - pushed > 30_000) throw new Error('the figures did not follow the push within 30 s');
          await new Promise((r) => setTimeout(r, 100));
        }
        result.pushToFiguresMs.push(performance.now() - pushed);
      }
      return result;
    } catch (error) {
      if (server.errors) console.error(server.errors);
      throw error;
    } finally {
      await server.stop();
    }
  });
}
