// `npm start`: build the phone app and the server when either build is missing or older than
// its sources, then run the built server (API + the built app) with Node, no compiler loaded.
// Settings come from the environment: PORT (8080), DATA_DIR (./data, SQLite inside),
// DATABASE_URL (postgres://…), SETUP_CODE, STATIC_DIR (dist).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** Newest modification time under a path. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = Math.min(newest(join('dist', 'index.html')), newest(join('dist-server', 'main.js')));
const sourcesAt = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'vite.server.config.ts'].map(newest));
if (builtAt === 0 || builtAt < sourcesAt) {
  console.log('Building the app and the server…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.setSourceMapsEnabled(true);
await import('../dist-server/main.js');
