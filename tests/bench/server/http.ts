import type { ClubFields } from '../../../src/domain/club';
import { createClubOnServer } from '../lib/club-api';
import { MAX_BODY_BYTES, SCHEMA_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../../src/domain/protocol';

/**
 * A phone as the bench plays it: its token, its club, the next seq its outbox would use and
 * its pull cursor. Requests go through Node's global fetch (undici) over loopback.
 */
export interface BenchPhone {
  token: string;
  clubId: string;
  deviceId: string;
  nextSeq: number;
  cursor: string;
}

export interface Timed<T> {
  ms: number;
  body: T;
}

async function timedJson<T>(url: string, init: RequestInit, what: string): Promise<Timed<T>> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as T };
}

export function putMutations(phone: BenchPhone, changes: readonly { id: string; data: Record<string, unknown> }[]): Mutation[] {
  return changes.map((c) => ({ seq: phone.nextSeq++, collection: 'members', op: 'put', id: c.id, data: c.data }));
}

/** Each pushed batch must come back fully acknowledged with nothing refused, or the figure means nothing. */
export async function push(baseUrl: string, phone: BenchPhone, mutations: readonly Mutation[]): Promise<Timed<PushResponse>> {
  const body = JSON.stringify({ schemaVersion: SCHEMA_VERSION, mutations });
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new Error(`a push body of ${Buffer.byteLength(body)} bytes is over the protocol's 1 MiB`);
  const reply = await timedJson<PushResponse>(
    `${baseUrl}/api/v1/sync/push`,
    { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${phone.token}` }, body },
    'push',
  );
  const last = mutations.at(-1)?.seq ?? 0;
  if (reply.body.ackedThrough !== last || reply.body.rejected.length > 0) {
    throw new Error(`push not fully applied: acked through ${reply.body.ackedThrough} of ${last}, ${JSON.stringify(reply.body.rejected.slice(0, 3))}`);
  }
  return reply;
}

/** One page from the phone's cursor; moves the cursor on. */
export async function pullPage(baseUrl: string, phone: BenchPhone): Promise<Timed<PullResponse>> {
  const query = new URLSearchParams({ since: phone.cursor, schemaVersion: String(SCHEMA_VERSION) });
  const reply = await timedJson<PullResponse>(
    `${baseUrl}/api/v1/sync/pull?${query}`,
    { headers: { authorization: `Bearer ${phone.token}` } },
    'pull',
  );
  phone.cursor = reply.body.cursor;
  return reply;
}

/** Pulls while hasMore, as the phone does; the latency of each page and how many changes came. */
export async function pullAll(baseUrl: string, phone: BenchPhone): Promise<{ pageMs: number[]; changes: number }> {
  const pageMs: number[] = [];
  let changes = 0;
  for (;;) {
    const page = await pullPage(baseUrl, phone);
    pageMs.push(page.ms);
    changes += page.body.changes.length;
    if (!page.body.hasMore) return { pageMs, changes };
  }
}

/** POST /clubs (rate limited to 10 a minute per address: a few per server only), as a phone with a pull cursor. */
export async function createClubOverHttp(baseUrl: string, setupCode: string, club: ClubFields): Promise<BenchPhone> {
  return { ...(await createClubOnServer(baseUrl, setupCode, club)), cursor: '0' };
}
