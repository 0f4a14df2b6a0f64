import * as z from 'zod/mini';
import type { AssociationTargets, CommuneStandards, GroupFigures } from './association-figures';
import type { ReportPeriod, ReportStatus } from './periods';
import type { DeviceRole } from './record';

/**
 * The phone–server contract (shared/SYNC-PROTOCOL.md, version 1) as schemas both sides
 * import: a request one side builds is the request the other side checks.
 */

/**
 * Raised when a record's shape changes in a way an older phone cannot read or write.
 * 2: the meeting book (meetings, attendance; the club's meeting day and attendance target).
 * 3: home care and health (care plans, visits, readings, referrals, strike-outs; people in
 *    the register who are not members; the club's home-care targets).
 * 4: the loan fund (entries, loan applications, loans, cash counts, reopenings, review
 *    checks; the club's loan method, pattern, rounding, dues and where the dues go).
 * 5: reports (the reports the chair sends; the club's report targets).
 */
export const SCHEMA_VERSION = 5;
/** The server accepts the current schema and the one before it; older phones get 426. */
export const OLDEST_ACCEPTED_SCHEMA_VERSION = Math.max(1, SCHEMA_VERSION - 1);

export const API_PREFIX = '/api/v1';
export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/**
 * GET /sync/wait holds the request at most this long (seconds): under the 60 s after which
 * proxies commonly drop an idle connection, and, with the phone's pause after an answer
 * that brought nothing, one request a minute from an idle phone.
 */
export const MAX_WAIT_SECONDS = 55;
export const DEFAULT_WAIT_SECONDS = 50;
/** Tombstones older than this may be purged; a cursor older than that gets `reset`. */
export const TOMBSTONE_HORIZON_DAYS = 90;
export const INVITE_LIFETIME_DAYS = 7;

/**
 * Roles a chair can invite a phone into. There is one chair: the phone that made the club,
 * until it hands the role on (POST /devices/:id/chair) or the association lets a new chair
 * phone in (POST /clubs/:id/chair-invite).
 */
export const INVITABLE_ROLES = ['board', 'treasurer', 'volunteer'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** Why the server refused one mutation of a push (the rest of the batch still applies). */
export const REJECTION_CODES = ['invalid', 'forbidden', 'conflict', 'unknown_collection'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** `{"error": {"code", "message"}}` codes, each with its HTTP status. */
export const ERROR_STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** The club id is already another club's on this server. */
  conflict: 409,
  too_large: 413,
  upgrade_required: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.output<typeof errorBody>;

/**
 * Names and ids the server stores as they are (not inside a record's JSON) hold no control
 * characters: no phone makes one, and PostgreSQL cannot store a NUL in text at all.
 */
const noControlCharacters = z.refine<string>((value) => {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
});

const deviceName = z.string().check(z.trim(), z.minLength(1), z.maxLength(80), noControlCharacters);

// ---- Clubs, invites, devices -------------------------------------------------------------

/**
 * POST /clubs. Beyond the protocol's five club fields, the phone may send its club's whole
 * profile and the club id it made offline (extension, backward compatible): a club book
 * started before the phone ever met a server keeps its id and its records.
 */
export const createClubRequest = z.strictObject({
  setupCode: z.string().check(z.minLength(1), z.maxLength(200)),
  // The profile itself is checked by the club collection's own strict schema (after its
  // defaults), so a field added to the club never has to be added here too.
  club: z.looseObject({ id: z.optional(z.uuid()) }),
  device: z.strictObject({ name: deviceName }),
  /**
   * Extension: a random secret the making phone keeps and sends with every try. Only a
   * repeat with the same secret (its answer was lost) gets the chair's phone back; without
   * one, a club id in use is always 409.
   */
  creatorSecret: z.optional(z.string().check(z.minLength(32), z.maxLength(200))),
});
export type CreateClubRequest = z.output<typeof createClubRequest>;

export interface ClubSummary {
  id: string;
  name: string;
  province: string;
  commune: string;
  village: string;
  areaType: 'plains' | 'mountains';
}

export interface DeviceSummary {
  id: string;
  name: string;
  role: DeviceRole;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  /** The member whose phone it is (extension, schema 3): a volunteer's, chosen on the invite. */
  memberId?: string | null;
}

/** 201 from POST /clubs and POST /enroll. The token is shown once and kept on the phone. */
export interface EnrollResponse {
  club: ClubSummary;
  device: { id: string; role: DeviceRole; memberId?: string | null };
  token: string;
}

/**
 * `memberId` (extension, schema 3): the member whose phone the invite lets in — a
 * volunteer's, so that phone opens on the people that volunteer cares for. Not checked
 * against the records: the member may still be waiting on the chair's phone to be sent, and
 * the tie only decides what that phone shows first.
 */
export const createInviteRequest = z.strictObject({ role: z.enum(INVITABLE_ROLES), memberId: z.optional(z.uuid()) });
export interface InviteResponse {
  code: string;
  role: InvitableRole;
  expiresAt: string;
}

/**
 * POST /clubs/:id/chair-invite (extension): the association, which holds the setup code,
 * lets a new phone in as the chair of a club whose chair's phone is gone (lost, broken, or a
 * new chair elected). Enrolling with it removes every other chair phone of the club.
 */
export const chairInviteRequest = z.strictObject({ setupCode: z.string().check(z.minLength(1), z.maxLength(200)) });
export interface ChairInviteResponse {
  code: string;
  role: 'chair';
  expiresAt: string;
}

/** Invite codes: short, readable aloud, no 0/O/1/I to mix up. */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;

// People copy a code as it is read aloud or shown ("K7M2 PX9Q", "k7m2-px9q").
const spokenCode = z.string().check(z.overwrite((code) => code.replace(/[\s-]/g, '').toUpperCase()), z.minLength(1), z.maxLength(40));

export const enrollRequest = z.strictObject({
  code: spokenCode,
  device: z.strictObject({ name: deviceName }),
});

// ---- Association officers ------------------------------------------------------------------

/**
 * Clubs report to the association of the elderly of their commune and province. An officer's
 * account is made by whoever holds the setup code, for a province or one commune of it, and
 * signed in on any browser with a sign-in code of its own (reusable, unlike an invite).
 */
const placeName = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), noControlCharacters);

