import { afterEach, describe, expect, it } from 'vitest';
import { startServer, startServerOn, STORE_KINDS, type Harness, type TestDatabase } from './harness';

/**
 * Guessing codes is limited per address and in total, with the counts in the database: a
 * restart does not clear them, and two servers on one database share them.
 */
const wrongEnroll = (h: Harness, from?: string) =>
  h.request('POST', '/api/v1/enroll', {
    body: { code: 'WRONGCODE', device: { name: 'Máy' } },
    headers: from ? { 'x-forwarded-for': from } : {},
  });

const wrongClub = (h: Harness, from?: string) =>
  h.request('POST', '/api/v1/clubs', {
    body: { setupCode: 'guess', club: {}, device: { name: 'Máy' } },
    headers: from ? { 'x-forwarded-for': from } : {},
  });

describe.each(STORE_KINDS)('rate limits on $name', (kind) => {
  let db: TestDatabase | undefined;
  const servers: Harness[] = [];
  const serve = async (options: Parameters<typeof startServerOn>[1] = {}) => {
    db ??= await kind.database();
    const h = await startServerOn(db, options);
    servers.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of servers.splice(0)) await h.close();
    await db?.dispose();
    db = undefined;
  });

  it('lets an address guess 10 times a minute, answering 429 rate_limited with Retry-After, and again once the minute is over', async () => {
    const h = await serve();
    for (let i = 0; i < 10; i++) expect((await wrongEnroll(h)).status).toBe(404);
    const refused = await wrongEnroll(h);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: 'Thử quá nhiều lần. Hãy chờ một phút rồi thử lại.' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Each route has its own count: making a club is still open.
    expect((await wrongClub(h)).status).toBe(403);
    h.clock.advance(60_000);
    expect((await wrongEnroll(h)).status).toBe(404);
  });

  it('keeps the counts through a restart on the same database', async () => {
    const first = await serve();
    for (let i = 0; i < 10; i++) expect((await wrongClub(first)).status).toBe(403);
    await first.close();
    const second = await serve();
    expect((await wrongClub(second)).status).toBe(429);
  });

  it('shares the counts between two servers on one database', async () => {
    const [a, b] = [await serve(), await serve()];
    for (let i = 0; i < 5; i++) {
      expect((await wrongEnroll(a)).status).toBe(404);
      expect((await wrongEnroll(b)).status).toBe(404);
    }
    expect((await wrongEnroll(a)).status).toBe(429);
    expect((await wrongEnroll(b)).status).toBe(429);
  });

  it('counts every try of two servers racing, losing none', async () => {
    const [a, b] = [await serve({ codeGuessLimits: { perAddress: 1000 } }), await serve({ codeGuessLimits: { perAddress: 1000 } })];
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => wrongEnroll(i % 2 ? a : b).then((r) => r.status)));
    expect(statuses.every((s) => s === 404)).toBe(true);
    expect(await a.store.countAttempt('enroll|total', Math.floor(a.clock.now.getTime() / 60_000))).toBe(41);
  });

  it('holds a total limit across many addresses, and each address’s own limit behind a trusted proxy', async () => {
    const h = await serve({ trustProxy: true, codeGuessLimits: { perAddress: 3, total: 25 } });
    // One phone's wrong tries lock only that phone out.
    for (let i = 0; i < 3; i++) expect((await wrongEnroll(h, '10.1.0.1')).status).toBe(404);
    expect((await wrongEnroll(h, '10.1.0.1')).status).toBe(429);
    expect((await wrongEnroll(h, '10.1.0.2')).status).toBe(404);
    // A guesser with many addresses: one try each, 25 in all (4 counted already), then none.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await wrongEnroll(h, `10.2.${i >> 8}.${i & 255}`)).status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(21);
    expect(statuses.slice(21).every((s) => s === 429)).toBe(true);
  });
});

describe('behind a proxy that TRUST_PROXY does not name', () => {
  it('says so once in the log, with no address in it', async () => {
    const lines: string[] = [];
    const h = await startServer(STORE_KINDS[0]!, { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      await h.request('GET', '/api/v1/health');
      expect(lines.join('')).not.toContain('TRUST_PROXY');
      for (let i = 0; i < 3; i++) await wrongEnroll(h, `203.0.113.${i + 7}, 10.0.0.1`);
      const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((e) => e.level === 40);
      expect(warnings.map((w) => w.msg)).toEqual([expect.stringContaining('TRUST_PROXY')]);
      // The phones' addresses (the proxy's, and the ones it forwards) nowhere; the server's own
      // listening address is the one line that may name one.
      expect(lines.filter((line) => !line.includes('Server listening')).join('')).not.toMatch(/203\.0\.113|10\.0\.0\.1|127\.0\.0\.1/);
    } finally {
      await h.close();
    }
  });
});
