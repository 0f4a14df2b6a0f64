import { Migrator, type Kysely, type Migration } from 'kysely';
import type { ServerDatabase } from './schema';
import { newEpoch, writeEpoch } from './server-meta';

/**
 * Migrations live in code (not files found at run time), so the server runs the same from
 * source under tsx, from a bundle, and in tests. Names sort in the order they apply.
 * Column types are the ones both SQLite and PostgreSQL spell the same way.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('clubs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('purged_through_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('devices_club').on('devices').column('club_id').execute();

      await db.schema
        .createTable('invites')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by', 'text')
        .execute();

      await db.schema
        .createTable('records')
        .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id'))
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pk', ['club_id', 'collection', 'id'])
        .execute();
      // Pulls read a club's rows in version order.
      await db.schema.createIndex('records_club_version').on('records').columns(['club_id', 'version']).execute();
      // A push reads every row its mutations name by id alone (in any collection, any club),
      // to see an id that already belongs to another club: without this it scans the table.
      await db.schema.createIndex('records_id').on('records').column('id').execute();

      await db.schema
        .createTable('mutation_log')
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('club_id', 'text', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('message_key', 'text')
        .addColumn('field', 'text')
        .addColumn('version', 'integer')
        .addColumn('logged_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('mutation_log_pk', ['device_id', 'seq'])
        .execute();
    },
  },
  // Only the phone that made a club may repeat its creation (a lost answer): it proves it
  // with a secret of its own, kept here as a hash, and gets back the phone made with it.
  // One column per statement: SQLite adds one at a time.
  '0002_club_creator': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('clubs').addColumn('creator_secret_hash', 'text').execute();
      await db.schema.alterTable('clubs').addColumn('creator_device_id', 'text').execute();
    },
  },
  // Rate limits kept where every server process and every restart sees them.
  '0003_rate_limits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('window_index', 'integer', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_index'])
        .execute();
    },
  },
  // The database's epoch, made here once and anew by every restore (server-meta.ts).
  '0004_server_meta': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('server_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await writeEpoch(db as Kysely<ServerDatabase>, newEpoch());
    },
  },
  // A refusal of two phones' edits that break a rule together names the other field and its
  // value; a repeated push (its answer lost) must say it again, so the log keeps it.
  '0005_conflicts_in_log': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('mutation_log').addColumn('conflicts_with', 'text').execute();
    },
  },
  // After a restore from a backup the phones send back what the server lost (recover.ts):
  // each club keeps the version it was restored to, each row sent back the version the phone
  // knew it at. One column per statement: SQLite adds one at a time.
  '0006_recovery': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('clubs').addColumn('restored_through', 'integer').execute();
      await db.schema.alterTable('records').addColumn('recovered_from', 'integer').execute();
    },
  },
  // Home care: a volunteer's phone is tied to the volunteer's member record, chosen by the
  // chair on the invite and kept on the phone it lets in.
  '0007_member_of_device': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('invites').addColumn('member_id', 'text').execute();
      await db.schema.alterTable('devices').addColumn('member_id', 'text').execute();
    },
  },
  // Association officers (store/associations.ts): accounts of their own, apart from the
  // clubs' phones, signed in with a reusable code and holding a token per browser.
  '0008_associations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('associations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('province', 'text')
        .addColumn('commune', 'text')
        .addColumn('province_key', 'text')
        .addColumn('commune_key', 'text')
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('association_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .execute();
      await db.schema.createIndex('association_tokens_association').on('association_tokens').column('association_id').execute();
    },
  },
  // Each club's report figures per period, kept as clubs push, for the associations' pages
  // (club-figures.ts); each club's version and day they were worked out at. Money can pass
  // 2^31 (an income fund of 3 billion đồng): bigint.
  '0009_club_figures': {
    async up(db: Kysely<unknown>) {
      let table = db.schema
        .createTable('club_figures')
        .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id'))
        .addColumn('period_key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('province', 'text', (c) => c.notNull())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('province_key', 'text', (c) => c.notNull())
        .addColumn('commune_key', 'text', (c) => c.notNull())
        .addColumn('area_type', 'text', (c) => c.notNull())
        .addColumn('created_on', 'text', (c) => c.notNull())
        .addColumn('first_sent_at', 'text')
        .addColumn('last_sent_at', 'text')
        .addColumn('computed_at', 'text', (c) => c.notNull());
      for (const column of FIGURE_COLUMN_NAMES) table = table.addColumn(column, 'bigint');
      await table.addPrimaryKeyConstraint('club_figures_pk', ['club_id', 'period_key']).execute();
      // The pages read one period of a province or a commune.
      await db.schema.createIndex('club_figures_place').on('club_figures').columns(['period_key', 'province_key', 'commune_key']).execute();
      await db.schema.alterTable('clubs').addColumn('figures_version', 'integer').execute();
      await db.schema.alterTable('clubs').addColumn('figures_on', 'text').execute();
    },
  },
};

/** Frozen with the migration: a later figure gets a migration of its own. */
const FIGURE_COLUMN_NAMES = [
  'members',
  'women',
  'older',
  'older_women',
  'full_activities',
  'digital_sessions',
  'green_sessions',
  'startup_sessions',
  'income_closing',
  'applicants',
  'applicants_with_loan',
  'borrowers',
  'care_volunteers',
  'cared_for',
  'visits',
  'members_checked',
  'checked_year',
  'readings',
  'high_readings',
  'loans_outstanding',
  'standard_score',
  'standard',
];

/**
 * `schema`: the PostgreSQL schema the tables live in, when it is not the default. Kysely
 * looks for its own bookkeeping tables across every schema unless told which one, and
 * would take another schema's for this one's.
 */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Two lines of work may add migrations at once: a database that ran a later-numbered one
    // first still takes the earlier ones. Each stands alone (a column, a table), so the order
    // they run in does not matter.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error });
  }
}
