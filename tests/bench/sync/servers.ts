import { ChildServer, clubServer } from '../lib/child-server';

/**
 * The two servers of the sync figures, each a child process of its own on loopback: the
 * real server (SQLite in a temp folder) and express-pouchdb (couch-main.ts). Both serve
 * the bench page under /bench/.
 */

/** The real server on the bench page's static folder. */
export function ourServer(dataDir: string, staticDir: string): ChildServer {
  return clubServer({ DATA_DIR: dataDir, STATIC_DIR: staticDir });
}

/** express-pouchdb (LevelDB in dataDir), CouchDB API under /db. */
export function couchServer(dataDir: string, staticDir: string): ChildServer {
  return new ChildServer('express-pouchdb', 'tests/bench/sync/couch-main.ts', { DATA_DIR: dataDir, STATIC_DIR: staticDir }, '/db/');
}
