import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { builtServerArgs } from '../../lib/built-server';

/** The repository root: servers start from there, as `npm start` starts them. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const BENCH_SETUP_CODE = 'BENCH-SETUP-4Q7W';

/** A port nobody listens on right now (the child binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
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
 * A server of the bench in a child process of its own (under tsx), so that its memory is
 * its own and the load generated here crosses loopback HTTP as a phone's requests do. It
 * can be stopped and started again on the same port.
 */
export class ChildServer {
  private child: ChildProcess | null = null;
  private stderrTail = '';

  constructor(
    readonly name: string,
    /** A TypeScript file run under tsx, or Node's own arguments (the built server). */
    private readonly script: string | string[],
    private readonly env: Record<string, string>,
    /** A GET that answers 200 once the server is up. */
    private readonly readyPath: string,
    /** 0: a free port, chosen at the first start. */
    private port = 0,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const args = typeof this.script === 'string' ? ['--import', 'tsx', this.script] : this.script;
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    child.once('exit', (code, signal) => {
      // Stopped by stop() it is no longer this.child; otherwise say so, or a run fails as
      // "unreachable" with no reason.
      if (this.child === child) console.error(`${this.name} exited unexpectedly (code ${code}, signal ${signal}): ${this.stderrTail}`);
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}: ${this.stderrTail}`);
      try {
        const response = await fetch(`${this.url}${this.readyPath}`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${this.name} did not start in 30 s: ${this.stderrTail}`);
  }

  /** Resident memory now, MB. */
  rssMB(): number {
    return procStatusMB(this.pid, 'VmRSS');
  }

  /** The highest resident memory since the process started (VmHWM), MB. */
  peakRssMB(): number {
    return procStatusMB(this.pid, 'VmHWM');
  }

  /** The end of what the server wrote to stderr (warnings and errors only, at LOG_LEVEL=warn). */
  get errors(): string {
    return this.stderrTail;
  }

  /** SIGTERM, as a host stops it; SIGKILL if it has not gone after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The real server (dist-server/main.js, as `npm start` runs it once built); `env`
 * says where its data is (DATA_DIR or DATABASE_URL) and may override the rest.
 */
export function clubServer(env: Record<string, string>, port = 0): ChildServer {
  return new ChildServer(
    'the club server',
    builtServerArgs(),
    { HOST: '127.0.0.1', SETUP_CODE: BENCH_SETUP_CODE, STATIC_DIR: 'dist', LOG_LEVEL: 'warn', ...env },
    '/api/v1/health',
    port,
  );
}
