import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startServer, STORE_KINDS, type Harness } from './harness';

const BIG_SCRIPT = Array.from({ length: 2000 }, (_, i) => `export const member${i} = { name: 'Nguyễn Thị ${i}', joinedOn: '2024-01-15' };`).join('\n');


describe('the built app’s files', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'so-clb-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sổ CLB</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    // An asset as big as the app's, compressed by the build's own step.
    writeFileSync(join(dir, 'assets', 'first-screen-def456.js'), BIG_SCRIPT);
    const precompress = spawnSync(process.execPath, ['scripts/precompress.mjs', dir], { encoding: 'utf8' });
    expect(precompress.status, precompress.stderr).toBe(0);
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

  it('sends the app compressed ahead of time — brotli, else gzip, else as it is — and the page itself too', async () => {
    const path = '/assets/first-screen-def456.js';
    const br = await rawGet(`${h.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_SCRIPT);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(BIG_SCRIPT) / 5);
    expect(br.body.equals(readFileSync(join(dir, 'assets', 'first-screen-def456.js.br')))).toBe(true);

    const gz = await rawGet(`${h.url}${path}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG_SCRIPT);

    const plain = await rawGet(`${h.url}${path}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_SCRIPT);

    // The page, as a navigation to one of the app's routes gets it.
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Sổ CLB</title>${'<link rel="modulepreload" href="/assets/x.js">'.repeat(40)}`);
    spawnSync(process.execPath, ['scripts/precompress.mjs', dir]);
    const page = await rawGet(`${h.url}/members/42`, { accept: 'text/html', 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toContain('text/html');
    expect(brotliDecompressSync(page.body).toString()).toContain('Sổ CLB');

    // A file too small to gain keeps no compressed copy and goes as it is.
    expect((await rawGet(`${h.url}/assets/index-abc123.js`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
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

  it('gives the app’s pages a strict Content-Security-Policy: its own files only, nothing inline, no framing', async () => {
    for (const path of ['/', '/index.html', '/members/x']) {
      const reply = await h.request('GET', path, { headers: html });
      const csp = reply.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
      expect(directives).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'img-src': "'self' data:",
        'connect-src': "'self'",
        'worker-src': "'self'",
        'manifest-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(csp).not.toMatch(/unsafe|\*/);
    }
  });

  it('says nosniff and no-referrer on every answer, pages, files, API, errors and 404s alike; API answers and errors are never stored', async () => {
    const answers = {
      page: await h.request('GET', '/', { headers: html }),
      asset: await h.request('GET', '/assets/index-abc123.js'),
      serviceWorker: await h.request('GET', '/sw.js'),
      missingAsset: await h.request('GET', '/assets/gone.js'),
      health: await h.request('GET', '/api/v1/health'),
      unknownApi: await h.request('GET', '/api/v1/nothing'),
      unknownApiPost: await h.request('POST', '/api/v1/nothing', { body: {} }),
      unauthorized: await h.request('GET', '/api/v1/me'),
      badJson: await h.request('POST', '/api/v1/enroll', { raw: '{' }),
      badUrl: await h.request('GET', '/api/v1/devices/%E0%A4%A'),
      badAppUrl: await h.request('GET', '/%E0%A4%A', { headers: html }),
    };
    for (const [name, reply] of Object.entries(answers)) {
      expect([name, reply.headers.get('x-content-type-options')]).toEqual([name, 'nosniff']);
      expect([name, reply.headers.get('referrer-policy')]).toEqual([name, 'no-referrer']);
      expect([name, reply.headers.get('content-security-policy')]).toEqual([name, expect.stringContaining("frame-ancestors 'none'")]);
    }
    for (const name of ['health', 'unknownApi', 'unknownApiPost', 'unauthorized', 'badJson', 'badUrl', 'missingAsset', 'badAppUrl'] as const) {
      expect([name, answers[name].headers.get('cache-control')]).toEqual([name, 'no-store']);
    }
    // API answers are data, never a document that could run anything.
    expect(answers.health.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

