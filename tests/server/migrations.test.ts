import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/server/store/connect';
import { STORE_KINDS } from './harness';

describe.each(STORE_KINDS)('migrations on $name', (kind) => {
  it('still runs a migration numbered before one the database already ran (two lines of work adding migrations at once)', async () => {
    const db = await kind.database();
    try {
      const first = await db.open();
      const epoch = await first.epoch();
      await first.close();
      // As if this database had run 0004 (and whatever comes after) but not 0003 yet.
      const raw = await connect(db.location);
      await sql`DROP TABLE rate_limits`.execute(raw);
      await sql`DELETE FROM kysely_migration WHERE name = '0003_rate_limits'`.execute(raw);
      await raw.destroy();

      const again = await db.open();
      expect(await again.countAttempt('enroll|total', 1)).toBe(1);
      expect(await again.epoch()).toBe(epoch);
      await again.close();
    } finally {
      await db.dispose();
    }
  });
});
