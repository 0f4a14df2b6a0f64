import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared per connection: the server's queries, with room to spare. */
export const STATEMENTS_KEPT = 256;

/**
 * A SQLite connection for Kysely that keeps its prepared statements. Kysely's SQLite driver
 * prepares every query anew, and SQLite parses and plans it each time: on a push of 500
 * mutations that is cheap, but on 200 small pushes and pulls at once it was a tenth of the
 * server's time. The server's SQL comes from a few query builders (the values are always
 * parameters), so a handful of texts come back again and again; the least recently used
 * go once more than STATEMENTS_KEPT are held. A statement still being iterated (a streamed
 * select) is never handed out twice: that one query gets a fresh statement.
 */
export function cachingStatements(db: Database, kept = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close() {
      statements.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement) {
        if (statement.busy) return db.prepare(sql);
        // Most recently used last, so the first is the one to forget.
        statements.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (statements.size >= kept) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
