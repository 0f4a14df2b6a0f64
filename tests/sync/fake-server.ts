import { API_PREFIX, type EnrollResponse, type Mutation, type PullResponse, type PushRequest, type PushResponse, type Rejection } from '../../src/domain/protocol';
import { findCollection } from '../../src/domain/collections';
import { canWrite } from '../../src/domain/collection';
import type { DeviceRole } from '../../src/domain/record';
import type { FetchLike } from '../../src/sync/http';

/**
 * A small in-memory server that follows SYNC-PROTOCOL.md closely enough for unit tests of
 * the engine: per-device lastSeq, field merge in arrival order, deletes win, a club version
 * stamped on every row, paged pulls by version. Tests against the real server live in
 * server.test.ts; this one lets unit tests inject faults precisely.
 */

interface Row {
  collection: string;
  record: Record<string, unknown>;
}

interface Device {
  id: string;
  role: DeviceRole;
  lastSeq: number;
  revoked: boolean;
}

export class FakeServer {
  version = 0;
  rows = new Map<string, Row>();
  devices = new Map<string, Device>();
  clubId: string | undefined;
  requests: { method: string; path: string; body: unknown }[] = [];
  /** An older server has no /sync/wait (404); tests that listen turn it on. */
  answersWait = false;
  private woken = new Set<() => void>();
  /** Refuse a mutation with this answer (by collection/id predicate). */
  refuse: ((m: Mutation, device: Device) => Rejection | undefined) | undefined;

  addDevice(role: DeviceRole): string {
    const token = `token-${this.devices.size + 1}-${Math.random()}`;
    this.devices.set(token, { id: `device-${this.devices.size + 1}`, role, lastSeq: 0, revoked: false });
    return token;
  }

  recordsOf(collection: string): Record<string, unknown>[] {
    return [...this.rows.values()].filter((r) => r.collection === collection).map((r) => r.record);
  }

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const path = url.pathname.slice(API_PREFIX.length);
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    this.requests.push({ method: String(init.method), path, body });
    const auth = new Headers(init.headers).get('authorization')?.replace('Bearer ', '');
    if (path === '/enroll' && init.method === 'POST') {
      const token = this.addDevice(body.code === 'CHAIR' ? 'chair' : body.code === 'VOLUNTEER' ? 'volunteer' : 'board');
      const device = this.devices.get(token)!;
      const answer: EnrollResponse = { club: this.summary(), device: { id: device.id, role: device.role }, token };
      return json(201, answer);
    }
    const device = auth ? this.devices.get(auth) : undefined;
    if (!device || device.revoked) return json(401, { error: { code: 'unauthorized', message: 'no' } });
    if (path === '/sync/push') return json(200, this.push(device, body as PushRequest));
    if (path === '/sync/pull') return json(200, this.pull(Number(url.searchParams.get('since')), Number(url.searchParams.get('limit'))));
    if (path === '/sync/wait' && this.answersWait) {
      return json(200, await this.wait(Number(url.searchParams.get('since')), Number(url.searchParams.get('timeout')) * 1000, init.signal));
    }
    return json(404, { error: { code: 'not_found', message: path } });
  };

  private summary(): EnrollResponse['club'] {
    return { id: this.clubId!, name: 'CLB', province: 'P', commune: 'C', village: 'V', areaType: 'plains' };
  }

  /** GET /sync/wait: answers once the version is past `since`, or after `timeoutMs`. */
  async wait(since: number, timeoutMs: number, signal?: AbortSignal | null) {
    if (this.version <= since) {
      await new Promise<void>((resolve) => {
        const done = () => (clearTimeout(timer), this.woken.delete(done), resolve());
        const timer = setTimeout(done, timeoutMs);
        this.woken.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
    const changed = this.version > since;
    return { changed, version: changed ? this.version : since, serverTime: new Date().toISOString() };
  }

  push(device: Device, request: PushRequest): PushResponse {
    const rejected: Rejection[] = [];
    let touched = false;
    for (const m of request.mutations) {
      if (m.seq <= device.lastSeq) continue;
      if (m.seq > device.lastSeq + 1) break;
      device.lastSeq = m.seq;
      const collection = findCollection(m.collection);
      const refusal =
        this.refuse?.(m, device) ??
        (!collection
          ? { seq: m.seq, code: 'unknown_collection' as const, message: 'unknown' }
          : !canWrite(collection, device.role)
            ? { seq: m.seq, code: 'forbidden' as const, message: 'not your role', messageKey: 'sync.forbidden' }
            : undefined);
      if (refusal) {
        rejected.push(refusal);
        continue;
      }
      if (!touched) {
        this.version++;
        touched = true;
      }
      const key = `${m.collection}/${m.id}`;
      const existing = this.rows.get(key);
      const record: Record<string, unknown> = { ...(existing?.record ?? {}), ...(m.data ?? {}), id: m.id };
      if (m.op === 'delete' || existing?.record.deleted === true) record.deleted = true;
      record.version = this.version;
      this.rows.set(key, { collection: m.collection, record });
    }
    if (touched) for (const wake of [...this.woken]) wake();
    return { ackedThrough: device.lastSeq, rejected, serverTime: new Date().toISOString() };
  }

  pull(since: number, limit: number): PullResponse {
    const newer = [...this.rows.values()]
      .filter((row) => (row.record.version as number) > since)
      .sort((a, b) => (a.record.version as number) - (b.record.version as number));
    // Pages end at a version boundary so no row of a version is skipped.
    let page = newer.slice(0, limit);
    const last = page.at(-1)?.record.version as number | undefined;
    if (page.length === limit && newer.length > limit) page = newer.filter((r) => (r.record.version as number) <= last!);
    const cursor = page.length ? String(page.at(-1)!.record.version) : String(since);
    return {
      changes: page.map((row) => ({ collection: row.collection, id: row.record.id as string, record: { ...row.record } })),
      cursor,
      hasMore: newer.length > page.length,
      reset: false,
      serverTime: new Date().toISOString(),
    };
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
