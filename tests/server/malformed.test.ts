import { connect } from 'node:net';
import { SCHEMA_VERSION } from '../../src/domain/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUB_PROFILE, createClub, invite, newId, startServer, STORE_KINDS, type Harness, type Phone } from './harness';

/**
 * Whatever arrives — any method, path, query, header or body, even bytes that are not HTTP —
 * the answer is a 4xx in the protocol's shape `{"error": {"code", "message"}}`, never a 500,
 * never Fastify's own shape, and never a word of the request repeated back (a request may
 * carry a member's name). Every case carries MARKER somewhere, and no answer may hold it.
 */
const MARKER = 'Zq9EchoMarker';
const deep = (depth: number, open = '[', close = ']', inner = '') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

interface Case {
  name?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A string or bytes; JSON content type unless the headers say otherwise. */
  body?: string | Uint8Array<ArrayBuffer>;
  /** Sent with the club's chair token. */
  auth?: boolean;
}

const push = (body: string): Case => ({ name: '', method: 'POST', path: '/api/v1/sync/push', body, auth: true });
const named = (name: string, c: Case): Case => ({ ...c, name });

const CASES: Case[] = [
  // The issue's cases.
  named('push whose schemaVersion is an array nested 5,000 deep', push(`{"schemaVersion": ${deep(5000)}, "mutations": [], "x": "${MARKER}"}`)),
  named('push whose schemaVersion is an array nested 100,000 deep', push(`{"schemaVersion": ${deep(100_000)}, "mutations": []}`)),
  named('a 10 KB path parameter', { method: 'DELETE', path: `/api/v1/devices/${MARKER}${'a'.repeat(10_000)}`, auth: true }),
  named('a bad percent-encoding in the path', { method: 'DELETE', path: `/api/v1/devices/${MARKER}%E0%A4%A`, auth: true }),
  named('a bad percent-encoding in an app path', { path: `/${MARKER}%ZZ`, headers: { accept: 'text/html' } }),
  named('a bad percent-encoding at the API root', { path: `/api/v1/%E0%A4%A${MARKER}` }),
  // Bodies of any depth and size.
  named('mutations nested 100,000 deep', push(`{"schemaVersion": 1, "mutations": ${deep(100_000)}}`)),
  named('record data of objects nested 100,000 deep', push(`{"schemaVersion": 1, "mutations": [{"seq": 1, "collection": "members", "op": "put", "id": "${newId()}", "data": {"notes": ${deep(100_000, '{"a":', '}', '1')}}}]}`)),
  named('a club profile nested 100,000 deep', { method: 'POST', path: '/api/v1/clubs', body: `{"setupCode": "x", "club": {"name": ${deep(100_000)}}, "device": {"name": "${MARKER}"}}` }),
  named('an enrolment that is only brackets', { method: 'POST', path: '/api/v1/enroll', body: deep(100_000) }),
  named('a creator secret nested deep', { method: 'POST', path: '/api/v1/clubs', body: `{"setupCode": "x", "club": {}, "device": {"name": "a"}, "creatorSecret": ${deep(1000)}}` }),
  named('a 2 MB string', push(`{"schemaVersion": 1, "mutations": [], "x": "${MARKER}${'x'.repeat(2 * 1024 * 1024)}"}`)),
  named('an array of 200,000 numbers', push(`{"schemaVersion": 1, "mutations": [${Array(200_000).fill('1').join(',')}]}`)),
  named('501 mutations', push(JSON.stringify({ schemaVersion: SCHEMA_VERSION, mutations: Array.from({ length: 501 }, (_, i) => ({ seq: i + 1, collection: 'members', op: 'put', id: `${MARKER}${i}` })) }))),
  named('a member with a 900 KB name', push(JSON.stringify({ schemaVersion: SCHEMA_VERSION, mutations: 'x'.repeat(900_000) + MARKER }))),
  named('JSON cut short', push(`{"schemaVersion": 1, "mutations": [{"seq": 1, "data": {"fullName": "${MARKER}`)),
  named('JSON that is not JSON', push(`{schemaVersion: SCHEMA_VERSION, mutations: ['${MARKER}']}`)),
  named('JSON null', push('null')),
  named('a JSON array', push(`["${MARKER}"]`)),
  named('a JSON string', push(`"${MARKER}"`)),
  named('a number too big for a double', push('{"schemaVersion": 1e400, "mutations": []}')),
  named('a schemaVersion of digits in a string', push(`{"schemaVersion": "1${MARKER}", "mutations": []}`)),
  named('a schemaVersion that is an object', push(`{"schemaVersion": {"valueOf": "${MARKER}"}, "mutations": []}`)),
  named('a schemaVersion of 1.5', push('{"schemaVersion": 1.5, "mutations": []}')),
  named('a schemaVersion from the future', push('{"schemaVersion": 1e20, "mutations": []}')),
  named('__proto__ in the body', push(`{"schemaVersion": 1, "mutations": [], "__proto__": {"x": "${MARKER}"}}`)),
  named('constructor.prototype in the body', push(`{"schemaVersion": 1, "mutations": [], "constructor": {"prototype": {"x": "${MARKER}"}}}`)),
  named('bytes that are not UTF-8', { method: 'POST', path: '/api/v1/enroll', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]) }),
  named('an empty JSON body', { method: 'POST', path: '/api/v1/enroll', body: '' }),
  named('a mutation of a seq that is a huge number', push(`{"schemaVersion": 1, "mutations": [{"seq": 1e300, "collection": "members", "op": "put", "id": "${MARKER}"}]}`)),
  named('a mutation id with a NUL', push(`{"schemaVersion": 1, "mutations": [{"seq": 1, "collection": "members", "op": "put", "id": "${MARKER}\\u0000", "data": {}}]}`)),
  named('a collection name with a NUL', push(`{"schemaVersion": 1, "mutations": [{"seq": 1, "collection": "members\\u0000${MARKER}", "op": "delete", "id": "a"}]}`)),
  named('a mutation with data that is an array', push(`{"schemaVersion": 1, "mutations": [{"seq": 1, "collection": "members", "op": "put", "id": "a", "data": ["${MARKER}"]}]}`)),
  // Content types.
  named('form-encoded', { method: 'POST', path: '/api/v1/enroll', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${MARKER}` }),
  named('multipart', { method: 'POST', path: '/api/v1/enroll', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: `--x\r\n\r\n${MARKER}\r\n--x--` }),
  named('text/plain', { method: 'POST', path: '/api/v1/clubs', headers: { 'content-type': 'text/plain' }, body: `{"setupCode": "${MARKER}"}` }),
  named('a content type that is not one', { method: 'POST', path: '/api/v1/enroll', headers: { 'content-type': `${MARKER}/;;;` }, body: '{}' }),
  named('JSON in UTF-16', { method: 'POST', path: '/api/v1/enroll', headers: { 'content-type': 'application/json; charset=utf-16' }, body: `{"code": "${MARKER}"}` }),
  named('a gzip body that is not gzip', { method: 'POST', path: '/api/v1/enroll', headers: { 'content-encoding': 'gzip' }, body: `{"code": "${MARKER}"}` }),
  // Methods.
  named('PUT on a POST route', { method: 'PUT', path: '/api/v1/clubs', body: `{"x": "${MARKER}"}` }),
  named('PATCH on push', { method: 'PATCH', path: '/api/v1/sync/push', body: '{}', auth: true }),
  named('DELETE on clubs', { method: 'DELETE', path: `/api/v1/clubs?x=${MARKER}` }),
  named('OPTIONS', { method: 'OPTIONS', path: `/api/v1/sync/pull?since=${MARKER}` }),
  named('POST on health', { method: 'POST', path: '/api/v1/health', body: `{"x": "${MARKER}"}` }),
  named('GET on push', { path: '/api/v1/sync/push', auth: true }),
  // Paths.
  named('an unknown API route', { path: `/api/v1/${MARKER}` }),
  named('an unknown API version', { path: `/api/v9/${MARKER}` }),
  named('a path of dots', { path: `/api/v1/../../${MARKER}/../etc/passwd` }),
  named('an encoded slash', { method: 'DELETE', path: `/api/v1/devices/${MARKER}%2F..%2F`, auth: true }),
  named('a path with a NUL', { method: 'DELETE', path: `/api/v1/devices/${MARKER}%00`, auth: true }),
  named('a very long unknown path', { path: `/api/v1/${MARKER}/${'x/'.repeat(3000)}` }),
  // Query strings.
  named('a cursor that is not one', { path: `/api/v1/sync/pull?since=${MARKER}`, auth: true }),
  named('a cursor given twice', { path: '/api/v1/sync/pull?since=1&since=2', auth: true }),
  named('a cursor with a bad percent-encoding', { path: `/api/v1/sync/pull?since=%E0%A4%A${MARKER}`, auth: true }),
  named('a negative limit', { path: '/api/v1/sync/pull?since=0&limit=-1', auth: true }),
  named('a limit that is a word', { path: `/api/v1/sync/pull?since=0&limit=${MARKER}`, auth: true }),
  named('a schemaVersion given twice', { path: '/api/v1/sync/pull?since=0&schemaVersion=1&schemaVersion=1', auth: true }),
  named('a schemaVersion of 10 million digits of nonsense', { path: `/api/v1/sync/pull?since=0&schemaVersion=${MARKER}${'9'.repeat(2000)}`, auth: true }),
  named('a wait timeout that is a word', { path: `/api/v1/sync/wait?since=0&timeout=${MARKER}`, auth: true }),
  named('a query of 2,000 keys', { path: `/api/v1/sync/pull?since=x&${Array.from({ length: 2000 }, (_, i) => `k${i}=${MARKER}`).join('&').slice(0, 12_000)}`, auth: true }),
  // Headers.
  named('a token that is not one', { path: '/api/v1/me', headers: { authorization: `Bearer ${MARKER}!!` } }),
  named('a token of 4 KB', { path: '/api/v1/me', headers: { authorization: `Bearer ${MARKER}${'a'.repeat(4000)}` } }),
  named('another auth scheme', { path: '/api/v1/me', headers: { authorization: `Basic ${btoa(`${MARKER}:x`)}` } }),
  named('an Accept-Language of nonsense', { path: `/api/v1/${MARKER}`, headers: { 'accept-language': `;;;q=abc,${MARKER};q=-1,,` } }),
  named('an Accept-Version header', { path: `/api/v1/${MARKER}`, headers: { 'accept-version': `${MARKER}` } }),
  named('a Content-Length larger than the body', { method: 'POST', path: '/api/v1/enroll', headers: { 'content-length': '5000' }, body: `{"code": "${MARKER}"}` }),
];

/** Requests fetch will not send: written to the socket as they are. */
const RAW: { name: string; text: string }[] = [
  { name: 'a request line that is not HTTP', text: `GARBAGE ${MARKER}\r\n\r\n` },
  { name: 'an unknown method', text: `BREW /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Echo: ${MARKER}\r\nConnection: close\r\n\r\n` },
  { name: 'headers over 16 KB', text: `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Echo: ${MARKER}${'a'.repeat(20_000)}\r\n\r\n` },
  { name: 'a URL over 16 KB', text: `GET /api/v1/${MARKER}${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n` },
  { name: 'a Content-Length that is a word', text: `POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Length: ${MARKER}\r\n\r\n{}` },
  { name: 'both Content-Length and chunked', text: `POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { name: 'a chunked body with a bad chunk size', text: `POST /api/v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${MARKER}\r\n\r\n` },
  { name: 'a raw space in the path', text: `GET /api/v1/ ${MARKER} x HTTP/1.1\r\nHost: x\r\n\r\n` },
  { name: 'a raw bad percent-encoding with an English speaker', text: `GET /api/v1/devices/%ZZ${MARKER} HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n` },
];

function rawRequest(url: string, text: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    // The server may close while the request is still being written: that is an answer too.
    socket.on('error', () => {});
    socket.on('close', () => {
      const [head = '', ...rest] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (!status) reject(new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 200))}`));
      else resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    setTimeout(() => socket.destroy(), 5000);
  });
}

function expectErrorAnswer(status: number, contentType: string | null, text: string) {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(contentType).toContain('application/json');
  expect(JSON.parse(text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(text).not.toContain(MARKER);
  expect(text).not.toMatch(/FST_|stack|\.ts:|node_modules/);
}

describe.each(STORE_KINDS)('malformed requests on $name', (kind) => {
  let h: Harness;
  let chair: Phone;
  let address = 0;
  beforeAll(async () => {
    // Each case from an address of its own, so the code routes' rate limits never answer in
    // place of what the case is about.
    h = await startServer(kind, { trustProxy: true });
    chair = await createClub(h);
  });
  afterAll(() => h.close());

  it.each(CASES)('$name: a 4xx JSON error, nothing echoed', async (c) => {
    address++;
    const body = c.body;
    const response = await fetch(`${h.url}${c.path}`, {
      method: c.method ?? 'GET',
      headers: {
        'x-forwarded-for': `10.9.${address >> 8}.${address & 255}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(c.auth ? { authorization: `Bearer ${chair.token}` } : {}),
        ...c.headers,
      },
      ...(body !== undefined ? { body } : {}),
    }).catch((error: unknown) => {
      // fetch refuses a few of its own (a Content-Length that does not match): not the server's doing.
      if (c.headers?.['content-length']) return null;
      throw error;
    });
    if (!response) return;
    const text = await response.text();
    expectErrorAnswer(response.status, response.headers.get('content-type'), text);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each(RAW)('$name (raw bytes): a 4xx JSON error, nothing echoed', async ({ text }) => {
    const answer = await rawRequest(h.url, text);
    expectErrorAnswer(answer.status, /content-type: ([^\r\n]+)/i.exec(answer.headers)?.[1] ?? null, answer.body);
    expect(answer.headers).not.toContain(MARKER);
  });

  it('answers a bad URL in the language asked for', async () => {
    const vi = await h.request('DELETE', '/api/v1/devices/%E0%A4%A', { token: chair.token });
    const en = await h.request('DELETE', '/api/v1/devices/%E0%A4%A', { token: chair.token, headers: { 'accept-language': 'en' } });
    expect(vi.body).toEqual({ error: { code: 'invalid', message: 'Yêu cầu không đúng dạng.' } });
    expect(en.body).toEqual({ error: { code: 'invalid', message: 'The request is not in the right form.' } });
    const long = await h.request('DELETE', `/api/v1/devices/${'a'.repeat(10_000)}`, { token: chair.token, headers: { 'accept-language': 'en' } });
    expect(long.status).toBe(414);
    expect(long.body).toEqual({ error: { code: 'too_large', message: 'Too much in one request.' } });
  });

  it('refuses a phone name with a NUL, from a chair making a club or a phone with a good invite', async () => {
    const made = await h.request('POST', '/api/v1/clubs', {
      body: { setupCode: h.setupCode, club: { ...CLUB_PROFILE }, device: { name: `${MARKER}\u0000` } },
      headers: { 'x-forwarded-for': '10.8.0.1' },
    });
    expectErrorAnswer(made.status, made.headers.get('content-type'), JSON.stringify(made.body));
    const code = await invite(h, chair, 'board');
    const enrolled = await h.request('POST', '/api/v1/enroll', { body: { code, device: { name: `Máy\u0000${MARKER}` } }, headers: { 'x-forwarded-for': '10.8.0.2' } });
    expectErrorAnswer(enrolled.status, enrolled.headers.get('content-type'), JSON.stringify(enrolled.body));
  });

  it('still takes a good push after all that', async () => {
    const reply = await h.request('POST', '/api/v1/sync/push', { token: chair.token, body: { schemaVersion: SCHEMA_VERSION, mutations: [] } });
    expect(reply.status).toBe(200);
  });
});
