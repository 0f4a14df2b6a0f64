import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/server/app';
import { openStore } from '../../src/server/store';
import { API_PREFIX, type PullResponse } from '../../src/domain/protocol';

export const SETUP_CODE = 'setup-code-for-tests';

/** The real server on a temporary SQLite file, listening on a free port. */
export async function startRealServer(options: { now?: () => Date } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'so-clb-sync-'));
  const store = await openStore({ sqliteFile: join(dir, 'server.sqlite') });
  const app = await buildServer({ store, setupCode: SETUP_CODE, logger: false, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything the server holds for the token's club, pulled from the start by raw HTTP. */
export async function serverRecords(url: string, token: string): Promise<Map<string, Record<string, unknown>>> {
  const records = new Map<string, Record<string, unknown>>();
  let since = '0';
  for (;;) {
    const response = await fetch(`${url}${API_PREFIX}/sync/pull?since=${since}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as PullResponse;
    for (const change of page.changes) records.set(`${change.collection}/${change.id}`, change.record);
    since = page.cursor;
    if (!page.hasMore) return records;
  }
}
