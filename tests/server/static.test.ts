import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, STORE_KINDS, type Harness } from './harness';

describe('the built app’s files', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'so-clb-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sổ CLB</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    h = await startServer(STORE_KINDS[0]!, { staticDir: dir });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('serves hashed assets with a long immutable cache, and index.html and sw.js revalidated', async () => {
    const asset = await h.request('GET', '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/sw.js']) {
      const reply = await h.request('GET', path, { headers: html });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers the app’s own routes with index.html, but a missing asset or API route with a 404', async () => {
    const page = await h.request('GET', '/members/0190f000-0000-7000-8000-000000000000', { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(String(page.body)).toContain('Sổ CLB');

    const missingAsset = await h.request('GET', '/assets/index-old999.js', { headers: html });
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.headers.get('content-type')).not.toContain('text/html');

    const missingApi = await h.request('GET', '/api/v1/nothing', { headers: html });
    expect(missingApi.status).toBe(404);
    expect(missingApi.body).toMatchObject({ error: { code: 'not_found' } });

    // Not a navigation (a script's fetch): no HTML in place of JSON.
    expect((await h.request('GET', '/members/x', { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await h.request('GET', '/api/v1/health')).body).toMatchObject({ ok: true });
  });
});
