import type { FastifyRequest } from 'fastify';
import { bearerTokenHash } from './auth';
import { ApiError } from './errors';
import type { Store, StoredAssociation } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The officer's account behind the bearer token; set by the association authenticator. */
    association: StoredAssociation | null;
  }
}

/** As for phones: "last seen" written at most once a minute, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * A preHandler for the officers' routes (/association/...): 401 for a missing, unknown or
 * revoked token (a revoked account's tokens all stop at once: its row is read on every
 * request); 403 for a club phone's token, which is good on this server but not here.
 */
export function associationAuthenticator(store: Store, now: () => Date) {
  return async function authenticateAssociation(request: FastifyRequest): Promise<void> {
    const tokenHash = bearerTokenHash(request);
    const found = await store.findAssociationByTokenHash(tokenHash);
    if (!found) {
      const device = await store.findDeviceByTokenHash(tokenHash);
      if (device && device.revokedAt === null) throw new ApiError('forbidden', 'error.forbidden');
      throw new ApiError('unauthorized', 'error.unauthorized');
    }
    if (found.association.revokedAt !== null) throw new ApiError('unauthorized', 'error.unauthorized');
    const at = now();
    if (!found.lastSeenAt || at.getTime() - Date.parse(found.lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
      // Not waited for, as a phone's (auth.ts): an officer's page must not queue behind a push.
      store.touchAssociationToken(tokenHash, at).catch(() => {});
    }
    request.association = found.association;
  };
}

export function associationOf(request: FastifyRequest): StoredAssociation {
  if (!request.association) throw new ApiError('unauthorized', 'error.unauthorized');
  return request.association;
}

/**
 * Whether a club is one the officer speaks for: any club for the national association; else in the account's province and, for an
 * account of one commune, in that commune. The club's keys are placeKey of its profile's
 * province and commune (domain/places.ts), as the account's are of the names typed for it.
 */
export function inScope(
  association: Pick<StoredAssociation, 'provinceKey' | 'communeKey'>,
  club: { provinceKey: string; communeKey: string },
): boolean {
  if (association.provinceKey === null) return true;
  if (club.provinceKey !== association.provinceKey) return false;
  return association.communeKey === null || club.communeKey === association.communeKey;
}
