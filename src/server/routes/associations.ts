import type { FastifyInstance } from 'fastify';
import { uuidv7 } from '../../domain/ids';
import { placeKey } from '../../domain/places';
import {
  associationSetupRequest,
  associationSignInRequest,
  createAssociationRequest,
  type AssociationListResponse,
  type AssociationMeResponse,
  type AssociationSignInResponse,
  type AssociationSummary,
  type CreateAssociationResponse,
} from '../../domain/protocol';
import { associationAuthenticator, associationOf } from '../association-auth';
import { ApiError } from '../errors';
import type { StoredAssociation } from '../store';
import { hashSecret, newSignInCode, newToken, sameSecret } from '../tokens';
import { parseBody, type RouteContext } from './context';

/**
 * Association officers' accounts: the setup-code holder makes, lists and revokes them; an
 * officer signs in with the account's code on any browser and is known by a token after.
 */

/** Account ids are UUIDs: anything else names nothing here (and never reaches SQL). */
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function associationSummary(association: StoredAssociation): AssociationSummary {
  return { id: association.id, name: association.name, province: association.province, commune: association.commune };
}

export function associationRoutes(ctx: RouteContext) {
  return async function register(app: FastifyInstance) {
    const { store, now } = ctx;
    const onlyOfficers = { preHandler: associationAuthenticator(store, now) };
    const checkSetupCode = (given: string) => {
      if (!sameSecret(given, ctx.setupCode)) throw new ApiError('forbidden', 'error.wrongSetupCode');
    };

    app.post('/associations', { onRequest: ctx.limitCodeGuessing('associations') }, async (request, reply) => {
      const body = parseBody(createAssociationRequest, request.body);
      checkSetupCode(body.setupCode);
      const at = now();
      const code = newSignInCode();
      const province = body.province ?? null;
      const commune = body.commune ?? null;
      const association = await store.createAssociation({
        id: uuidv7(at.getTime()),
        name: body.name,
        province,
        commune,
        provinceKey: province === null ? null : placeKey(province),
        communeKey: commune === null ? null : placeKey(commune),
        codeHash: hashSecret(code),
        now: at,
      });
      const response: CreateAssociationResponse = { association: associationSummary(association), code };
      return reply.code(201).send(response);
    });

    // A POST, not a GET: the setup code goes in the body, never in a URL a proxy might log.
    app.post('/associations/list', { onRequest: ctx.limitCodeGuessing('associations-list') }, async (request) => {
      checkSetupCode(parseBody(associationSetupRequest, request.body).setupCode);
      const associations = await store.listAssociations();
      const response: AssociationListResponse = {
        associations: associations.map((a) => ({ ...associationSummary(a), createdAt: a.createdAt, revokedAt: a.revokedAt })),
      };
      return response;
    });

    app.post<{ Params: { id: string } }>(
      '/associations/:id/revoke',
      { onRequest: ctx.limitCodeGuessing('association-revoke') },
      async (request, reply) => {
        checkSetupCode(parseBody(associationSetupRequest, request.body).setupCode);
        if (!isUuid(request.params.id)) throw new ApiError('not_found', 'error.notFound');
        const outcome = await store.revokeAssociation({ id: request.params.id, now: now() });
        if (outcome === 'missing') throw new ApiError('not_found', 'error.notFound');
        return reply.code(204).send();
      },
    );

    app.post('/associations/sign-in', { onRequest: ctx.limitCodeGuessing('association-sign-in') }, async (request, reply) => {
      const { code } = parseBody(associationSignInRequest, request.body);
      const token = newToken();
      const association = await store.signInAssociation({ codeHash: hashSecret(code), tokenHash: hashSecret(token), now: now() });
      // Unknown and revoked codes answer alike: a guesser learns nothing.
      if (!association) throw new ApiError('not_found', 'error.signInCodeUnusable');
      const response: AssociationSignInResponse = { token, association: associationSummary(association) };
      return reply.code(201).send(response);
    });

    app.get('/association/me', onlyOfficers, async (request) => {
      const response: AssociationMeResponse = { association: associationSummary(associationOf(request)) };
      return response;
    });
  };
}