/**
 * POST /associations. Without `commune` the account covers every commune of the province;
 * without `province` too, the nation (the national association: every province).
 */
export const createAssociationRequest = z
  .strictObject({
    setupCode: z.string().check(z.minLength(1), z.maxLength(200)),
    name: placeName(120),
    // Null as well as absent: the answer spells a wider account's places as null.
    province: z.optional(z.nullable(placeName(60))),
    commune: z.optional(z.nullable(placeName(100))),
  })
  .check(z.refine((body) => !(body.commune && !body.province), { message: 'a commune needs its province', path: ['commune'] }));
export type CreateAssociationRequest = z.output<typeof createAssociationRequest>;

/** POST /associations/list and POST /associations/:id/revoke: only the setup code. */
export const associationSetupRequest = z.strictObject({ setupCode: z.string().check(z.minLength(1), z.maxLength(200)) });

/** POST /associations/sign-in: the account's sign-in code, copied as an invite code is. */
export const associationSignInRequest = z.strictObject({ code: spokenCode });

/** Who the officer speaks for: the nation (both null), a province, or one commune of it. */
export interface AssociationSummary {
  id: string;
  name: string;
  province: string | null;
  commune: string | null;
}

/** 201 from POST /associations. The code is shown once: the server keeps only its hash. */
export interface CreateAssociationResponse {
  association: AssociationSummary;
  code: string;
}

/** 200 from POST /associations/list: never a code or a token. */
export interface AssociationListResponse {
  associations: (AssociationSummary & { createdAt: string; revokedAt: string | null })[];
}

/** 201 from POST /associations/sign-in: the browser keeps the token and sends it as a bearer. */
export interface AssociationSignInResponse {
  token: string;
  association: AssociationSummary;
}

/** GET /association/me. */
export interface AssociationMeResponse {
  association: AssociationSummary;
}

/**
 * GET /association/view?period=<key>[&province=<key>][&commune=<key>]: the clubs in the
 * officer's scope against the plan, one level at a time — the nation's provinces, a
 * province's communes, a commune's clubs — from the figures the server keeps as clubs push
 * (never a member's name, phone, reading or loan). A place outside the scope: 403.
 */
export interface AssociationView {
  association: AssociationSummary;
  period: ReportPeriod;
  /** The periods the server keeps figures for (half-years and years), newest first. */
  periods: ReportPeriod[];
  /** What the rows are: the provinces (nation), the communes (province) or the clubs (commune). */
  level: 'nation' | 'province' | 'commune';
  place: { province: string | null; provinceKey: string | null; commune: string | null; communeKey: string | null };
  total: GroupFigures;
  communes: Record<'plains' | 'mountains', CommuneStandards>;
  rows: AssociationViewRow[];
  /** The same total for each period kept, oldest first: the chart. */
  trend: { period: ReportPeriod; total: GroupFigures }[];
  targets: AssociationTargets;
  /** When the oldest of the figures shown was worked out (null: no club yet). */
  figuresAsOf: string | null;
}

export interface AssociationViewRow {
  /** The province's or commune's key (places.ts), or the club's id. */
  key: string;
  name: string;
  figures: GroupFigures;
  /** For a club's row: its area and its report for the period. */
  club: { clubId: string; areaType: 'plains' | 'mountains'; report: { status: ReportStatus; sentAt: string | null } } | null;
}

