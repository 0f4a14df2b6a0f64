import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CollectionDefinition } from '../domain/collection';
import { COLLECTIONS } from '../domain/collections';
import { API_PREFIX, MAX_BODY_BYTES, SCHEMA_VERSION, type HealthResponse } from '../domain/protocol';
import { authenticator } from './auth';
import { answerUnreadableRequest, handleError, sendError } from './errors';
import { addAnswerHeaders, API_HEADERS } from './headers';
import { parseJsonBodies } from './json-body';
import { CODE_GUESS_LIMITS, codeGuessLimiter, warnOfUntrustedProxy, type CodeGuessLimits } from './rate-limits';
import { loggerOptions, type LogSettings } from './logging';
import { associationRoutes } from './routes/associations';
import { associationViewRoutes } from './routes/association-view';
import { FIGURES_KEEPER_DEFAULTS, FiguresKeeper, type FiguresKeeperOptions } from './figures-keeper';
import { clubRoutes } from './routes/clubs';
import type { RouteContext } from './routes/context';
import { syncRoutes } from './routes/sync';
import { isAppNavigation, sendAppShell, serveAppFiles } from './static';
import type { Store } from './store';
import { ClubWaits } from './waits';

export interface ServerOptions {
  store: Store;
  /** Whoever holds it may make a club on this server (SYNC-PROTOCOL.md, POST /clubs). */
  setupCode: string;
  /** The built phone app; served when it holds an index.html. */
  staticDir?: string;
  logger?: LogSettings | boolean;
  /** The server's clock; tests move it (invite expiry, tombstone age). */
  now?: () => Date;
  /** The collection registry; tests add kinds the app does not have yet (append-only). */
  collections?: Record<string, CollectionDefinition>;
  /** The schema version spoken (SCHEMA_VERSION); tests run a server a version ahead. */
  schemaVersion?: number;
  /**
   * Behind a reverse proxy, the proxy's address (e.g. "127.0.0.1"): otherwise every phone
   * shares the proxy's address and one phone's wrong codes lock the others out of enrolling.
   */
  trustProxy?: boolean | string;
  /** When the associations' figures are worked out again (figures-keeper.ts); tests make it quick. */
  figures?: Partial<Pick<FiguresKeeperOptions, 'delayMs' | 'sweepMs'>>;
  /** How many code guesses a minute (CODE_GUESS_LIMITS); tests make them small. */
  codeGuessLimits?: Partial<CodeGuessLimits>;
}

/** The whole HTTP server, not listening: main.ts listens, tests listen on port 0. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const collections: Record<string, CollectionDefinition> = options.collections ?? COLLECTIONS;
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
    // A URL the router cannot take (bad percent-encoding, a 10 KB path parameter) is answered
    // in the protocol's shape too, without quoting it back.
    frameworkErrors: handleError,
    clientErrorHandler: answerUnreadableRequest(API_HEADERS),
  });
  app.decorateRequest('device', null);
  app.decorateRequest('association', null);
  app.setErrorHandler(handleError);
  parseJsonBodies(app);
  addAnswerHeaders(app);

  const waits = new ClubWaits(options.store);
  const figures = new FiguresKeeper(options.store, { ...FIGURES_KEEPER_DEFAULTS, ...options.figures, now });
  // Stopping: a phone waiting on /sync/wait is answered at once, not after its 50 seconds,
  // and an answer given meanwhile closes its connection, so the stop does not wait out the
  // keep-alive of a connection that was busy when it began.
  let stopping = false;
  app.addHook('preClose', async () => {
    stopping = true;
    waits.close();
    await figures.close();
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (stopping) reply.header('connection', 'close');
    return payload;
  });

  const context: RouteContext = {
    store: options.store,
    waits,
    figures,
    schemaVersion: options.schemaVersion ?? SCHEMA_VERSION,
    setupCode: options.setupCode,
    now,
    findCollection: (name) => (Object.hasOwn(collections, name) ? collections[name] : undefined),
    collectionNames: Object.keys(collections),
    authenticate: authenticator(options.store, now),
    limitCodeGuessing: codeGuessLimiter(options.store, { ...CODE_GUESS_LIMITS, ...options.codeGuessLimits }, now),
  };
  if (!options.trustProxy) warnOfUntrustedProxy(app);
  await app.register(
    async (api) => {
      // The API's answers go compressed to a client that asks (every browser does): a new
      // phone's first pull is mostly repeated field names. Brotli at a low quality costs the
      // server little; bodies sent to it are not decompressed, so its size limits stay the
      // limits of what it parses.
      await api.register(fastifyCompress, {
        globalDecompression: false,
        threshold: 1024,
        encodings: ['br', 'gzip'],
        brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } },
      });
      api.get('/health', async (): Promise<HealthResponse> => ({ ok: true, version: SCHEMA_VERSION, epoch: await options.store.epoch() }));
      await api.register(clubRoutes(context));
      await api.register(syncRoutes(context));
      await api.register(associationRoutes(context));
      await api.register(associationViewRoutes(context));
    },
    { prefix: API_PREFIX },
  );

  app.addHook('onReady', async () => figures.start());
  const servesApp = await serveAppFiles(app, options.staticDir);
  app.setNotFoundHandler((request, reply) => {
    if (servesApp && isAppNavigation(request)) return sendAppShell(reply);
    return sendError(request, reply, 'not_found', 'error.notFound');
  });
  return app;
}
