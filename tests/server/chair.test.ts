import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { createClub, enrollPhone, memberData, newId, numbered, push, startServer, STORE_KINDS, type Harness, type Phone } from './harness';

/**
 * The chair's role outlives the chair's phone: the chair hands it to another phone of the
 * club, and the association (it holds the setup code) can let a new chair's phone in when
 * the chair's is gone, which removes the old one.
 */
type Devices = { devices: { id: string; role: string; revokedAt: string | null }[] };

describe.each(STORE_KINDS)('the chair role on $name', (kind) => {
  let h: Harness;
  let chair: Phone;
  beforeEach(async () => {
    h = await startServer(kind);
    chair = await createClub(h);
  });
  afterEach(() => h.close());

  const handOver = (by: Phone, toId: string, headers: Record<string, string> = {}) =>
    h.request('POST', `/api/v1/devices/${toId}/chair`, { token: by.token, headers });
  const chairInvite = (clubId: string, setupCode = h.setupCode) =>
    h.request<{ code: string; role: string; expiresAt: string }>('POST', `/api/v1/clubs/${clubId}/chair-invite`, { body: { setupCode } });
  const enroll = (code: string, name = 'Máy chủ nhiệm mới') =>
    h.request<{ club: { id: string }; device: { id: string; role: string }; token: string }>('POST', '/api/v1/enroll', { body: { code, device: { name } } });
  const roles = async (by: Phone) => {
    const reply = await h.request<Devices>('GET', '/api/v1/devices', { token: by.token });
    expect(reply.status).toBe(200);
    return Object.fromEntries(reply.body.devices.map((d) => [d.id, d.revokedAt ? `${d.role} (removed)` : d.role]));
  };

  it('hands the chair role to another phone: it becomes the chair, the old chair a board member who may no longer do the chair’s work', async () => {
    const treasurer = await enrollPhone(h, chair, 'treasurer');
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    expect((await handOver(chair, treasurer.deviceId)).status).toBe(204);

    const newChair = { ...treasurer, role: 'chair' };
    expect(await roles(newChair)).toEqual({ [chair.deviceId]: 'board', [treasurer.deviceId]: 'chair', [volunteer.deviceId]: 'volunteer' });
    expect((await h.request<{ device: { role: string } }>('GET', '/api/v1/me', { token: treasurer.token })).body.device.role).toBe('chair');
    expect((await h.request<{ device: { role: string } }>('GET', '/api/v1/me', { token: chair.token })).body.device.role).toBe('board');

    // The old chair's token: the chair's routes are closed to it now.
    for (const [method, path] of [
      ['GET', '/api/v1/devices'],
      ['DELETE', `/api/v1/devices/${volunteer.deviceId}`],
      ['POST', `/api/v1/devices/${chair.deviceId}/chair`],
      ['POST', `/api/v1/devices/${volunteer.deviceId}/chair`],
    ] as const) {
      const reply = await h.request(method, path, { token: chair.token });
      expect([path, reply.status]).toEqual([path, 403]);
      expect(reply.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    // …and open to the new chair, who may also hand the role back.
    expect((await h.request('DELETE', `/api/v1/devices/${volunteer.deviceId}`, { token: treasurer.token })).status).toBe(204);
    expect((await handOver(newChair, chair.deviceId)).status).toBe(204);
    expect(await roles(chair)).toMatchObject({ [chair.deviceId]: 'chair', [treasurer.deviceId]: 'board' });
    // As a board member the old chair still syncs and invites (the board may).
    const sent = await push(h, treasurer, numbered(treasurer, [{ id: newId(), data: memberData(chair.clubId) }]));
    expect(sent.body.rejected).toEqual([]);
  });

  it('lets only the chair hand the role on, and only to a phone of its club that is not removed', async () => {
    const board = await enrollPhone(h, chair, 'board');
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    const other = await createClub(h, { name: 'CLB khác' });

    const byBoard = await handOver(board, volunteer.deviceId);
    expect(byBoard.status).toBe(403);
    expect((await handOver(board, board.deviceId)).status).toBe(403);
    expect((await handOver(volunteer, volunteer.deviceId)).status).toBe(403);

    expect((await handOver(chair, other.deviceId)).status).toBe(404);
    expect((await handOver(chair, uuidv7())).status).toBe(404);
    expect((await handOver(chair, 'not-a-phone')).status).toBe(404);
    const self = await handOver(chair, chair.deviceId, { 'accept-language': 'en' });
    expect(self.status).toBe(400);
    expect(self.body).toEqual({ error: { code: 'invalid', message: 'This phone is the chair’s already.' } });
    expect((await h.request('DELETE', `/api/v1/devices/${volunteer.deviceId}`, { token: chair.token })).status).toBe(204);
    const removed = await handOver(chair, volunteer.deviceId);
    expect(removed.status).toBe(409);
    expect(removed.body).toMatchObject({ error: { code: 'conflict' } });
    expect((await handOver(chair, board.deviceId, { authorization: 'Bearer nobody-at-all-1234567' })).status).toBe(401);

    // Nothing changed by any of it.
    expect(await roles(chair)).toEqual({ [chair.deviceId]: 'chair', [board.deviceId]: 'board', [volunteer.deviceId]: 'volunteer (removed)' });
    expect(await roles(other)).toEqual({ [other.deviceId]: 'chair' });
  });

  it('leaves the club one chair when the chair hands the role to two phones at once', async () => {
    const [a, b] = [await enrollPhone(h, chair, 'board'), await enrollPhone(h, chair, 'treasurer')];
    const statuses = (await Promise.all([handOver(chair, a.deviceId), handOver(chair, b.deviceId)])).map((r) => r.status).sort();
    expect(statuses).toEqual([204, 403]);
    const role = async (phone: Phone) => (await h.request<{ device: { role: string } }>('GET', '/api/v1/me', { token: phone.token })).body.device.role;
    expect(await role(chair)).toBe('board');
    expect([await role(a), await role(b)].filter((r) => r === 'chair')).toHaveLength(1);
  });

  it('lets the association make a chair invite with the setup code; the new phone is the chair and every other chair phone is removed', async () => {
    const board = await enrollPhone(h, chair, 'board');
    const other = await createClub(h, { name: 'CLB khác' });
    const made = await chairInvite(chair.clubId);
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/), role: 'chair', expiresAt: expect.any(String) });
    expect(JSON.stringify(made.body)).not.toContain('Đông');

    const joined = await enroll(made.body.code);
    expect(joined.status).toBe(201);
    expect(joined.body.club.id).toBe(chair.clubId);
    expect(joined.body.device.role).toBe('chair');
    const newChair: Phone = { token: joined.body.token, deviceId: joined.body.device.id, clubId: chair.clubId, role: 'chair', seq: 1 };

    // The lost phone's token is dead; the board phone is kept.
    expect((await h.request('GET', '/api/v1/me', { token: chair.token })).status).toBe(401);
    expect((await h.request('GET', '/api/v1/me', { token: board.token })).status).toBe(200);
    expect(await roles(newChair)).toEqual({ [chair.deviceId]: 'chair (removed)', [board.deviceId]: 'board', [newChair.deviceId]: 'chair' });
    expect((await h.request('POST', '/api/v1/invites', { token: newChair.token, body: { role: 'volunteer' } })).status).toBe(201);
    // The other club's chair is untouched, and the invite was single use.
    expect((await h.request('GET', '/api/v1/me', { token: other.token })).status).toBe(200);
    expect((await enroll(made.body.code)).status).toBe(404);
  });

  it('refuses a chair invite with a wrong setup code, or for a club that is not here, saying nothing of either', async () => {
    const wrong = await chairInvite(chair.clubId, 'not-the-code');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: { code: 'forbidden', message: 'Mã thiết lập máy chủ không đúng.' } });
    // A wrong code for no club answers the same: it does not tell which ids are clubs.
    expect(await chairInvite(uuidv7(), 'not-the-code')).toEqual(expect.objectContaining({ status: 403, body: wrong.body }));
    expect((await chairInvite(uuidv7())).status).toBe(404);
    expect((await chairInvite('not-a-club')).status).toBe(404);
    const missing = await h.request('POST', `/api/v1/clubs/${chair.clubId}/chair-invite`, { body: {} });
    expect(missing.status).toBe(400);
    expect((await h.request('GET', '/api/v1/me', { token: chair.token })).status).toBe(200);
  });

  it('rate-limits guessing the setup code through chair invites, as every code route', async () => {
    for (let i = 0; i < 10; i++) expect((await chairInvite(chair.clubId, `guess-${i}`)).status).toBe(403);
    const limited = await chairInvite(chair.clubId);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
