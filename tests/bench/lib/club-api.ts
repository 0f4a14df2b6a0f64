import { markId } from '../../../src/domain/attendance';
import type { ClubFields } from '../../../src/domain/club';
import { uuidv7 } from '../../../src/domain/ids';
import type { MemberFields } from '../../../src/domain/members';
import { MAX_MUTATIONS_PER_PUSH, SCHEMA_VERSION, type PushResponse } from '../../../src/domain/protocol';
import { careBookRecords } from '../../../src/domain/sample-care';
import { fundBookRecords } from '../../../src/domain/sample-fund';
import type { SampleClub } from '../../../src/domain/sample-club';

/**
 * The bench's own calls to the real server's HTTP API (as tests/server/harness.ts makes
 * them): clubs, invites and seeding records. POST /clubs and /enroll allow 10 calls a
 * minute per address, each route on its own; `codeRoutes` spaces every such call of the
 * bench (its own and the page's) so none is refused in the middle of a measurement.
 */

const WINDOW_MS = 61_000;
const MAX_IN_WINDOW = 9;

export class CodeRouteLimiter {
  private readonly calls = new Map<string, number[]>();

  /** Waits until one more call to `route` fits the server's limit, and counts it. */
  async take(route: '/clubs' | '/enroll', log: (message: string) => void): Promise<void> {
    const recent = (this.calls.get(route) ?? []).filter((at) => Date.now() - at < WINDOW_MS);
    if (recent.length >= MAX_IN_WINDOW) {
      const wait = WINDOW_MS - (Date.now() - recent[0]!) + 100;
      log(`waiting ${(wait / 1000).toFixed(0)} s for the server's rate limit on POST ${route}`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.calls.set(route, [...recent.filter((at) => Date.now() - at < WINDOW_MS), Date.now()]);
  }
}

export interface ChairDevice {
  clubId: string;
  token: string;
  deviceId: string;
  /** The seq of this device's next mutation. */
  nextSeq: number;
}

async function call<T>(serverUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${serverUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function createClubOnServer(serverUrl: string, setupCode: string, club: ClubFields): Promise<ChairDevice> {
  const answer = await call<{ club: { id: string }; device: { id: string }; token: string }>(serverUrl, 'POST', '/clubs', {
    setupCode,
    club,
    device: { name: 'Máy bench' },
  });
  return { clubId: answer.club.id, token: answer.token, deviceId: answer.device.id, nextSeq: 1 };
}

export async function createInvite(serverUrl: string, chair: ChairDevice, role: 'board' | 'treasurer' | 'volunteer' = 'board'): Promise<string> {
  return (await call<{ code: string }>(serverUrl, 'POST', '/invites', { role }, chair.token)).code;
}

/**
 * A chair's invite from the setup code (the association's way in for a new chair phone). The
 * phone that enrols with it becomes the club's only chair: the set-up device's token stops
 * working, so this comes after its last push and invite.
 */
export async function createChairInvite(serverUrl: string, setupCode: string, clubId: string): Promise<string> {
  return (await call<{ code: string }>(serverUrl, 'POST', `/clubs/${clubId}/chair-invite`, { setupCode })).code;
}

/** The record a phone's createRecord would send, without its id. */
export function recordData(clubId: string, fields: object, at: string): Record<string, unknown> {
  return { ...fields, clubId, createdAt: at, updatedAt: at, deleted: false };
}

/** Pushes new member records in batches of 500 (each a server transaction, one club version). */
export async function pushMembers(serverUrl: string, chair: ChairDevice, members: readonly MemberFields[]): Promise<string[]> {
  return pushRecords(serverUrl, chair, 'members', members.map((fields) => ({ fields })));
}

/**
 * Pushes new records of a collection in batches of 500, as a phone's outbox would send its
 * createRecord changes; an item may carry its id (an attendance mark's is its meeting and member).
 */
export async function pushRecords(
  serverUrl: string,
  chair: ChairDevice,
  collection: string,
  items: readonly { fields: object; id?: string }[],
): Promise<string[]> {
  const at = '2026-11-20T03:00:00.000Z';
  const ids: string[] = [];
  for (let i = 0; i < items.length; i += MAX_MUTATIONS_PER_PUSH) {
    const mutations = items.slice(i, i + MAX_MUTATIONS_PER_PUSH).map(({ fields, id = uuidv7() }) => {
      ids.push(id);
      return { seq: chair.nextSeq++, collection, op: 'put', id, data: recordData(chair.clubId, fields, at) };
    });
    const answer = await call<PushResponse>(serverUrl, 'POST', '/sync/push', { schemaVersion: SCHEMA_VERSION, mutations }, chair.token);
    const last = mutations.at(-1)!.seq;
    if (answer.ackedThrough !== last || answer.rejected.length > 0) {
      throw new Error(`seeding push: acked through ${answer.ackedThrough} of ${last}, ${answer.rejected.length} refused: ${JSON.stringify(answer.rejected[0])}`);
    }
  }
  return ids;
}

/**
 * A sample club's register on the server: its members, then the people it cares for who are
 * not members. The ids are in that order, as the meeting and care books name them.
 */
export async function pushRegister(serverUrl: string, chair: ChairDevice, club: SampleClub): Promise<string[]> {
  return pushMembers(serverUrl, chair, [...club.members, ...club.nonMembers]);
}

/**
 * A sample club's meetings and marks, pushed after its register (whose ids the marks name;
 * `memberIds` as pushRegister returned them). With `withFund`, its loan fund goes between
 * the meetings it names and the marks, which stay last. Returns the meetings' ids.
 */
export async function pushMeetingBook(
  serverUrl: string,
  chair: ChairDevice,
  club: SampleClub,
  memberIds: readonly string[],
  options: { withFund?: boolean } = {},
): Promise<string[]> {
  const meetingIds = await pushRecords(serverUrl, chair, 'meetings', club.meetings.map((fields) => ({ fields })));
  if (options.withFund) await pushFundBook(serverUrl, chair, club, memberIds, meetingIds);
  const marks = club.marks.map(({ meeting, member, mark }) => {
    const [meetingId, memberId] = [meetingIds[meeting]!, memberIds[member]!];
    return { id: markId(meetingId, memberId), fields: { meetingId, memberId, mark } };
  });
  await pushRecords(serverUrl, chair, 'attendance', marks);
  return meetingIds;
}

/**
 * A sample club's home-care and health books (plans, visits, readings, referrals, strike-outs),
 * pushed after its register, `registerIds` as pushRegister returned them: the bench's phones
 * pull a club with its years of care, as the practice book holds them.
 */
export async function pushCareBook(serverUrl: string, chair: ChairDevice, club: SampleClub, registerIds: readonly string[]) {
  const care = careBookRecords(club, registerIds, () => uuidv7());
  // In the order a phone's outbox would send them: a strike-out after what it strikes.
  for (const collection of ['carePlans', 'visits', 'readings', 'referrals', 'strikeOuts'] as const) await pushRecords(serverUrl, chair, collection, care[collection]);
  return care;
}

/**
 * A sample club's loan fund (applications, loans, entries, cash counts, the counts reopened,
 * the review items checked), pushed after its
 * register and meetings, with their ids as pushRegister and pushMeetingBook returned them
 * (pushMeetingBook's `withFund` does it before the marks). The chair pushes it: the server
 * takes a write-off only from the chair's phone.
 */
export async function pushFundBook(serverUrl: string, chair: ChairDevice, club: SampleClub, registerIds: readonly string[], meetingIds: readonly string[]) {
  const fund = fundBookRecords(club, registerIds, meetingIds, () => uuidv7());
  // In the order a phone's outbox would send them: a cash count after the entries it closes, a
  // reopening after the count it names, a review check after the entries its item names.
  for (const collection of ['loanApplications', 'loans', 'entries', 'cashCounts', 'reopenings', 'reviewChecks'] as const) {
    await pushRecords(serverUrl, chair, collection, fund[collection]);
  }
  return fund;
}

/** How far the server has applied this device's mutations (an empty push answers it). */
export async function ackedThrough(serverUrl: string, token: string): Promise<number> {
  return (await call<PushResponse>(serverUrl, 'POST', '/sync/push', { schemaVersion: SCHEMA_VERSION, mutations: [] }, token)).ackedThrough;
}

/** Counts the live member records a device pulls (to check a seeded or replayed club). */
export async function countMembers(serverUrl: string, token: string): Promise<number> {
  let since = '0';
  let count = 0;
  for (;;) {
    const response = await fetch(`${serverUrl}/api/v1/sync/pull?since=${since}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull: ${response.status}`);
    const page = (await response.json()) as { changes: { collection: string; record: { deleted?: boolean } }[]; cursor: string; hasMore: boolean };
    count += page.changes.filter((c) => c.collection === 'members' && !c.record.deleted).length;
    since = page.cursor;
    if (!page.hasMore) return count;
  }
}

/**
 * The bytes a new phone's first pull of its club takes on the wire, page after page as the
 * phone asks for them, with the Accept-Encoding a browser sends (or none), and the records.
 */
export async function firstPullBytes(serverUrl: string, token: string, acceptEncoding: string | null): Promise<{ bytes: number; records: number }> {
  const { bytes, records } = await pullBytes(serverUrl, token, acceptEncoding);
  return { bytes, records };
}

/**
 * A device's pull from `since` until the server says there is no more, 500 changes a page as
 * the app asks: the bytes on the wire (each answer's body as it came, compressed when asked,
 * plus a rough 300 bytes of its headers), the changes, the requests, and the cursor after.
 */
export async function pullBytes(
  serverUrl: string,
  token: string,
  acceptEncoding: string | null,
  since = '0',
): Promise<{ bytes: number; records: number; requests: number; cursor: string }> {
  const { request } = await import('node:http');
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  let bytes = 0;
  let records = 0;
  let requests = 0;
  for (;;) {
    const { body, encoding, status } = await new Promise<{ body: Buffer; encoding: string | undefined; status: number }>((resolve, reject) => {
      const req = request(`${serverUrl}/api/v1/sync/pull?since=${since}&limit=500`, { headers: { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'], status: res.statusCode ?? 0 }));
      });
      req.on('error', reject);
      req.end();
    });
    requests++;
    // The body's bytes as they came, plus a rough 300 bytes of the answer's headers.
    bytes += body.length + 300;
    const text = (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString();
    if (status !== 200) throw new Error(`pull: ${status} ${text.slice(0, 300)}`);
    const page = JSON.parse(text) as { changes: unknown[]; cursor: string; hasMore: boolean };
    records += page.changes.length;
    since = page.cursor;
    if (!page.hasMore) return { bytes, records, requests, cursor: since };
  }
}

/** A phone joins with an invite code (POST /enroll, as the app's join does), from the bench itself. */
export async function enrollDevice(serverUrl: string, code: string, name = 'Máy bench'): Promise<{ token: string; deviceId: string }> {
  const answer = await call<{ device: { id: string }; token: string }>(serverUrl, 'POST', '/enroll', { code, device: { name } });
  return { token: answer.token, deviceId: answer.device.id };
}
