import { SCHEMA_VERSION } from '../../src/domain/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The real program: config from the environment, setup code kept, clean stop on SIGTERM. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${text}`)), 20_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => text });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
  });
}

function stopped(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the server program (main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-clb-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes a setup code on first start, prints it once, keeps it, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const env = { DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-app-here'), SETUP_CODE: '', DATABASE_URL: '' };
    const first = await start(env);
    const code = readFileSync(join(dataDir, 'setup-code'), 'utf8').trim();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    expect(first.output()).toContain(code);
    expect(existsSync(join(dataDir, 'so-clb.sqlite'))).toBe(true);
    const health = (await (await fetch(`${first.url}/api/v1/health`)).json()) as { epoch: string };
    expect(health).toEqual({ ok: true, version: SCHEMA_VERSION, epoch: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const made = await fetch(`${first.url}/api/v1/clubs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        setupCode: code,
        club: { name: 'CLB', province: 'Bắc Ninh', commune: 'X', village: 'Y', areaType: 'plains' },
        device: { name: 'Máy' },
      }),
    });
    expect(made.status).toBe(201);
    const exit = stopped(first.child);
    first.child.kill('SIGTERM');
    expect(await exit).toBe(0);

    const second = await start(env);
    expect(second.output()).not.toContain(code);
    // The data survived the restart: the chair's token still works, and the epoch is the same.
    expect(((await (await fetch(`${second.url}/api/v1/health`)).json()) as { epoch: string }).epoch).toBe(health.epoch);
    const { token } = (await made.json()) as { token: string };
    expect((await fetch(`${second.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const exit2 = stopped(second.child);
    second.child.kill('SIGINT');
    expect(await exit2).toBe(0);
  });
});
