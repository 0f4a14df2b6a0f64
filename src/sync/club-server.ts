import type { ClubProfile } from '../domain/club';
import { fieldsOf, type DeviceRole } from '../domain/record';
import type {
  ClubSummary,
  CreateClubRequest,
  DeviceSummary,
  EnrollResponse,
  InvitableRole,
  InviteResponse,
} from '../domain/protocol';
import type { ClubBookDatabase } from '../local/database';
import { currentClubId, isSampleBook, META, readMeta, type ServerConnection } from '../local/device';
import { clubProfile } from '../local/queries';
import { readConnection, saveNewConnection, saveRole } from './connection';
import { syncOnce, type SyncOptions, type SyncResult } from './engine';
import { NoLocalClubError, NotConnectedError, OtherClubError, SampleBookError } from './errors';
import { callServer, type HttpOptions } from './http';

/**
 * Bringing a phone to its club on the server, and the chair's few calls about devices.
 * Every call is typed with domain/protocol.ts; failures are ClubServerError (the server's
 * `{error: {code, message}}`) or ServerUnreachableError.
 */

export interface ConnectResult {
  club: ClubSummary;
  device: { id: string; role: DeviceRole; memberId?: string | null };
  /** The first sync right after connecting; an error here changes nothing: it is retried later. */
  firstSync: SyncResult | { error: unknown };
}

async function firstSync(db: ClubBookDatabase, options: SyncOptions): Promise<ConnectResult['firstSync']> {
  try {
    return await syncOnce(db, options);
  } catch (error) {
    // The connection is stored either way; the triggers retry the sync with back-off.
    return { error };
  }
}

/** The club profile as POST /clubs carries it: the phone's own club id and all its rules. */
export function clubForServer(profile: ClubProfile): CreateClubRequest['club'] {
  return { id: profile.id, ...fieldsOf(profile) };
}

/**
 * The secret that makes a repeated POST /clubs this phone's own (32 random bytes,
 * base64url): kept on the phone before the first try, so every retry sends the same one.
 */
async function clubCreatorSecret(db: ClubBookDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const kept = await readMeta<string>(db, META.clubCreatorSecret);
    if (kept) return kept;
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const secret = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    await db.meta.put({ key: META.clubCreatorSecret, value: secret });
    return secret;
  });
}

/**
 * The chair puts the club this phone already keeps on the server (POST /clubs with the
 * server's setup code), becomes its chair device, and sends everything queued so far.
 */
export async function connectNewClub(
  db: ClubBookDatabase,
  input: { serverUrl: string; setupCode: string; deviceName: string },
  options: SyncOptions = {},
): Promise<ConnectResult> {
  // Refused before any request: POST /clubs would carry the made-up club to the server.
  if (await isSampleBook(db)) throw new SampleBookError();
  const profile = await clubProfile(db);
  if (!profile) throw new NoLocalClubError();
  const body: CreateClubRequest = {
    setupCode: input.setupCode,
    club: clubForServer(profile),
    device: { name: input.deviceName },
    creatorSecret: await clubCreatorSecret(db),
  };
  const answer = await callServer<EnrollResponse>({ serverUrl: input.serverUrl, method: 'POST', path: '/clubs', body }, options);
  // Every record on this phone names the club by this id; a server that made another id
  // would refuse them all.
  if (answer.club.id !== profile.id) throw new OtherClubError();
  await saveNewConnection(db, connectionFrom(input.serverUrl, answer));
  // The server has exactly the profile just sent: keep it as the server's copy, so the club
  // record rebases correctly even before the first pull brings the server's own.
  await db.serverCopies.put({ collection: 'club', id: profile.id, record: { ...profile } });
  return { club: answer.club, device: answer.device, firstSync: await firstSync(db, options) };
}

/**
 * A phone joins a club with an invite code (POST /enroll), then pulls the whole club. A
 * phone that keeps another club's book is refused after the server answered (the code is
 * then spent: the chair makes a new one); nothing on the phone changes in that case.
 */
export async function joinClub(
  db: ClubBookDatabase,
  input: { serverUrl: string; code: string; deviceName: string },
  options: SyncOptions = {},
): Promise<ConnectResult> {
  // Before the request: the server would spend the invite code on a phone it then refuses.
  if (await isSampleBook(db)) throw new SampleBookError();
  const answer = await callServer<EnrollResponse>(
    { serverUrl: input.serverUrl, method: 'POST', path: '/enroll', body: { code: input.code, device: { name: input.deviceName } } },
    options,
  );
  const kept = await currentClubId(db);
  if (kept && kept !== answer.club.id) throw new OtherClubError();
  await saveNewConnection(db, connectionFrom(input.serverUrl, answer));
  return { club: answer.club, device: answer.device, firstSync: await firstSync(db, options) };
}

function connectionFrom(serverUrl: string, answer: EnrollResponse): ServerConnection {
  return {
    serverUrl: serverUrl.replace(/\/+$/, ''),
    token: answer.token,
    deviceId: answer.device.id,
    role: answer.device.role,
    clubId: answer.club.id,
    memberId: answer.device.memberId ?? null,
    connectedAt: new Date().toISOString(),
  };
}

async function connected(db: ClubBookDatabase): Promise<ServerConnection> {
  const connection = await readConnection(db);
  if (!connection) throw new NotConnectedError();
  return connection;
}

export interface MeResponse {
  club: ClubSummary;
  device: DeviceSummary;
}

/** Who this phone is on the server (GET /me). */
export async function me(db: ClubBookDatabase, options: HttpOptions = {}): Promise<MeResponse> {
  const { serverUrl, token } = await connected(db);
  return callServer<MeResponse>({ serverUrl, method: 'GET', path: '/me', token }, options);
}

/**
 * A single-use invite for another phone (chair and vice-chair; POST /invites). `memberId`:
 * whose phone it will be (a volunteer's opens on the people they care for).
 */
export async function createInvite(db: ClubBookDatabase, role: InvitableRole, options: HttpOptions & { memberId?: string } = {}): Promise<InviteResponse> {
  const { serverUrl, token } = await connected(db);
  const { memberId, ...http } = options;
  const body = memberId === undefined ? { role } : { role, memberId };
  return callServer<InviteResponse>({ serverUrl, method: 'POST', path: '/invites', token, body }, http);
}

/** The club's phones (chair; GET /devices). */
export async function listDevices(db: ClubBookDatabase, options: HttpOptions = {}): Promise<DeviceSummary[]> {
  const { serverUrl, token } = await connected(db);
  const answer = await callServer<DeviceSummary[] | { devices: DeviceSummary[] }>(
    { serverUrl, method: 'GET', path: '/devices', token },
    options,
  );
  return Array.isArray(answer) ? answer : answer.devices;
}

/** Revokes a phone (chair; DELETE /devices/:id): its token answers 401 from then on. */
export async function revokeDevice(db: ClubBookDatabase, deviceId: string, options: HttpOptions = {}): Promise<void> {
  const { serverUrl, token } = await connected(db);
  await callServer<unknown>({ serverUrl, method: 'DELETE', path: `/devices/${encodeURIComponent(deviceId)}`, token }, options);
}

/**
 * Hands the chair's role to another phone of the club (chair; POST /devices/:id/chair).
 * This phone is then a board member's, at once: the chair's screens close to it.
 */
export async function handChairTo(db: ClubBookDatabase, deviceId: string, options: HttpOptions = {}): Promise<void> {
  const { serverUrl, token } = await connected(db);
  await callServer<unknown>({ serverUrl, method: 'POST', path: `/devices/${encodeURIComponent(deviceId)}/chair`, token }, options);
  await saveRole(db, 'board');
}
