import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtServerArgs } from './built-server';

export const E2E_SETUP_CODE = 'E2E-SETUP-7K2M';

/** The repository root: the server starts from there, as `npm start` starts it. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The real server (dist-server/main.js, built from src/server as `npm start` runs it) on the production build and
 * a SQLite file of its own, as a child process that a test can stop and start again on the
 * same port and data: the only honest way to test offline, since Playwright's offline
 * switch does not stop a service worker's fetches.
 */
export class ClubServer {
  private process: ChildProcess | null = null;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'so-clb-e2e-'));

  readonly port: number;

  /** E2E_PORT_OFFSET moves every suite's port, so two checkouts can run their suites at once. */
  constructor(port: number) {
    this.port = port + Number(process.env.E2E_PORT_OFFSET ?? 0);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, builtServerArgs(), {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        SETUP_CODE: E2E_SETUP_CODE,
        STATIC_DIR: 'dist',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.process = child;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      try {
        const response = await fetch(`${this.url}/api/v1/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the server did not start in 20 s');
  }

  /** SIGKILL: the machine loses power, or the process is killed mid-push. Nothing is finished. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** The server's data folder (its SQLite file is `so-clb.sqlite` there). */
  get dataFolder(): string {
    return this.dataDir;
  }

  /** SIGTERM, as a host stops it: in-flight requests finish, the database closes. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
