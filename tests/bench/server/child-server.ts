import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root: the server is started from there, as `npm start` starts it. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const BENCH_SETUP_CODE = 'BENCH-SETUP-CODE-4Q7';

/** A port nobody listens on right now (the child binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** A field of /proc/<pid>/status in kB ("VmRSS", "VmHWM"), as MB. Linux only. */
function procStatusMB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]) / 1024;
}

/**
 * The real server (src/server/main.ts under tsx, as `npm start` runs it once dist/ is built)
 * in a child process of its own, so that its memory is its own and the load generated here
 * crosses loopback HTTP like a phone's requests do. `env` says where its database is.
 */
export class ChildServer {
  private child: ChildProcess | null = null;
  private stderr = '';
  url = '';

  constructor(private readonly env: Record<string, string>) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SETUP_CODE: BENCH_SETUP_CODE,
        STATIC_DIR: 'dist',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${this.stderr}`);
      try {
        const response = await fetch(`${this.url}/api/v1/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
    throw new Error(`the server did not start in 30 s: ${this.stderr}`);
  }

  /** Resident memory now, MB. */
  rssMB(): number {
    return procStatusMB(this.pid, 'VmRSS');
  }

  /** The highest resident memory since the process started (VmHWM), MB. */
  peakRssMB(): number {
    return procStatusMB(this.pid, 'VmHWM');
  }

  /** What the server wrote to stderr (warnings and errors only, at LOG_LEVEL=warn). */
  get errors(): string {
    return this.stderr;
  }

  /** SIGTERM, as a host stops it; SIGKILL if it has not gone after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
