import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClub, memberData, newId, numbered, push, rawGet, startServer, STORE_KINDS, type Harness, type Phone } from './harness';


/**
 * A village pays for data by the megabyte: the API's answers go compressed to a phone that
 * asks (a browser's fetch always does), and as they are to one that does not.
 */
describe('compressed answers', () => {
  let h: Harness;
  let chair: Phone;
  beforeAll(async () => {
    h = await startServer(STORE_KINDS[0]!);
    chair = await createClub(h);
    const members = numbered(chair, Array.from({ length: 300 }, (_, i) => ({ id: newId(), data: memberData(chair.clubId, { fullName: `Nguyễn Thị Số ${i}` }) })));
    expect((await push(h, chair, members)).status).toBe(200);
  });
  afterAll(() => h.close());

  const pull = (headers: Record<string, string>) => rawGet(`${h.url}/api/v1/sync/pull?since=0&limit=500`, { authorization: `Bearer ${chair.token}`, ...headers });

  it('sends a pull as brotli to a browser, gzip to a client that takes only gzip, the same JSON either way, at a fraction of the bytes', async () => {
    const plain = await pull({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString()) as { changes: unknown[] };
    expect(json.changes.length).toBeGreaterThan(300);

    const br = await pull({ 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(json);
    expect(br.body.length).toBeLessThan(plain.body.length / 8);

    const gz = await pull({ 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(json);
  });

  it('leaves a small answer as it is: compressing it would cost more than it saves', async () => {
    const health = await rawGet(`${h.url}/api/v1/health`, { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toMatchObject({ ok: true });
  });
});
