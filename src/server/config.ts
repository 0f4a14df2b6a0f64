import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import { INVITE_ALPHABET } from '../domain/protocol';
import { isPostgresUrl, schemaInUrl, type StoreLocation } from './store';

/**
 * The server's settings, from the environment: PORT (8080), HOST (0.0.0.0), DATA_DIR
 * (./data; the SQLite file and the setup code live there), DATABASE_URL (a postgres:// URL
 * switches to PostgreSQL), SETUP_CODE, STATIC_DIR (dist), TRUST_PROXY (the reverse proxy's
 * address, when there is one).
 */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  store: StoreLocation;
  staticDir: string;
  trustProxy: boolean | string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const url = env.DATABASE_URL?.trim();
  if (url && !isPostgresUrl(url)) throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    store: url ? postgresLocation(url) : { sqliteFile: join(dataDir, 'so-clb.sqlite') },
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    trustProxy: env.TRUST_PROXY ? env.TRUST_PROXY : false,
  };
}

/**
 * Always with its schema (`public` unless DATABASE_URL's search_path names another): the
 * migrations then look for their bookkeeping there alone, and a restore's kept copy of the
 * schema (backup/postgres.ts) is never mistaken for it.
 */
function postgresLocation(url: string): StoreLocation {
  return { postgresUrl: url, schema: schemaInUrl(url) ?? 'public' };
}

const SETUP_CODE_LENGTH = 12;

/**
 * SETUP_CODE when set; otherwise the one kept in the data folder, made on first start.
 * `created` tells main.ts to print it (once: after that it is only in the file).
 */
export function setupCodeFor(env: NodeJS.ProcessEnv, dataDir: string): { code: string; created: boolean } {
  const given = env.SETUP_CODE?.trim();
  if (given) return { code: given, created: false };
  const file = join(dataDir, 'setup-code');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) return { code: kept, created: false };
  }
  let code = '';
  for (let i = 0; i < SETUP_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${code}\n`, { mode: 0o600 });
  return { code, created: true };
}
