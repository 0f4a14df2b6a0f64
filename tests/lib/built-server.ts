import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm run build` makes of src/server (vite.server.config.ts), and what `npm start` runs. */
export const BUILT_SERVER = join(REPO_ROOT, 'dist-server', 'main.js');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Node's arguments to run the server as `npm start` does: the built file, with its source
 * map for stack traces. A test of the real server must not run yesterday's build of it, so a
 * build older than the server's sources (or the domain it imports) is refused, in words.
 */
export function builtServerArgs(): string[] {
  if (!existsSync(BUILT_SERVER)) throw new Error('dist-server/main.js is missing: run `npm run build` first');
  const sources = Math.max(newest(join(REPO_ROOT, 'src', 'server')), newest(join(REPO_ROOT, 'src', 'domain')));
  if (statSync(BUILT_SERVER).mtimeMs < sources) throw new Error('dist-server/main.js is older than src/server or src/domain: run `npm run build` again');
  return ['--enable-source-maps', BUILT_SERVER];
}
