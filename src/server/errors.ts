import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../domain/protocol';
import { headersFor } from './headers';
import { languageOf, message, type MessageKey } from './messages';

/** A refusal the routes mean to give: a code from the protocol and a sentence key. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
    this.statusCode = ERROR_STATUS[code];
  }
}

/** `status` only where HTTP has a closer word than the code's own (414, 431). */
export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, messageKey: MessageKey, status: number = ERROR_STATUS[code]) {
  const language = languageOf(request.headers['accept-language']);
  // Set here as well as in the onSend hook: Fastify's frameworkErrors answers skip the hooks.
  // An error is never worth keeping, wherever it is.
  return reply
    .headers(headersFor(request.url))
    .header('cache-control', 'no-store')
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message: message(messageKey, language) } });
}

/** Fastify's own failures (bad JSON, too large, unknown route, bad URL …) in the protocol's terms. */
function classify(status: number | undefined): [ErrorCode, MessageKey, number?] {
  if (status === 413) return ['too_large', 'error.tooLarge'];
  if (status === 414 || status === 431) return ['too_large', 'error.tooLarge', status];
  if (status === 404) return ['not_found', 'error.notFound'];
  if (status === 429) return ['rate_limited', 'error.rateLimited'];
  if (status === 401) return ['unauthorized', 'error.unauthorized'];
  if (status === 403) return ['forbidden', 'error.forbidden'];
  if (status !== undefined && status >= 400 && status < 500) return ['invalid', 'error.invalid'];
  return ['internal', 'error.internal'];
}

/**
 * Every error leaves as `{"error": {"code", "message"}}`, never with a stack or the
 * request's own text (a JSON parse error quotes the body, which may hold a member's name;
 * a bad URL's error quotes the URL): only server faults are logged, and then without the body.
 * It is also Fastify's `frameworkErrors` handler, for the URLs its router cannot take.
 */
export function handleError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) return sendError(request, reply, error.code, error.messageKey);
  const [code, key, status] = classify(error.statusCode);
  if (code === 'internal') {
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
  } else {
    request.log.info({ errorCode: error.code ?? code }, 'request refused');
  }
  return sendError(request, reply, code, key, status);
}

/**
 * A request Node's HTTP parser could not read (broken request line, headers too large): there
 * is no request to read a language from, so the answer is in Vietnamese, written straight to
 * the socket in the protocol's shape, and the connection closed.
 */
export function answerUnreadableRequest(headers: Record<string, string>) {
  return function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, key]: [number, ErrorCode, MessageKey] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'too_large', 'error.tooLarge']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'invalid', 'error.invalid']
          : [400, 'invalid', 'error.invalid'];
    const body = JSON.stringify({ error: { code, message: message(key, 'vi') } });
    if (socket.writable) {
      const lines = [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'content-type: application/json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'connection: close',
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    }
    socket.destroy(error);
  };
}
