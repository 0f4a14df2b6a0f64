/**
 * The server's tables as Kysely sees them. Instants are ISO strings and booleans are 0/1 on
 * both databases, and record bodies are JSON text: one set of queries runs unchanged on
 * SQLite and on PostgreSQL.
 */
export interface ClubsTable {
  id: string;
  /** Raised once by every push that changes something in the club; rows are stamped with it. */
  version: number;
  /** The highest version whose tombstones were purged: a cursor below it must start over. */
  purged_through_version: number;
  created_at: string;
  /**
   * SHA-256 of the secret the making phone sent with POST /clubs (hex), and that phone's
   * device: a repeat with the same secret is the maker after a lost answer. Null for a club
   * made without one (it can never be repeated) and for clubs older than the column.
   */
  creator_secret_hash: string | null;
  creator_device_id: string | null;
  /**
   * After a restore from a backup: the version the club was restored to (the backup's
   * moment). Versions from then on start past RESTORE_VERSION_GAP, so the phones' versions
   * of the lost history never meet new ones. Null for a club never restored.
   */
  restored_through?: number | null;
  /** The club version its association figures were worked out at (club-figures.ts); null: never. */
  figures_version?: number | null;
  /** The day (server's, 'YYYY-MM-DD') they were worked out: a new day works them out again. */
  figures_on?: string | null;
}

export interface DevicesTable {
  id: string;
  club_id: string;
  name: string;
  role: string;
  /** SHA-256 of the bearer token (hex): a stolen database holds no usable token. */
  token_hash: string;
  /** The highest mutation seq processed for this phone, written with the mutations' effects. */
  last_seq: number;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** The member whose phone this is (a volunteer's): their visits and people. Null for most. */
  member_id: string | null;
}

export interface InvitesTable {
  /** SHA-256 of the code, as for tokens. */
  code_hash: string;
  club_id: string;
  role: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  /** The member the invited phone will belong to (the chair chose them), or null. */
  member_id: string | null;
}

export interface RecordsTable {
  club_id: string;
  collection: string;
  id: string;
  /** The whole record without `version`, as JSON text. */
  data: string;
  deleted: number;
  version: number;
  /** Server clock when the row last changed: what the tombstone horizon is measured by. */
  changed_at: string;
  /** A row a phone sent back after a restore: the version the phone knew it at (recover.ts). */
  recovered_from?: number | null;
}

export interface MutationLogTable {
  device_id: string;
  seq: number;
  club_id: string;
  collection: string;
  record_id: string;
  op: string;
  /** 'applied', 'unchanged', or the rejection code. */
  outcome: string;
  message_key: string | null;
  field: string | null;
  /** JSON `{field, value}` of a refusal as a conflict across fields (merge.ts). */
  conflicts_with: string | null;
  version: number | null;
  logged_at: string;
}

/** Attempts at guessing a code (rate-limits.ts): one row per bucket and minute. */
export interface RateLimitsTable {
  /** What is counted: a route and an address (hashed), or a route in total. */
  bucket: string;
  /** The window's number: milliseconds since 1970 divided by the window's length. */
  window_index: number;
  count: number;
}

/** Facts about the database itself, by key (server-meta.ts): `epoch`. */
export interface ServerMetaTable {
  key: string;
  value: string;
}

/**
 * An association officer's account (store/associations.ts): a province, or one commune of it.
 * The keys are placeKey of the names as typed, what a club's province and commune are
 * compared by; commune and commune_key are null for an account of the whole province.
 */
export interface AssociationsTable {
  id: string;
  name: string;
  /** Null for the national association: every province. */
  province: string | null;
  commune: string | null;
  province_key: string | null;
  commune_key: string | null;
  /** SHA-256 of the sign-in code (hex), as for invites; the code itself is shown once. */
  code_hash: string;
  created_at: string;
  /** Once set, neither the code nor any token of the account lets anyone in. */
  revoked_at: string | null;
}

/** One per browser the officer signed in on. */
export interface AssociationTokensTable {
  /** SHA-256 of the bearer token (hex), as for devices. */
  token_hash: string;
  association_id: string;
  created_at: string;
  last_seen_at: string | null;
}

/**
 * A club's report figures for one period, as the associations add them up (club-figures.ts):
 * where the club is, when its report for the period was first and last sent, and the kept
 * figures (association-figures.ts CLUB_FIGURES_KEPT) as columns, so SQL can sum them.
 */
export interface ClubFiguresTable {
  club_id: string;
  period_key: string;
  name: string;
  province: string;
  commune: string;
  province_key: string;
  commune_key: string;
  area_type: string;
  created_on: string;
  first_sent_at: string | null;
  last_sent_at: string | null;
  computed_at: string;
  members: number | null;
  women: number | null;
  older: number | null;
  older_women: number | null;
  full_activities: number | null;
  digital_sessions: number | null;
  green_sessions: number | null;
  startup_sessions: number | null;
  income_closing: number | null;
  applicants: number | null;
  applicants_with_loan: number | null;
  borrowers: number | null;
  care_volunteers: number | null;
  cared_for: number | null;
  visits: number | null;
  members_checked: number | null;
  checked_year: number | null;
  readings: number | null;
  high_readings: number | null;
  loans_outstanding: number | null;
  standard_score: number | null;
  standard: number | null;
}

export interface ServerDatabase {
  clubs: ClubsTable;
  devices: DevicesTable;
  invites: InvitesTable;
  records: RecordsTable;
  mutation_log: MutationLogTable;
  rate_limits: RateLimitsTable;
  server_meta: ServerMetaTable;
  club_figures: ClubFiguresTable;
  associations: AssociationsTable;
  association_tokens: AssociationTokensTable;
}
