import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClub, memberData, newId, numbered, pullAll, push, startServer, STORE_KINDS, type Harness } from './harness';

describe.each(STORE_KINDS)('logging on $name', (kind) => {
  let h: Harness;
  const lines: string[] = [];
  beforeEach(async () => {
    lines.length = 0;
    h = await startServer(kind, { logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('logs each request (id, method, path, status, duration) but never names, phone numbers, tokens or bodies', async () => {
    const chair = await createClub(h);
    const name = 'Nguyễn Thị Lan';
    const phone = '0912345678';
    const id = newId();
    const reply = await push(h, chair, numbered(chair, [
      { id, data: memberData(chair.clubId, { fullName: name, phone, notes: 'Huyết áp 150/95' }) },
      // Refused ones too: a rejection must not echo the record into the log.
      { id: newId(), data: memberData(chair.clubId, { fullName: name, phone: `${phone}9` }) },
    ]));
    expect(reply.body.ackedThrough).toBe(2);
    // A body that is not JSON: the parser's message quotes it.
    await h.request('POST', '/api/v1/sync/push', { token: chair.token, raw: `{"mutations": "${name} ${phone}` });
    // And a fault: the error is logged, the record is not.
    h.store.hooks.beforeRecordWrite = () => {
      throw new Error('fault');
    };
    await push(h, chair, numbered(chair, [{ id: newId(), data: memberData(chair.clubId, { fullName: name, phone }) }]));
    h.store.hooks.beforeRecordWrite = undefined;
    await pullAll(h, chair);

    const log = lines.join('');
    expect(log).not.toContain(name);
    expect(log).not.toContain('Nguy');
    expect(log).not.toContain(phone);
    expect(log).not.toContain('150/95');
    expect(log).not.toContain(chair.token);
    expect(log).not.toContain(h.setupCode);

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const completed = entries.filter((e) => e.msg === 'request completed');
    expect(completed.length).toBeGreaterThanOrEqual(5);
    for (const e of completed) {
      expect(e).toMatchObject({ reqId: expect.any(String), res: { statusCode: expect.any(Number) }, responseTime: expect.any(Number) });
    }
    expect(entries.some((e) => e.msg === 'incoming request' && JSON.stringify(e.req) === JSON.stringify({ method: 'POST', path: '/api/v1/sync/push' }))).toBe(true);
    // The query string (cursor) is not logged either: only the path.
    expect(log).not.toContain('since=');
    expect(entries.some((e) => e.level === 50 && e.msg === 'request failed')).toBe(true);
  });
});
