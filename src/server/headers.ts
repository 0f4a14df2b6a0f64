import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../domain/protocol';

/**
 * The headers every answer carries. The app's pages get a Content-Security-Policy that lets
 * them load only the app's own files (no inline script or style, nothing from elsewhere, no
 * framing), so a member's name that somehow reached the page as markup could run nothing.
 * API answers carry club records (names, phone numbers): no proxy or browser keeps them,
 * and as documents they may do nothing at all.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const EVERY_ANSWER = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

/** The headers of an API answer, also for answers written straight to a socket. */
export const API_HEADERS: Record<string, string> = { ...EVERY_ANSWER, 'content-security-policy': API_CSP, 'cache-control': 'no-store' };
const APP_HEADERS: Record<string, string> = { ...EVERY_ANSWER, 'content-security-policy': APP_CSP };

export function isApiUrl(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);
}

export function headersFor(url: string): Record<string, string> {
  return isApiUrl(url) ? API_HEADERS : APP_HEADERS;
}

/**
 * On every answer of the server, its errors, 404s and framework errors included. Page
 * answers keep the cache rules static.ts gives them.
 */
export function addAnswerHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(headersFor(request.url));
    return payload;
  });
}
