import type { FastifyInstance } from 'fastify';
import { club as clubCollection, newClubFields } from '../../domain/club';
import { uuidv7 } from '../../domain/ids';
import {
  chairInviteRequest,
  createClubRequest,
  createInviteRequest,
  enrollRequest,
  INVITE_LIFETIME_DAYS,
  type ChairInviteResponse,
  type ClubSummary,
  type DeviceSummary,
  type EnrollResponse,
  type InviteResponse,
} from '../../domain/protocol';
import { validate } from '../../domain/validation';
import { deviceOf, requireRole } from '../auth';
import { ApiError, sendError } from '../errors';
import { languageOf, message } from '../messages';
import { BY_ASSOCIATION, type StoredDevice } from '../store';
import { hashSecret, newInviteCode, newToken, sameSecret } from '../tokens';
import { parseBody, type RouteContext } from './context';

/** Clubs and their phones: making a club, inviting and enrolling phones, listing and removing them. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Device and club ids are UUIDs: anything else names nothing here (and never reaches SQL). */
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function clubSummary(record: Record<string, unknown>): ClubSummary {
  return {
    id: String(record.id),
    name: String(record.name),
    province: String(record.province),
    commune: String(record.commune),
    village: String(record.village),
    areaType: record.areaType === 'mountains' ? 'mountains' : 'plains',
  };
}

function deviceSummary(device: StoredDevice): DeviceSummary {
  return {
    id: device.id,
    name: device.name,
    role: device.role,
    createdAt: device.createdAt,
    lastSeenAt: device.lastSeenAt,
    revokedAt: device.revokedAt,
    memberId: device.memberId,
  };
}

