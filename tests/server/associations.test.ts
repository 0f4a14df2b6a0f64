import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { placeKey } from '../../src/domain/places';
import {
  INVITE_ALPHABET,
  INVITE_CODE_LENGTH,
  SCHEMA_VERSION,
  type AssociationListResponse,
  type AssociationMeResponse,
  type AssociationSignInResponse,
  type CreateAssociationResponse,
} from '../../src/domain/protocol';
import { inScope } from '../../src/server/association-auth';
import { createClub, enrollPhone, startServer, STORE_KINDS, type Harness } from './harness';

/**
 * Association officers (issue 13): accounts of a province or one commune of it, made and
 * revoked by whoever holds the setup code, signed in on any browser with a reusable code.
 * An officer's token reaches the officers' routes only, never a club's records, and a
 * phone's token never reaches the officers' routes.
 */
// Twice an invite's length: a sign-in code never expires.
const CODE = new RegExp(`^[${INVITE_ALPHABET}]{${2 * INVITE_CODE_LENGTH}}$`);

describe.each(STORE_KINDS)('association officers on $name', (kind) => {
  let h: Harness;
  const lines: string[] = [];
  beforeEach(async () => {
    lines.length = 0;
    // Room for the many tries of one test; the limit itself is tested on its own server below.
    h = await startServer(kind, {
      codeGuessLimits: { perAddress: 1000 },
      logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } },
    });
  });
  afterEach(() => h.close());

  // A second between accounts: the list is in the order they were made.
  const create = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const reply = await h.request<CreateAssociationResponse>('POST', '/api/v1/associations', { body: { setupCode: h.setupCode, ...body }, headers });
    h.clock.advance(1000);
    return reply;
  };
  const signIn = (code: string, headers: Record<string, string> = {}) =>
    h.request<AssociationSignInResponse>('POST', '/api/v1/associations/sign-in', { body: { code }, headers });
  const me = (token: string) => h.request<AssociationMeResponse>('GET', '/api/v1/association/me', { token });
  const list = (setupCode = h.setupCode) => h.request<AssociationListResponse>('POST', '/api/v1/associations/list', { body: { setupCode } });
  const revoke = (id: string, setupCode = h.setupCode) => h.request('POST', `/api/v1/associations/${id}/revoke`, { body: { setupCode } });

  const commune = { name: 'Hội Người cao tuổi xã Tân Lập', province: 'Tỉnh Phú Thọ', commune: 'Xã Tân Lập' };

  it('makes an account with the setup code, for a commune or a whole province, and refuses a wrong setup code', async () => {
    const made = await create({ ...commune, name: '  Hội Người cao tuổi xã Tân Lập  ' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({
      association: { id: expect.any(String), name: 'Hội Người cao tuổi xã Tân Lập', province: 'Tỉnh Phú Thọ', commune: 'Xã Tân Lập' },
      code: expect.stringMatching(CODE),
    });
    const province = await create({ name: 'Hội Người cao tuổi tỉnh Phú Thọ', province: 'Phú Thọ' });
    expect(province.status).toBe(201);
    expect(province.body.association).toMatchObject({ province: 'Phú Thọ', commune: null });
    expect(province.body.code).not.toBe(made.body.code);

    // Kept with the keys a club's places are compared by.
    const stored = await h.store.listAssociations();
    expect(stored.map((a) => [a.provinceKey, a.communeKey])).toEqual([
      ['phú thọ', 'tân lập'],
      ['phú thọ', null],
    ]);

    const wrong = await create({ ...commune, setupCode: 'not-the-setup-code' }, { 'accept-language': 'en' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: { code: 'forbidden', message: 'The server setup code is wrong.' } });
    expect((await list()).body.associations).toHaveLength(2);
    expect((await list('not-the-setup-code')).status).toBe(403);
  });

  it('signs in with the code on one browser and on another: each gets a token, and GET /association/me shows the scope', async () => {
    const made = await create(commune);
    const first = await signIn(made.body.code);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ token: expect.any(String), association: made.body.association });

    // Typed as read aloud, on a second browser: the code is not spent by the first sign-in.
    const spoken = `${made.body.code.slice(0, 4).toLowerCase()}-${made.body.code.slice(4)} `;
    const second = await signIn(spoken);
    expect(second.status).toBe(201);
    expect(second.body.token).not.toBe(first.body.token);

    for (const token of [first.body.token, second.body.token]) {
      const seen = await me(token);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({ association: { id: made.body.association.id, name: commune.name, province: 'Tỉnh Phú Thọ', commune: 'Xã Tân Lập' } });
    }
  });

  it('revokes an account: its code and every token stop at once, and unknown or revoked codes answer alike', async () => {
    const made = await create(commune);
    const other = await create({ name: 'Hội Người cao tuổi tỉnh Phú Thọ', province: 'Phú Thọ' });
    const tokens = [(await signIn(made.body.code)).body.token, (await signIn(made.body.code)).body.token];
    const otherToken = (await signIn(other.body.code)).body.token;

    expect((await revoke(made.body.association.id, 'not-the-setup-code')).status).toBe(403);
    expect((await me(tokens[0]!)).status).toBe(200);
    const revoked = await revoke(made.body.association.id);
    expect(revoked.status).toBe(204);
    // Again: still done, nothing more to do.
    expect((await revoke(made.body.association.id)).status).toBe(204);

    for (const token of tokens) {
      const refused = await me(token);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    const again = await signIn(made.body.code, { 'accept-language': 'en' });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({
      error: { code: 'not_found', message: 'This sign-in code cannot be used: it may be mistyped or cancelled. Ask whoever runs the server.' },
    });
    const unknown = await signIn('ZZZZZZZZ', { 'accept-language': 'en' });
    expect(unknown).toMatchObject({ status: 404, body: again.body });
    expect((await signIn('ZZZZZZZZ')).body).toEqual({
      error: { code: 'not_found', message: 'Mã đăng nhập không dùng được: có thể gõ sai hoặc đã bị hủy. Hãy hỏi người quản lý máy chủ.' },
    });

    // The other account is untouched.
    expect((await me(otherToken)).status).toBe(200);
    expect((await signIn(other.body.code)).status).toBe(201);

    expect((await revoke(uuidv7())).status).toBe(404);
    expect((await revoke('not-an-account')).status).toBe(404);

    const listed = await list();
    expect(listed.body.associations.map((a) => [a.id, a.revokedAt])).toEqual([
      [made.body.association.id, h.clock.now.toISOString()],
      [other.body.association.id, null],
    ]);
  });

  it('keeps an officer out of every club route (403), and a phone out of the officers’ routes (403)', async () => {
    const chair = await createClub(h);
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    const made = await create(commune);
    const officer = (await signIn(made.body.code)).body.token;

    for (const [method, path, body] of [
      ['GET', '/api/v1/sync/pull?since=0', undefined],
      ['GET', '/api/v1/sync/wait?since=0&timeout=1', undefined],
      ['POST', '/api/v1/sync/push', { schemaVersion: SCHEMA_VERSION, mutations: [] }],
      ['GET', '/api/v1/me', undefined],
      ['GET', '/api/v1/devices', undefined],
      ['POST', '/api/v1/invites', { role: 'board' }],
      ['DELETE', `/api/v1/devices/${volunteer.deviceId}`, undefined],
    ] as const) {
      const reply = await h.request(method, path, { token: officer, body });
      expect([path, reply.status]).toEqual([path, 403]);
      expect(reply.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    // The volunteer is still in the club: the officer removed nothing.
    expect((await h.request('GET', '/api/v1/me', { token: volunteer.token })).status).toBe(200);

    for (const phone of [chair, volunteer]) {
      const reply = await me(phone.token);
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }

    // Tokens that are no one's, or no longer anyone's, stay 401 on both sides.
    expect((await h.request('GET', '/api/v1/me', { token: 'not-a-token-of-this-server-at-all' })).status).toBe(401);
    expect((await me('not-a-token-of-this-server-at-all')).status).toBe(401);
    expect((await h.request('GET', '/api/v1/association/me')).status).toBe(401);
    expect((await h.request('DELETE', `/api/v1/devices/${volunteer.deviceId}`, { token: chair.token })).status).toBe(204);
    expect((await me(volunteer.token)).status).toBe(401);
    await revoke(made.body.association.id);
    expect((await h.request('GET', '/api/v1/me', { token: officer })).status).toBe(401);
  });

  it('answers a malformed body with 400 in JSON, and makes nothing of it', async () => {
    const bodies: unknown[] = [
      {},
      { name: commune.name, province: 'Phú Thọ' },
      { setupCode: h.setupCode, province: 'Phú Thọ' },
      // A commune needs its province (without both, the account is the nation's).
      { setupCode: h.setupCode, name: commune.name, commune: 'Tân Lập' },
      { setupCode: h.setupCode, name: '   ', province: 'Phú Thọ' },
      { setupCode: h.setupCode, name: commune.name, province: ' ' },
      { setupCode: h.setupCode, name: commune.name, province: 'Phú Thọ', commune: '' },
      { setupCode: h.setupCode, name: 'H'.repeat(121), province: 'Phú Thọ' },
      { setupCode: h.setupCode, name: commune.name, province: 'P'.repeat(61) },
      { setupCode: h.setupCode, name: commune.name, province: 'Phú Thọ', commune: 'X'.repeat(101) },
      { setupCode: h.setupCode, name: commune.name, province: 'Phú Thọ', commune: 12 },
      { setupCode: h.setupCode, name: 'Hội\u0000', province: 'Phú Thọ' },
      { setupCode: h.setupCode, name: commune.name, province: 'Phú Thọ', code: 'ABCDEFGH' },
      [],
      'Phú Thọ',
    ];
    for (const body of bodies) {
      const reply = await h.request('POST', '/api/v1/associations', { body, headers: { 'accept-language': 'en' } });
      expect([body, reply.status]).toEqual([body, 400]);
      expect(reply.body).toEqual({ error: { code: 'invalid', message: 'The request is not in the right form.' } });
    }
    // At the limits: taken.
    const longest = await create({ name: 'H'.repeat(120), province: 'P'.repeat(60), commune: 'X'.repeat(100) });
    expect(longest.status).toBe(201);

    for (const [path, body] of [
      ['/api/v1/associations/list', {}],
      ['/api/v1/associations/list', { setupCode: h.setupCode, extra: 1 }],
      [`/api/v1/associations/${longest.body.association.id}/revoke`, { setupCode: 5 }],
      ['/api/v1/associations/sign-in', {}],
      ['/api/v1/associations/sign-in', { code: '' }],
      ['/api/v1/associations/sign-in', { code: 'A'.repeat(41) }],
      ['/api/v1/associations/sign-in', { code: longest.body.code, device: { name: 'Máy' } }],
    ] as const) {
      const reply = await h.request('POST', path, { body });
      expect([path, body, reply.status]).toEqual([path, body, 400]);
      expect(reply.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
    }
    const notJson = await h.request('POST', '/api/v1/associations', { raw: `{"setupCode": "${h.setupCode}", "name": ` });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
    expect(JSON.stringify(notJson.body)).not.toContain(h.setupCode);

    expect((await list()).body.associations).toHaveLength(1);
  });

  it('lists the accounts without a code or a token, and logs neither', async () => {
    const first = h.clock.now.toISOString();
    const made = await create(commune);
    const second = h.clock.now.toISOString();
    const province = await create({ name: 'Hội Người cao tuổi tỉnh Phú Thọ', province: 'Phú Thọ' });
    const token = (await signIn(made.body.code)).body.token;
    await me(token);
    await signIn('WRONGCOD');

    const listed = await list();
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      associations: [
        { ...made.body.association, createdAt: first, revokedAt: null },
        { ...province.body.association, createdAt: second, revokedAt: null },
      ],
    });
    const text = JSON.stringify(listed.body);
    for (const secret of [made.body.code, province.body.code, token]) expect(text).not.toContain(secret);

    const log = lines.join('');
    expect(log).toContain('/api/v1/associations/sign-in');
    for (const secret of [made.body.code, province.body.code, token, h.setupCode, 'WRONGCOD']) expect(log).not.toContain(secret);
  });
});

