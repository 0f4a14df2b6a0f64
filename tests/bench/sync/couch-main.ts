/**
 * The CouchDB side of the PouchDB figures, as a child process of its own (as the real server
 * is): express-pouchdb over PouchDB's Node build (LevelDB on disk, in DATA_DIR), mounted at
 * /db, and the bench page at /bench from STATIC_DIR, so the browser PouchDB replicates
 * same-origin as our engine does. A CORS layer answers cross-origin callers all the same.
 * Not pouchdb-server: it pulls sqlite3, which downloads a binary.
 * Env: PORT, DATA_DIR, STATIC_DIR. Prints "ready" when listening.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);
// Express comes with express-pouchdb (express 4): take the copy it uses.
const requireFromPouch = createRequire(require.resolve('express-pouchdb'));

type Next = (error?: unknown) => void;
type Handler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;
interface ExpressApp {
  use(pathOrHandler: string | Handler, handler?: Handler): void;
  listen(port: number, host: string, callback: () => void): unknown;
}
interface Express {
  (): ExpressApp;
  static(root: string, options?: Record<string, unknown>): Handler;
}

const express = requireFromPouch('express') as Express;
const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: Record<string, unknown>) => Handler;
const dataDir = process.env.DATA_DIR!;
const staticDir = process.env.STATIC_DIR!;
const PouchDB = (require('pouchdb') as { defaults(options: Record<string, unknown>): unknown }).defaults({ prefix: `${dataDir}/` });

const cors: Handler = (req, res, next) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
    res.setHeader('access-control-allow-headers', 'accept, authorization, content-type, origin, referer, x-csrf-token');
    res.setHeader('access-control-max-age', '600');
  }
  if (req.method === 'OPTIONS') {
    res.statusCode = 204;
    res.end();
    return;
  }
  next();
};

const app = express();
app.use(cors);
app.use('/bench', express.static(join(staticDir, 'bench')));
app.use(
  '/db',
  expressPouchDB(PouchDB, {
    mode: 'minimumForPouchDB',
    logPath: join(dataDir, 'log.txt'),
    configPath: join(dataDir, 'config.json'),
  }),
);
app.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
