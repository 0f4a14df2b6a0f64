// `npm start`: build the phone app when dist/ is missing or older than its sources, then run
// the server (API + the built app) with tsx. Settings come from the environment: PORT (8080),
// DATA_DIR (./data, SQLite inside), DATABASE_URL (postgres://…), SETUP_CODE, STATIC_DIR (dist).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** Newest modification time under a path; the server's own code is not part of the build. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (path === join('src', 'server')) return 0;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = newest(join('dist', 'index.html'));
const sourcesAt = Math.max(...['src', 'public', 'index.html', 'vite.config.ts'].map(newest));
if (builtAt === 0 || builtAt < sourcesAt) {
  console.log('Building the app…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/server/main.ts');
