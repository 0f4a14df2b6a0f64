import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { asOfSchemaVersion, withAddedFields, type CollectionDefinition } from '../../src/domain/collection';
import { COLLECTIONS } from '../../src/domain/collections';
import { SCHEMA_VERSION } from '../../src/domain/protocol';
import { changeJson, pullBody } from '../../src/server/routes/pull-body';
import { ClubTurns } from '../../src/server/store';
import { cachingStatements } from '../../src/server/store/sqlite-statements';
import { BUILT_SERVER, builtServerArgs } from '../lib/built-server';

/** The pull's changes as the server wrote them before pull-body.ts: parsed, adjusted, stringified. */
function reference(row: { collection: string; id: string; data: string; version: number }, schemaVersion: number): string {
  const change = { collection: row.collection, id: row.id, record: { ...(JSON.parse(row.data) as Record<string, unknown>), version: row.version } };
  const collection = find(row.collection);
  if (!collection) return JSON.stringify(change);
  return JSON.stringify({ ...change, record: asOfSchemaVersion(collection, withAddedFields(collection, change.record), schemaVersion) });
}

const registry: Record<string, CollectionDefinition> = COLLECTIONS;
const find = (name: string): CollectionDefinition | undefined => (Object.hasOwn(registry, name) ? registry[name] : undefined);

describe('a pull written from the stored JSON (pull-body.ts)', () => {
  const member = { id: 'm1', clubId: 'c1', fullName: 'Nguyễn Thị "Lan" \\ 😀', notMember: false, tags: ['a', { version: 3 }], deleted: false };
  const rows = [
    // A collection with no added fields: the stored text as it is, the version added.
    { collection: 'meetings', id: 'x1', data: JSON.stringify({ id: 'x1', clubId: 'c1', heldOn: '2026-01-02', deleted: false }), version: 7 },
    // A member stored with every added field: as stored, at the current schema.
    { collection: 'members', id: 'm1', data: JSON.stringify({ ...member, tags: [] }), version: 8 },
    // Stored before `notMember` was added: it gets the default.
    { collection: 'members', id: 'm2', data: JSON.stringify({ id: 'm2', clubId: 'c1', fullName: 'Trần Văn An' }), version: 9 },
    // A nested "version" key: never spliced, parsed and written whole.
    { collection: 'meetings', id: 'x2', data: JSON.stringify({ id: 'x2', extra: { version: 1 } }), version: 10 },
    // A collection this server does not know, and an empty record.
    { collection: 'unheardOf', id: 'u1', data: JSON.stringify({ id: 'u1', n: 1.5e-7 }), version: 11 },
    { collection: 'meetings', id: 'x3', data: '{}', version: 12 },
    { collection: 'members', id: 'm3', data: JSON.stringify(member), version: 13 },
  ];

  it('gives the very text the parsed-and-stringified change gave, for the current app and older ones', () => {
    for (const schemaVersion of [SCHEMA_VERSION, SCHEMA_VERSION - 1, 1]) {
      for (const row of rows) expect(changeJson(row, find(row.collection), schemaVersion)).toBe(reference(row, schemaVersion));
    }
  });

  it('an app older than a field does not get it; a row stored before a field gets its default', () => {
    const old = JSON.parse(changeJson(rows[1]!, find('members'), 2)) as { record: Record<string, unknown> };
    expect(old.record).not.toHaveProperty('notMember');
    const filled = JSON.parse(changeJson(rows[2]!, find('members'), SCHEMA_VERSION)) as { record: Record<string, unknown> };
    expect(filled.record).toMatchObject({ notMember: false, version: 9 });
  });

  it('the whole answer is JSON.stringify of the PullResponse, key for key', () => {
    const rest = { cursor: '13', hasMore: false, reset: false, serverTime: '2026-01-01T00:00:00.000Z', epoch: 'e1', role: 'chair' as const };
    const expected = `{"changes":[${rows.map((r) => reference(r, SCHEMA_VERSION)).join(',')}],${JSON.stringify(rest).slice(1)}`;
    expect(pullBody(rows, rest, find, SCHEMA_VERSION)).toBe(expected);
    expect(pullBody([], rest, find, SCHEMA_VERSION)).toBe(JSON.stringify({ changes: [], ...rest }));
  });
});

describe('pushes of a club take turns (ClubTurns)', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('one at a time per club, in the order they came; other clubs meanwhile; a failure does not hold up the next', async () => {
    const turns = new ClubTurns();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      turns.run('a', task('a1', true)),
      turns.run('a', task('a2')),
      turns.run('b', task('b1')),
      turns.run('a', task('a3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const a = log.filter((line) => line.startsWith('a'));
    expect(a).toEqual(['a1 starts', 'a1 ends', 'a2 starts', 'a2 ends', 'a3 starts', 'a3 ends']);
    // b did not wait for a's queue.
    expect(log.indexOf('b1 starts')).toBeLessThan(log.indexOf('a1 ends'));
    expect(turns.size).toBe(0);
  });
});

describe('SQLite statements kept prepared (sqlite-statements.ts)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('hands the same statement back for the same SQL, a fresh one while it is being iterated, and forgets the least recent', () => {
    dir = mkdtempSync(join(tmpdir(), 'so-clb-statements-'));
    const raw = new Database(join(dir, 'db.sqlite'));
    const db = cachingStatements(raw, 2);
    db.prepare('CREATE TABLE t (n INTEGER)').run([]);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (let n = 1; n <= 3; n++) db.prepare('INSERT INTO t (n) VALUES (?)').run([n]);
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);

    const select = db.prepare('SELECT n FROM t ORDER BY n');
    const seen: number[] = [];
    for (const row of select.iterate([]) as Iterable<{ n: number }>) {
      // The same SQL while the first is still stepping: a statement of its own, all rows.
      const inner = db.prepare('SELECT n FROM t ORDER BY n');
      expect(inner).not.toBe(select);
      expect(inner.all([])).toHaveLength(3);
      seen.push(row.n);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(db.prepare('SELECT n FROM t ORDER BY n')).toBe(select);
    // Two kept: a third text pushes the least recently used one (the insert) out.
    db.prepare('SELECT count(*) AS c FROM t');
    expect(db.prepare('SELECT n FROM t ORDER BY n')).toBe(select);
    expect(db.prepare('INSERT INTO t (n) VALUES (?)')).not.toBe(insert);
    db.close();
    expect(raw.open).toBe(false);
  });
});

describe('what the built server loads at start (npm run build)', () => {
  const main = BUILT_SERVER;

  /** main.js and every chunk it imports statically, transitively. */
  function staticGraph(): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const match of readFileSync(file, 'utf8').matchAll(/^import [^;]*?from "(\.[^"]+)";$/gm)) visit(join(dirname(file), match[1]!));
    };
    // A missing or stale build is refused in words (npm test builds before it runs).
    builtServerArgs();
    visit(main);
    return [...seen].map((file) => readFileSync(file, 'utf8'));
  }

  it('neither pg nor better-sqlite3 until the store opens one, and no Intl formats the server never uses', () => {
    for (const text of staticGraph()) {
      expect(text).not.toMatch(/^import [^;]* from "pg";$/m);
      expect(text).not.toMatch(/^import [^;]* from "better-sqlite3";$/m);
      expect(text).not.toMatch(/new Intl\.(NumberFormat|Collator)\(/);
    }
  });
});