/** GET /association/clubs/:id/reports: every report a club in scope sent, newest first. */
export interface AssociationClubReports {
  club: { id: string; name: string; commune: string; province: string };
  reports: {
    id: string;
    periodKey: string;
    from: string;
    to: string;
    sentAt: string;
    figures: Record<string, number | null>;
    note: string | null;
    /** The one in force for its period (the last sent). */
    current: boolean;
  }[];
}

// ---- Sync ---------------------------------------------------------------------------------

export const mutation = z.strictObject({
  seq: z.int().check(z.positive()),
  collection: z.string().check(z.minLength(1), z.maxLength(64), noControlCharacters),
  op: z.enum(['put', 'delete']),
  id: z.string().check(z.minLength(1), z.maxLength(200), noControlCharacters),
  data: z.optional(z.record(z.string(), z.unknown())),
});
export type Mutation = z.output<typeof mutation>;

export const pushRequest = z.strictObject({
  schemaVersion: z.int(),
  mutations: z.array(mutation).check(z.maxLength(MAX_MUTATIONS_PER_PUSH)),
});
export type PushRequest = z.output<typeof pushRequest>;

export interface Rejection {
  seq: number;
  code: RejectionCode;
  /** A sentence in the language the request asked for (Accept-Language; Vietnamese by default). */
  message: string;
  /** Extension: the i18n key of the message and the field it is about, for the phone's own words. */
  messageKey?: string;
  field?: string;
  /**
   * Extension, with code `conflict`: this change and another phone's, each valid, break a
   * rule across fields together (joined after left). The other phone's field and value.
   */
  conflictsWith?: { field: string; value: unknown };
}

export interface PushResponse {
  /** Every mutation with a seq up to this one is processed: applied, skipped as a repeat, or rejected. */
  ackedThrough: number;
  rejected: Rejection[];
  serverTime: string;
  /** Extension: the club's version after this push, when it changed something. */
  version?: number;
  /**
   * Extension: the server database's epoch, a random id that a restore from a backup
   * changes. A phone that sees it change knows the server may have lost what it had
   * acknowledged since that backup.
   */
  epoch?: string;
}

/**
 * GET /sync/wait?since=V&timeout=S (extension): answers as soon as the club's version is
 * past V, or after S seconds with `changed: false`. The phone then pulls as usual.
 */
export interface WaitResponse {
  changed: boolean;
  /** The club's version when it changed; the `since` sent when it did not. */
  version: number;
  serverTime: string;
}

/**
 * POST /sync/recover (extension), after the server was restored from a backup (its epoch
 * changed): the phone sends back the records it knows at a version past the restore point,
 * at most MAX_MUTATIONS_PER_PUSH and MAX_BODY_BYTES at a time. An empty list asks only where
 * the server stands.
 */
export interface RecoveredRecord {
  collection: string;
  id: string;
  /** The version the server had given this copy before the restore. */
  version: number;
  record: Record<string, unknown>;
}

export const recoverRequest = z.strictObject({
  schemaVersion: z.int(),
  records: z
    .array(
      z.strictObject({
        collection: z.string().check(z.minLength(1), z.maxLength(64)),
        id: z.string().check(z.minLength(1), z.maxLength(200)),
        version: z.int().check(z.gte(0)),
        record: z.record(z.string(), z.unknown()),
      }),
    )
    .check(z.maxLength(MAX_MUTATIONS_PER_PUSH)),
});

export interface RecoverResponse {
  /** The club's version at the restore; null when it was never restored (nothing to send). */
  restoredThrough: number | null;
  /** This phone's last seq the server has: its queue goes on after it. */
  lastSeq: number;
  /** Of the records sent, how many were newer than the server's and taken. */
  taken: number;
  epoch: string;
}

export interface PulledChange {
  collection: string;
  id: string;
  /** The whole record as the server has it, tombstones included, with its `version`. */
  record: Record<string, unknown>;
}

export interface PullResponse {
  changes: PulledChange[];
  /** Opaque to the phone: send it back as `since` for the next page. */
  cursor: string;
  hasMore: boolean;
  /**
   * The cursor was older than the tombstone horizon, or ahead of the club (a restored
   * server): this is a full copy; drop what is not in it.
   */
  reset: boolean;
  serverTime: string;
  /** Extension: the server database's epoch, as in PushResponse. */
  epoch?: string;
  /**
   * Extension: the pulling phone's role now. It changes when the chair hands the role over
   * (POST /devices/:id/chair); the phone takes it from here, as it syncs every day.
   */
  role?: DeviceRole;
}

/** GET /health. `epoch` (extension) as in PushResponse. */
export interface HealthResponse {
  ok: true;
  version: number;
  epoch: string;
}
