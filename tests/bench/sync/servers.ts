import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The two servers of the sync figures, each a child process of its own on loopback:
 * the real server (src/server/main.ts, as `npm start` runs it, SQLite in a temp folder) and
 * express-pouchdb (couch-main.ts). Both serve the bench page under /bench/.
 */

export const BENCH_SETUP_CODE = 'BENCH-SETUP-4Q7W';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class ChildServer {
  private process: ChildProcess | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly script: string,
    private readonly env: Record<string, string>,
    /** A GET that answers 200 once the server is up. */
    private readonly readyPath: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', this.script], {
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.process = child;
    child.once('exit', (code, signal) => {
      // Stopped by stop() it is no longer this.process; otherwise say so, or a run fails as "unreachable" with no reason.
      if (this.process === child) console.error(`${this.name} exited unexpectedly (code ${code}, signal ${signal})`);
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}`);
      try {
        const response = await fetch(`${this.url}${this.readyPath}`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} did not start in 30 s`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The real server on the bench page's static folder. */
export function ourServer(port: number, dataDir: string, staticDir: string): ChildServer {
  return new ChildServer(
    'the club server',
    port,
    'src/server/main.ts',
    { HOST: '127.0.0.1', DATA_DIR: dataDir, SETUP_CODE: BENCH_SETUP_CODE, STATIC_DIR: staticDir, LOG_LEVEL: 'warn' },
    '/api/v1/health',
  );
}

/** express-pouchdb (LevelDB in dataDir), CouchDB API under /db. */
export function couchServer(port: number, dataDir: string, staticDir: string): ChildServer {
  return new ChildServer('express-pouchdb', port, 'tests/bench/sync/couch-main.ts', { DATA_DIR: dataDir, STATIC_DIR: staticDir }, '/db/');
}
