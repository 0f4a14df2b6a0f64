import { DEFAULT_REPORT_TARGETS } from '../../src/domain/club';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { INVITE_ALPHABET, INVITE_CODE_LENGTH, SCHEMA_VERSION } from '../../src/domain/protocol';
import { CLUB_PROFILE, createClub, DAY_MS, enrollPhone, invite, memberData, numbered, pullAll, push, START, startServer, STORE_KINDS, type Harness } from './harness';

const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

describe.each(STORE_KINDS)('clubs, invites and phones on $name', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers health', async () => {
    const reply = await h.request('GET', '/api/v1/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, version: SCHEMA_VERSION, epoch: await h.store.epoch() });
    expect(await h.store.epoch()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers its own failures as JSON errors: unknown route, bad JSON, no stack', async () => {
    const unknown = await h.request('GET', '/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const badJson = await h.request('POST', '/api/v1/clubs', { raw: '{"setupCode": "x", "club": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
    expect(JSON.stringify(badJson.body)).not.toMatch(/at .*\.(ts|js)|stack/i);
    const notJson = await h.request('POST', '/api/v1/enroll', { raw: 'code=ABC', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
  });

  it('makes a club only for the holder of the setup code', async () => {
    const wrong = await h.request('POST', '/api/v1/clubs', {
      body: { setupCode: 'guess', club: CLUB_PROFILE, device: { name: 'A' } },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
  });

  it('refuses a malformed club body with a JSON error in the asked language', async () => {
    const missing = await h.request('POST', '/api/v1/clubs', { body: { setupCode: h.setupCode, club: { name: 'x' } } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject(errorShape);
    const badArea = await h.request('POST', '/api/v1/clubs', {
      body: { setupCode: h.setupCode, club: { ...CLUB_PROFILE, areaType: 'desert' }, device: { name: 'A' } },
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(badArea.status).toBe(400);
    expect(badArea.body).toEqual({ error: { code: 'invalid', message: 'Choose plains or mountains.' } });
    const blankName = await h.request('POST', '/api/v1/clubs', {
      body: { setupCode: h.setupCode, club: { ...CLUB_PROFILE, name: '  ' }, device: { name: 'A' } },
    });
    expect(blankName.body).toEqual({ error: { code: 'invalid', message: 'Hãy nhập tên câu lạc bộ.' } });
  });

  it('keeps the id a phone made offline, and the chair pulls the club record with its version', async () => {
    const clubId = '01a20000-0000-7000-8000-000000000001';
    const chair = await createClub(h, { id: clubId, maxLoan: 5_000_000 });
    expect(chair.clubId).toBe(clubId);
    const { records } = await pullAll(h, chair);
    expect(records.get(`club/${clubId}`)).toEqual({
      id: clubId,
      clubId,
      createdAt: START.toISOString(),
      updatedAt: START.toISOString(),
      deleted: false,
      ...CLUB_PROFILE,
      villageCode: null,
      foundedOn: null,
      olderAgeFrom: 60,
      maxLoan: 5_000_000,
      interestRateBasisPoints: null,
      interestToFundPercent: 50,
      loanTermMonths: 12,
      meetingDay: null,
      attendanceTargetPercent: 80,
      careVolunteersTarget: 10,
      caredForTarget: 5,
      visitsPerWeekTarget: 3,
      loanMethod: 'flat',
      loanPattern: 'equal',
      loanRoundTo: 1,
      monthlyDues: 10_000,
      duesTo: 'operatingFund',
      ...DEFAULT_REPORT_TARGETS,
      version: 1,
    });
  });

  const SECRET = 'the-making-phone-s-own-secret-0123456789abcdef';
  const SECRET_2 = 'another-phone-s-secret-0123456789abcdefghijkl';
  type Made = { club: Record<string, unknown>; device: { id: string; role: string }; token: string };
  const makeClub = (clubId: string, extra: Record<string, unknown> = {}, club: Record<string, unknown> = CLUB_PROFILE) =>
    h.request<Made>('POST', '/api/v1/clubs', {
      body: { setupCode: h.setupCode, club: { ...club, id: clubId }, device: { name: 'Máy chủ nhiệm' }, ...extra },
    });

  it('answers a repeated club creation with the same secret (its answer was lost) with a new token for the same chair, even once the club is in use', async () => {
    const clubId = '01a20000-0000-7000-8000-000000000002';
    const first = await makeClub(clubId, { creatorSecret: SECRET });
    expect(first.status).toBe(201);
    // The answer never reached the phone; it tries again with the same club and secret.
    const again = await makeClub(clubId, { creatorSecret: SECRET });
    expect(again.status).toBe(201);
    expect(again.body.device).toEqual({ id: first.body.device.id, role: 'chair' });
    expect(again.body.club.id).toBe(clubId);
    expect((await h.request('GET', '/api/v1/me', { token: again.body.token })).status).toBe(200);
    // The lost token is worthless from now on.
    expect((await h.request('GET', '/api/v1/me', { token: first.body.token })).status).toBe(401);

    const chair = { token: again.body.token, deviceId: first.body.device.id, clubId, role: 'chair', seq: 1 };
    expect((await push(h, chair, numbered(chair, [{ id: uuidv7(), data: memberData(clubId) }]))).status).toBe(200);
    const third = await makeClub(clubId, { creatorSecret: SECRET });
    expect(third.status).toBe(201);
    expect(third.body.device.id).toBe(first.body.device.id);
  });

  it('never gives a club id in use to anyone else: a repeat with another secret or none is 409, says nothing of the club, and the chair keeps its token', async () => {
    const clubId = '01a20000-0000-7000-8000-000000000003';
    const secretClub = { ...CLUB_PROFILE, name: 'CLB Liên thế hệ thôn Nam', commune: 'Xã Hoà Bình' };
    const made = await makeClub(clubId, { creatorSecret: SECRET }, secretClub);
    expect(made.status).toBe(201);
    const chair = { token: made.body.token, deviceId: made.body.device.id, clubId, role: 'chair', seq: 1 };
    // The chair used its token (an invite) but has pushed nothing yet: the "untouched" club of the issue.
    await invite(h, chair, 'board');
    const noSecretClub = '01a20000-0000-7000-8000-000000000004';
    expect((await makeClub(noSecretClub)).status).toBe(201);

    for (const [id, extra] of [
      [clubId, { creatorSecret: SECRET_2 }],
      [clubId, {}],
      [clubId, { creatorSecret: SECRET.slice(0, -1) + 'X' }],
      // A club made without a secret can never be repeated, not even with one.
      [noSecretClub, {}],
      [noSecretClub, { creatorSecret: SECRET }],
    ] as const) {
      const taken = await makeClub(id, extra);
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({ error: { code: 'conflict', message: expect.any(String) } });
      expect(JSON.stringify(taken.body)).not.toMatch(/Nam|Hoà Bình|Đông|Bắc Ninh/);
    }
    const me = await h.request<{ device: { id: string } }>('GET', '/api/v1/me', { token: chair.token });
    expect(me.status).toBe(200);
    expect(me.body.device.id).toBe(chair.deviceId);
  });

  it('refuses a creator secret that is too short or too long', async () => {
    for (const creatorSecret of ['short', 'x'.repeat(201), 42]) {
      const reply = await makeClub(uuidv7(), { creatorSecret });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: 'invalid' } });
    }
  });

  it('does not give the making phone back once it was removed', async () => {
    const clubId = '01a20000-0000-7000-8000-000000000005';
    const made = await makeClub(clubId, { creatorSecret: SECRET });
    const chair = { token: made.body.token, deviceId: made.body.device.id, clubId, role: 'chair', seq: 1 };
    const board = await enrollPhone(h, chair, 'board');
    expect((await h.request('POST', `/api/v1/devices/${board.deviceId}/chair`, { token: chair.token })).status).toBe(204);
    expect((await h.request('DELETE', `/api/v1/devices/${chair.deviceId}`, { token: board.token })).status).toBe(204);
    expect((await makeClub(clubId, { creatorSecret: SECRET })).status).toBe(409);
  });

  it('gives out single-use invites to the chair and board only', async () => {
    const chair = await createClub(h);
    const reply = await h.request<{ code: string; role: string; expiresAt: string }>('POST', '/api/v1/invites', {
      token: chair.token,
      body: { role: 'board' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.role).toBe('board');
    expect(reply.body.code).toHaveLength(INVITE_CODE_LENGTH);
    expect([...reply.body.code].every((c) => INVITE_ALPHABET.includes(c))).toBe(true);
    expect(reply.body.expiresAt).toBe(new Date(START.getTime() + 7 * DAY_MS).toISOString());

    const enrolled = await h.request<{ club: { id: string }; device: { role: string }; token: string }>('POST', '/api/v1/enroll', {
      // Typed as it is read aloud: lower case, in two groups.
      body: { code: `${reply.body.code.slice(0, 4).toLowerCase()} ${reply.body.code.slice(4)}`, device: { name: 'Máy phó chủ nhiệm' } },
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.club.id).toBe(chair.clubId);
    expect(enrolled.body.device.role).toBe('board');
    const board = { token: enrolled.body.token };

    const reused = await h.request('POST', '/api/v1/enroll', { body: { code: reply.body.code, device: { name: 'X' } } });
    expect(reused.status).toBe(404);
    const unknown = await h.request('POST', '/api/v1/enroll', { body: { code: 'ZZZZZZZZ', device: { name: 'X' } } });
    expect(unknown.status).toBe(404);
    // Used and unknown answer alike.
    expect(reused.body).toEqual(unknown.body);

    // The board (a vice-chair) may invite; the treasurer and volunteers may not.
    expect((await h.request('POST', '/api/v1/invites', { token: board.token, body: { role: 'volunteer' } })).status).toBe(201);
    const treasurer = await enrollPhone(h, chair, 'treasurer');
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    for (const phone of [treasurer, volunteer]) {
      const refused = await h.request('POST', '/api/v1/invites', { token: phone.token, body: { role: 'volunteer' } });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    // Nobody is invited in as a chair.
    expect((await h.request('POST', '/api/v1/invites', { token: chair.token, body: { role: 'chair' } })).status).toBe(400);
  });

  it("ties a volunteer's invite to the volunteer's member record, and the phone it lets in to the same member", async () => {
    const chair = await createClub(h);
    const memberId = uuidv7();
    const made = await h.request<{ code: string }>('POST', '/api/v1/invites', { token: chair.token, body: { role: 'volunteer', memberId } });
    expect(made.status).toBe(201);
    const enrolled = await h.request<{ device: { id: string; role: string; memberId: string | null }; token: string }>('POST', '/api/v1/enroll', {
      body: { code: made.body.code, device: { name: 'Máy chị Hoa' } },
    });
    expect(enrolled.body.device).toMatchObject({ role: 'volunteer', memberId });
    const me = await h.request<{ device: { memberId: string | null } }>('GET', '/api/v1/me', { token: enrolled.body.token });
    expect(me.body.device.memberId).toBe(memberId);
    const devices = await h.request<{ devices: { id: string; memberId: string | null }[] }>('GET', '/api/v1/devices', { token: chair.token });
    expect(devices.body.devices.find((d) => d.id === enrolled.body.device.id)?.memberId).toBe(memberId);
    // An invite without a member (a board phone) lets in a phone of no one in particular.
    const board = await enrollPhone(h, chair, 'board');
    expect((await h.request<{ device: { memberId: string | null } }>('GET', '/api/v1/me', { token: board.token })).body.device.memberId).toBeNull();
    // Not an id: refused, no invite made.
    const bad = await h.request('POST', '/api/v1/invites', { token: chair.token, body: { role: 'volunteer', memberId: 'Nguyễn Thị Hoa' } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } });
  });

  it('lets an invite expire after 7 days', async () => {
    const chair = await createClub(h);
    const early = await invite(h, chair, 'volunteer');
    const late = await invite(h, chair, 'volunteer');
    h.clock.advance(7 * DAY_MS - 1000);
    expect((await h.request('POST', '/api/v1/enroll', { body: { code: early, device: { name: 'A' } } })).status).toBe(201);
    h.clock.advance(2000);
    const expired = await h.request('POST', '/api/v1/enroll', { body: { code: late, device: { name: 'B' } } });
    expect(expired.status).toBe(404);
    expect(expired.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('rate-limits enrolling (guessing codes) with a 429 JSON error', async () => {
    const statuses: number[] = [];
    let last: unknown;
    for (let i = 0; i < 11; i++) {
      const reply = await h.request('POST', '/api/v1/enroll', { body: { code: `WRONG${i}`, device: { name: 'X' } } });
      statuses.push(reply.status);
      last = reply.body;
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(last).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  });

  it('tells a phone who it is (/me), and 401 without a valid token', async () => {
    const chair = await createClub(h);
    const me = await h.request<{ club: Record<string, unknown>; device: Record<string, unknown> }>('GET', '/api/v1/me', { token: chair.token });
    expect(me.status).toBe(200);
    expect(me.body.club).toEqual({ id: chair.clubId, ...CLUB_PROFILE });
    expect(me.body.device).toMatchObject({ id: chair.deviceId, role: 'chair', name: 'Máy chủ nhiệm', revokedAt: null });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-real-token-at-all-123' }, { authorization: 'Basic abc' }];
    for (const headers of attempts) {
      const reply = await h.request('GET', '/api/v1/me', { headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('lets the chair list and revoke phones; a revoked token answers 401 from then on', async () => {
    const chair = await createClub(h);
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    const list = await h.request<{ devices: { id: string; role: string }[] }>('GET', '/api/v1/devices', { token: chair.token });
    expect(list.status).toBe(200);
    // Both joined in the same (frozen) millisecond: compare without order.
    expect(list.body.devices.map((d) => [d.id, d.role]).sort((a, b) => a[1]!.localeCompare(b[1]!))).toEqual([
      [chair.deviceId, 'chair'],
      [volunteer.deviceId, 'volunteer'],
    ]);
    expect((await h.request('GET', '/api/v1/devices', { token: volunteer.token })).status).toBe(403);
    expect((await h.request('DELETE', `/api/v1/devices/${volunteer.deviceId}`, { token: volunteer.token })).status).toBe(403);

    const self = await h.request('DELETE', `/api/v1/devices/${chair.deviceId}`, { token: chair.token });
    expect(self.status).toBe(403);
    expect((await h.request('DELETE', '/api/v1/devices/no-such-phone', { token: chair.token })).status).toBe(404);

    const revoked = await h.request('DELETE', `/api/v1/devices/${volunteer.deviceId}`, { token: chair.token });
    expect(revoked.status).toBe(204);
    expect((await h.request('GET', '/api/v1/me', { token: volunteer.token })).status).toBe(401);
    expect((await h.request('GET', '/api/v1/sync/pull?since=0', { token: volunteer.token })).status).toBe(401);
    const after = await h.request<{ devices: { id: string; revokedAt: string | null }[] }>('GET', '/api/v1/devices', { token: chair.token });
    expect(after.body.devices.find((d) => d.id === volunteer.deviceId)?.revokedAt).toBe(START.toISOString());
  });

  it('does not let a chair revoke another club’s phone', async () => {
    const chairA = await createClub(h);
    const chairB = await createClub(h);
    const reply = await h.request('DELETE', `/api/v1/devices/${chairB.deviceId}`, { token: chairA.token });
    expect(reply.status).toBe(404);
    expect((await h.request('GET', '/api/v1/me', { token: chairB.token })).status).toBe(200);
  });
});
