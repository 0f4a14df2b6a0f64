import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MUTATIONS_PER_PUSH } from '../../src/domain/protocol';
import { createClub, memberData, newId, numbered, pullAll, push, startServer, STORE_KINDS, type Harness, type Phone } from './harness';

/**
 * One club's big push must not hold up the other clubs: while a 500-mutation push is in
 * its transaction, another club's phone signs in and pulls as if nothing were going on.
 */
const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms while the push was open`)), ms))]);

describe.each(STORE_KINDS)('reads during a push on $name', (kind) => {
  let h: Harness;
  let busy: Phone;
  let other: Phone;
  beforeEach(async () => {
    h = await startServer(kind);
    busy = await createClub(h, { name: 'CLB thôn Bắc (đang gửi)' });
    other = await createClub(h, { name: 'CLB thôn Nam' });
    const seeded = await push(h, other, numbered(other, Array.from({ length: 60 }, () => ({ id: newId(), data: memberData(other.clubId) }))));
    expect(seeded.body.rejected).toEqual([]);
  });
  afterEach(() => h.close());

  it('answers another club’s pull and sign-in while a 500-mutation push is still open', async () => {
    // The push stops in its transaction, half-way through writing its rows, until let go.
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let reachedMiddle!: () => void;
    const inTheMiddle = new Promise<void>((resolve) => (reachedMiddle = resolve));
    h.store.hooks.beforeRecordWrite = async (count) => {
      if (count === MAX_MUTATIONS_PER_PUSH / 2) {
        reachedMiddle();
        await held;
      }
    };
    const mutations = numbered(busy, Array.from({ length: MAX_MUTATIONS_PER_PUSH }, () => ({ id: newId(), data: memberData(busy.clubId) })));
    let pushDone = false;
    const pushing = push(h, busy, mutations).then((reply) => {
      pushDone = true;
      return reply;
    });
    await inTheMiddle;
    try {
      await readsOfTheOthers();
    } finally {
      letGo();
    }
    const reply = await pushing;
    expect(reply.body).toMatchObject({ ackedThrough: MAX_MUTATIONS_PER_PUSH, rejected: [] });
    expect((await pullAll(h, busy)).records.size).toBe(MAX_MUTATIONS_PER_PUSH + 1);
    h.store.hooks.beforeRecordWrite = undefined;

    async function readsOfTheOthers() {
      // "Last seen" is a minute old, so signing in wants to write it too.
      h.clock.advance(2 * 60_000);

      const me = await within(h.request<{ club: { id: string } }>('GET', '/api/v1/me', { token: other.token }), 3_000, 'GET /me');
      expect(me.status).toBe(200);
      expect(me.body.club.id).toBe(other.clubId);
      const pulled = await within(pullAll(h, other), 3_000, 'the pull');
      expect(pulled.records.size).toBe(61);
      const devices = await within(h.request('GET', '/api/v1/devices', { token: other.token }), 3_000, 'GET /devices');
      expect(devices.status).toBe(200);
      // The busy club's own pull sees the last commit, not the push in flight.
      expect((await within(pullAll(h, busy), 3_000, 'the busy club’s pull')).records.size).toBe(1);
      expect(pushDone).toBe(false);
    }
  });
});