describe.each(STORE_KINDS)('association code guessing on $name', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startServer(kind, { codeGuessLimits: { perAddress: 3 } });
  });
  afterEach(() => h.close());

  it('slows down guessing sign-in codes and the setup code, as for invites', async () => {
    for (let i = 0; i < 3; i++) expect((await h.request('POST', '/api/v1/associations/sign-in', { body: { code: 'WRONGCOD' } })).status).toBe(404);
    const refused = await h.request('POST', '/api/v1/associations/sign-in', { body: { code: 'WRONGCOD' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);

    for (const path of ['/api/v1/associations', '/api/v1/associations/list', `/api/v1/associations/${uuidv7()}/revoke`]) {
      const body = { setupCode: 'guess', name: 'Hội', province: 'Phú Thọ' };
      for (let i = 0; i < 3; i++) {
        const reply = await h.request('POST', path, { body: path === '/api/v1/associations' ? body : { setupCode: 'guess' } });
        expect([path, reply.status]).toEqual([path, 403]);
      }
      expect((await h.request('POST', path, { body: { setupCode: 'guess' } })).status).toBe(429);
    }
  });
});

describe('inScope', () => {
  const account = (province: string, commune: string | null) => ({ provinceKey: placeKey(province), communeKey: commune === null ? null : placeKey(commune) });
  const club = (province: string, commune: string) => ({ provinceKey: placeKey(province), communeKey: placeKey(commune) });

  it('takes a club of the account’s commune however its names were typed', () => {
    expect(inScope(account('Phú Thọ', 'tân lập'), club('Tỉnh Phú Thọ', 'Xã Tân Lập'))).toBe(true);
    expect(inScope(account('tỉnh  phú thọ', 'Xã Tân  Lập'), club('Phú Thọ', 'tân lập'))).toBe(true);
    expect(inScope(account('Phú Thọ', 'Tân Lập'), club('Phú Thọ', 'Tân Sơn'))).toBe(false);
    // Tone marks kept: another place.
    expect(inScope(account('Phú Thọ', 'Tân Lập'), club('Phú Thọ', 'Tân Lấp'))).toBe(false);
    // A commune of the same name in another province is another commune.
    expect(inScope(account('Phú Thọ', 'Tân Lập'), club('Bắc Ninh', 'Tân Lập'))).toBe(false);
  });

  it('takes every commune of a province-wide account’s province, and none of another province', () => {
    const province = account('Tỉnh Phú Thọ', null);
    expect(inScope(province, club('Phú Thọ', 'Xã Tân Lập'))).toBe(true);
    expect(inScope(province, club('phú thọ', 'Phường Việt Trì'))).toBe(true);
    expect(inScope(province, club('Bắc Ninh', 'Đông Phong'))).toBe(false);
  });
});
