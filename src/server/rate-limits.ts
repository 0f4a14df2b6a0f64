import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';
import type { Store } from './store';
import { hashSecret } from './tokens';

/**
 * Guessing a setup code or an invite code is slowed down twice over: each address may try a
 * few times a minute, and all addresses together a few hundred, so a guesser with many
 * addresses gains little either. The counts are in the database (store/rate-limits.ts), so a
 * restart does not clear them and every server process on the database shares them.
 */
export interface CodeGuessLimits {
  perAddress: number;
  total: number;
  windowMs: number;
}

export const CODE_GUESS_LIMITS: CodeGuessLimits = { perAddress: 10, total: 300, windowMs: 60_000 };

/** An onRequest hook per route: counted before the body is even read, so every try counts. */
export function codeGuessLimiter(store: Store, limits: CodeGuessLimits, now: () => Date) {
  return (route: string) =>
    async function limitCodeGuessing(request: FastifyRequest, reply: { header(name: string, value: string): unknown }): Promise<void> {
      const at = now().getTime();
      const window = Math.floor(at / limits.windowMs);
      const retryAfter = () => String(Math.max(1, Math.ceil(((window + 1) * limits.windowMs - at) / 1000)));
      // Hashed: the table keeps no phone's address.
      const fromHere = await store.countAttempt(`${route}|address|${hashSecret(request.ip)}`, window);
      if (fromHere > limits.perAddress) {
        reply.header('retry-after', retryAfter());
        throw new ApiError('rate_limited', 'error.rateLimited');
      }
      const inTotal = await store.countAttempt(`${route}|total`, window);
      // The route's first try of a new window clears the windows before: the table stays small.
      if (inTotal === 1) await store.forgetWindowsBefore(window - 1);
      if (inTotal > limits.total) {
        reply.header('retry-after', retryAfter());
        throw new ApiError('rate_limited', 'error.rateLimited');
      }
    };
}

/**
 * Behind a reverse proxy whose address TRUST_PROXY does not name, every phone arrives from
 * the proxy's address and shares one rate limit: said once, when the first such request
 * comes (the proxy's X-Forwarded-For gives it away), without any address.
 */
export function warnOfUntrustedProxy(app: FastifyInstance): void {
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    request.log.warn('X-Forwarded-For arrives but TRUST_PROXY is not set: every phone behind the proxy shares one rate limit');
  });
}
