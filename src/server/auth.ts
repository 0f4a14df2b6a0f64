import type { FastifyRequest } from 'fastify';
import type { DeviceRole } from '../domain/record';
import { ApiError } from './errors';
import type { Store, StoredDevice } from './store';
import { hashSecret } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The phone behind the bearer token; set by `authenticate` on device routes. */
    device: StoredDevice | null;
  }
}

/** Writing "last seen" on every request would make each pull a write; once a minute will do. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The hash of the request's bearer token; 401 when there is none (or not one of ours in shape). */
export function bearerTokenHash(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/i.exec(header) : null;
  if (!match) throw new ApiError('unauthorized', 'error.unauthorized');
  return hashSecret(match[1]!);
}

/**
 * A preHandler for device routes: 401 for a missing, unknown or revoked token; 403 for an
 * association officer's token, which is good on this server but never reaches a club's
 * records (association-auth.ts has the officers' own routes).
 */
export function authenticator(store: Store, now: () => Date) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const tokenHash = bearerTokenHash(request);
    const device = await store.findDeviceByTokenHash(tokenHash);
    if (!device) {
      // Looked up only for a token no phone holds: a phone's request costs no more than before.
      const officer = await store.findAssociationByTokenHash(tokenHash);
      if (officer && officer.association.revokedAt === null) throw new ApiError('forbidden', 'error.forbidden');
      throw new ApiError('unauthorized', 'error.unauthorized');
    }
    if (device.revokedAt !== null) throw new ApiError('unauthorized', 'error.unauthorized');
    const at = now();
    if (!device.lastSeenAt || at.getTime() - Date.parse(device.lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
      // Not waited for: on SQLite the write queues behind any push in progress, and a sign-in
      // must not wait for another club's push over "last seen", which only the chair's list shows.
      store.touchDevice(device.id, at).catch(() => {});
      device.lastSeenAt = at.toISOString();
    }
    request.device = device;
  };
}

export function deviceOf(request: FastifyRequest): StoredDevice {
  if (!request.device) throw new ApiError('unauthorized', 'error.unauthorized');
  return request.device;
}

export function requireRole(request: FastifyRequest, roles: readonly DeviceRole[]): StoredDevice {
  const device = deviceOf(request);
  if (!roles.includes(device.role)) throw new ApiError('forbidden', 'error.forbidden');
  return device;
}
