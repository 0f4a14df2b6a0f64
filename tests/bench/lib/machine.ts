import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
}

export function describeMachine(chromiumPath: string): Machine {
  let chromium = 'not found';
  try {
    chromium = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // Reported as "not found"; the phone figures will fail with the reason.
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString(),
  };
}
