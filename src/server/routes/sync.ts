import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canRead } from '../../domain/collection';
import {
  DEFAULT_PULL_LIMIT,
  DEFAULT_WAIT_SECONDS,
  MAX_WAIT_SECONDS,
  MAX_MUTATIONS_PER_PUSH,
  MAX_PULL_LIMIT,
  OLDEST_ACCEPTED_SCHEMA_VERSION,
  pushRequest,
  recoverRequest,
  SCHEMA_VERSION,
  type PullResponse,
  type PushResponse,
  type RecoverResponse,
  type Rejection,
  type WaitResponse,
} from '../../domain/protocol';
import { deviceOf } from '../auth';
import { ApiError } from '../errors';
import { languageOf, message, otherPhoneWrote } from '../messages';
import { nextCursor, parseCursor, planPull } from '../rules/cursor';
import { parseBody, type RouteContext } from './context';
import { pullBody } from './pull-body';

/**
 * Old phones are told to update (426) before anything else about their request is judged:
 * an older app may send a body this server would otherwise just call invalid.
 */
function checkSchemaVersion(value: unknown, current: number): number {
  if (value === undefined) return current;
  // A number in a body, digits in a query string; anything else is not a version, and is
  // never handed to Number() (an array nested deep enough turns that into a RangeError).
  const version = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(version)) throw new ApiError('invalid', 'error.invalid');
  if (version < oldestAccepted(current)) throw new ApiError('upgrade_required', 'error.upgradeRequired');
  if (version > current) throw new ApiError('invalid', 'error.schemaTooNew');
  return version;
}

/** The current version and the one before it (protocol.ts OLDEST_ACCEPTED_SCHEMA_VERSION). */
function oldestAccepted(current: number): number {
  return current === SCHEMA_VERSION ? OLDEST_ACCEPTED_SCHEMA_VERSION : Math.max(1, current - 1);
}

function pullLimit(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PULL_LIMIT;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new ApiError('invalid', 'error.invalid');
  return Math.min(Number(value), MAX_PULL_LIMIT);
}

function waitSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_WAIT_SECONDS;
  if (!/^\d{1,3}$/.test(value)) throw new ApiError('invalid', 'error.invalid');
  return Math.min(Math.max(Number(value), 1), MAX_WAIT_SECONDS);
}

export function syncRoutes(ctx: RouteContext) {
  return async function register(app: FastifyInstance) {
    const { store, now } = ctx;

    app.post('/sync/push', { preHandler: ctx.authenticate }, async (request: FastifyRequest) => {
      const device = deviceOf(request);
      const raw = (request.body ?? {}) as { schemaVersion?: unknown; mutations?: unknown };
      if (typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError('invalid', 'error.invalid');
      if (raw.schemaVersion === undefined) throw new ApiError('invalid', 'error.invalid');
      checkSchemaVersion(raw.schemaVersion, ctx.schemaVersion);
      if (Array.isArray(raw.mutations) && raw.mutations.length > MAX_MUTATIONS_PER_PUSH) {
        throw new ApiError('too_large', 'error.tooLarge');
      }
      const body = parseBody(pushRequest, raw);
      const result = await store.push(device, body.mutations, { now: now(), findCollection: ctx.findCollection });
      if (result.version !== null) ctx.figures.clubChanged(device.clubId);
      const language = languageOf(request.headers['accept-language']);
      const rejected = result.rejected.map((r): Rejection => {
        const said = message(r.messageKey, language);
        const rejection: Rejection = {
          seq: r.seq,
          code: r.code,
          message: r.conflictsWith ? `${said} ${otherPhoneWrote(r.conflictsWith.value, language)}` : said,
        };
        // Only validation keys are ones the phone has words for, next to the field.
        if (r.messageKey.startsWith('validation.')) rejection.messageKey = r.messageKey;
        if (r.field !== undefined) rejection.field = r.field;
        if (r.conflictsWith !== undefined) rejection.conflictsWith = r.conflictsWith;
        return rejection;
      });
      const response: PushResponse = {
        ackedThrough: result.ackedThrough,
        rejected,
        serverTime: now().toISOString(),
        epoch: await store.epoch(),
        ...(result.version === null ? {} : { version: result.version }),
      };
      return response;
    });

    // After a restore from a backup: a phone sends back what the server lost (store/recover.ts).
    app.post('/sync/recover', { preHandler: ctx.authenticate }, async (request: FastifyRequest) => {
      const device = deviceOf(request);
      const raw = (request.body ?? {}) as { schemaVersion?: unknown };
      if (typeof raw !== 'object' || Array.isArray(raw) || raw.schemaVersion === undefined) throw new ApiError('invalid', 'error.invalid');
      checkSchemaVersion(raw.schemaVersion, ctx.schemaVersion);
      const body = parseBody(recoverRequest, raw);
      const answer = await store.recover(device, body.records, { now: now(), findCollection: ctx.findCollection });
      if (answer.taken > 0) ctx.figures.clubChanged(device.clubId);
      const response: RecoverResponse = { ...answer, epoch: await store.epoch() };
      return response;
    });

    app.get<{ Querystring: { since?: string; limit?: string; schemaVersion?: string } }>(
      '/sync/pull',
      { preHandler: ctx.authenticate },
      async (request, reply) => {
        const device = deviceOf(request);
        const version = checkSchemaVersion(request.query.schemaVersion, ctx.schemaVersion);
        const cursor = parseCursor(request.query.since);
        if (!cursor) throw new ApiError('invalid', 'error.invalid');
        const limit = pullLimit(request.query.limit);
        const readable = ctx.collectionNames.filter((name) => canRead(ctx.findCollection(name)!, device.role));
        const bounds = await store.clubBounds(device.clubId);
        const plan = planPull(cursor, bounds);
        const page = await store.pullPage({ clubId: device.clubId, collections: readable, since: plan.from, limit });
        const rest: Omit<PullResponse, 'changes'> = {
          cursor: nextCursor(page.throughVersion, plan.fullCopy, bounds.purgedThrough),
          hasMore: page.hasMore,
          reset: plan.reset,
          serverTime: now().toISOString(),
          epoch: await store.epoch(),
          role: device.role,
        };
        // Written here from the stored JSON (pull-body.ts), not serialised again by Fastify.
        return reply.type('application/json; charset=utf-8').send(pullBody(page.rows, rest, ctx.findCollection, version));
      },
    );

    // An open phone waits here to hear that another phone changed the club, then pulls.
    app.get<{ Querystring: { since?: string; timeout?: string; schemaVersion?: string } }>(
      '/sync/wait',
      { preHandler: ctx.authenticate },
      async (request, reply) => {
        const device = deviceOf(request);
        checkSchemaVersion(request.query.schemaVersion, ctx.schemaVersion);
        const cursor = parseCursor(request.query.since);
        if (!cursor) throw new ApiError('invalid', 'error.invalid');
        const seconds = waitSeconds(request.query.timeout);
        // The phone hung up (closed the app, lost the network): stop waiting for it.
        const gone = new AbortController();
        reply.raw.once('close', () => gone.abort());
        const version = await ctx.waits.waitPast(device.clubId, cursor.version, seconds * 1000, gone.signal);
        const response: WaitResponse = {
          changed: version !== null,
          version: version ?? cursor.version,
          serverTime: now().toISOString(),
        };
        return response;
      },
    );
  };
}
