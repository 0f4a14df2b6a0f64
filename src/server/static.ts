import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../domain/protocol';

/**
 * The built phone app (dist/), compressed ahead of time. Hashed files under /assets/ never change, so they are cached
 * for a year; index.html and the service worker are revalidated on every load, or a phone
 * would keep an old app forever.
 */
export async function serveAppFiles(app: FastifyInstance, dir: string | undefined): Promise<boolean> {
  if (!dir || !existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    // `npm run build` writes a .br and a .gz beside each text file (scripts/precompress.mjs):
    // sent to a browser that accepts them, with Vary: Accept-Encoding, and never compressed per request.
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, path) {
      const immutable = /[\\/]assets[\\/]/.test(path);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The same address answers brotli, gzip or plain bytes: a cache on the way must know.
      res.setHeader('vary', 'Accept-Encoding');
    },
  });
  return true;
}

/** A page load the app's router handles (/members/42): the answer is index.html. */
export function isAppNavigation(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path.startsWith('/assets/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendAppShell(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