export function clubRoutes(ctx: RouteContext) {
  return async function register(app: FastifyInstance) {
    const { store, now } = ctx;
    const onlyDevices = { preHandler: ctx.authenticate };

    app.post('/clubs', { onRequest: ctx.limitCodeGuessing('clubs') }, async (request, reply) => {
      const body = parseBody(createClubRequest, request.body);
      if (!sameSecret(body.setupCode, ctx.setupCode)) throw new ApiError('forbidden', 'error.wrongSetupCode');
      const { id, ...profile } = body.club;
      const given = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
      const fields = validate(clubCollection.fieldsSchema, { ...newClubFields(), ...given });
      if (!fields.ok) {
        const language = languageOf(request.headers['accept-language']);
        const key = fields.problems[0]?.messageKey ?? 'validation.invalidValue';
        return reply.code(400).send({ error: { code: 'invalid', message: message(key, language) } });
      }
      const at = now();
      const clubId = id ?? uuidv7(at.getTime());
      const clubRecord = {
        id: clubId,
        clubId,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        deleted: false,
        ...fields.value,
      };
      const token = newToken();
      const chair = { id: uuidv7(at.getTime()), name: body.device.name, tokenHash: hashSecret(token) };
      const creatorSecretHash = body.creatorSecret === undefined ? null : hashSecret(body.creatorSecret);
      const created = await store.createClub({ clubId, clubRecord, chair, creatorSecretHash, now: at });
      // Says nothing about the club that is there: the asker may not be in it.
      if (created.outcome === 'taken') throw new ApiError('conflict', 'error.clubExists');
      const stored = created.outcome === 'repeated' ? await store.findClubRecord(clubId) : null;
      const response: EnrollResponse = {
        club: clubSummary(stored ?? clubRecord),
        device: { id: created.chairId, role: created.role },
        token,
      };
      return reply.code(201).send(response);
    });

    // The protocol's "chair, vice-chair": a vice-chair's phone holds the board role.
    app.post('/invites', onlyDevices, async (request, reply) => {
      const inviter = requireRole(request, ['chair', 'board']);
      const { role, memberId } = parseBody(createInviteRequest, request.body);
      const at = now();
      const code = newInviteCode();
      const expiresAt = new Date(at.getTime() + INVITE_LIFETIME_DAYS * DAY_MS);
      await store.createInvite({ codeHash: hashSecret(code), clubId: inviter.clubId, role, createdBy: inviter.id, now: at, expiresAt, memberId: memberId ?? null });
      const response: InviteResponse = { code, role, expiresAt: expiresAt.toISOString() };
      return reply.code(201).send(response);
    });

    app.post('/enroll', { onRequest: ctx.limitCodeGuessing('enroll') }, async (request, reply) => {
      const body = parseBody(enrollRequest, request.body);
      const at = now();
      const token = newToken();
      const device = { id: uuidv7(at.getTime()), name: body.device.name, tokenHash: hashSecret(token) };
      const enrolled = await store.enroll({ codeHash: hashSecret(body.code), device, now: at });
      // Unknown, used and expired codes answer alike: a guesser learns nothing.
      if (!enrolled) throw new ApiError('not_found', 'error.inviteUnusable');
      const record = await store.findClubRecord(enrolled.clubId);
      if (!record) throw new Error('An enrolled club has no club record');
      const response: EnrollResponse = { club: clubSummary(record), device: { id: device.id, role: enrolled.role, memberId: enrolled.memberId }, token };
      return reply.code(201).send(response);
    });

    app.get('/me', onlyDevices, async (request) => {
      const device = deviceOf(request);
      const record = await store.findClubRecord(device.clubId);
      if (!record) throw new Error('A device’s club has no club record');
      return { club: clubSummary(record), device: deviceSummary(device) };
    });

    app.get('/devices', onlyDevices, async (request) => {
      const chair = requireRole(request, ['chair']);
      const devices = await store.listDevices(chair.clubId);
      return { devices: devices.map(deviceSummary) };
    });

    // The chair hands its role to another phone of the club (a new chair elected, or the
    // chair changing phones): that phone invites and removes phones from then on.
    app.post<{ Params: { id: string } }>(
      '/devices/:id/chair',
      { onRequest: ctx.limitCodeGuessing('chair-handover'), preHandler: ctx.authenticate },
      async (request, reply) => {
        const chair = requireRole(request, ['chair']);
        if (!isUuid(request.params.id)) throw new ApiError('not_found', 'error.notFound');
        if (request.params.id === chair.id) throw new ApiError('invalid', 'error.alreadyChair');
        const outcome = await store.handChairTo({ clubId: chair.clubId, fromDeviceId: chair.id, toDeviceId: request.params.id });
        if (outcome === 'missing') throw new ApiError('not_found', 'error.notFound');
        if (outcome === 'revoked') throw new ApiError('conflict', 'error.deviceRemoved');
        if (outcome === 'not_chair') throw new ApiError('forbidden', 'error.forbidden');
        return reply.code(204).send();
      },
    );

    // The association (it holds the setup code) lets a new chair's phone into a club whose
    // chair's phone is gone; the answer says nothing about the club.
    app.post<{ Params: { id: string } }>('/clubs/:id/chair-invite', { onRequest: ctx.limitCodeGuessing('chair-invite') }, async (request, reply) => {
      const { setupCode } = parseBody(chairInviteRequest, request.body);
      if (!sameSecret(setupCode, ctx.setupCode)) throw new ApiError('forbidden', 'error.wrongSetupCode');
      const clubId = request.params.id;
      if (!isUuid(clubId) || !(await store.clubExists(clubId))) throw new ApiError('not_found', 'error.notFound');
      const at = now();
      const code = newInviteCode();
      const expiresAt = new Date(at.getTime() + INVITE_LIFETIME_DAYS * DAY_MS);
      await store.createInvite({ codeHash: hashSecret(code), clubId, role: 'chair', createdBy: BY_ASSOCIATION, now: at, expiresAt });
      const response: ChairInviteResponse = { code, role: 'chair', expiresAt: expiresAt.toISOString() };
      return reply.code(201).send(response);
    });

    app.delete<{ Params: { id: string } }>('/devices/:id', onlyDevices, async (request, reply) => {
      const chair = requireRole(request, ['chair']);
      if (!isUuid(request.params.id)) throw new ApiError('not_found', 'error.notFound');
      // Removing its own phone would leave the club with no one to invite or remove phones.
      if (request.params.id === chair.id) return sendError(request, reply, 'forbidden', 'error.cannotRevokeSelf');
      const result = await store.revokeDevice({ clubId: chair.clubId, deviceId: request.params.id, now: now() });
      if (result === 'missing') throw new ApiError('not_found', 'error.notFound');
      return reply.code(204).send();
    });
  };
}
