import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type * as z from 'zod/mini';
import type { CollectionDefinition } from '../../domain/collection';
import { ApiError } from '../errors';
import type { Store } from '../store';
import type { FiguresKeeper } from '../figures-keeper';
import type { ClubWaits } from '../waits';

/** What every route module is handed by buildServer. */
export interface RouteContext {
  store: Store;
  setupCode: string;
  now: () => Date;
  findCollection: (name: string) => CollectionDefinition | undefined;
  collectionNames: readonly string[];
  authenticate: (request: FastifyRequest) => Promise<void>;
  /** An onRequest hook that counts a try at guessing a code on `route` (rate-limits.ts). */
  limitCodeGuessing: (route: string) => onRequestHookHandler;
  waits: ClubWaits;
  /** Works a club's association figures out again after its pushes. */
  figures: FiguresKeeper;
  /** The schema version this server speaks; it also accepts the one before (SYNC-PROTOCOL.md). */
  schemaVersion: number;
}

/** A body that does not fit the protocol's schema is one `invalid`, whatever the detail. */
export function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new ApiError('invalid', 'error.invalid');
  return result.data;
}
