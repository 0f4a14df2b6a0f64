import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../domain/protocol';
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

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, messageKey: MessageKey) {
  const language = languageOf(request.headers['accept-language']);
  return reply
    .code(ERROR_STATUS[code])
    .type('application/json; charset=utf-8')
    .send({ error: { code, message: message(messageKey, language) } });
}

/** Fastify's own failures (bad JSON, too large, unknown route …) in the protocol's terms. */
function classify(status: number | undefined): [ErrorCode, MessageKey] {
  if (status === 413) return ['too_large', 'error.tooLarge'];
  if (status === 404) return ['not_found', 'error.notFound'];
  if (status === 429) return ['rate_limited', 'error.rateLimited'];
  if (status === 401) return ['unauthorized', 'error.unauthorized'];
  if (status === 403) return ['forbidden', 'error.forbidden'];
  if (status !== undefined && status >= 400 && status < 500) return ['invalid', 'error.invalid'];
  return ['internal', 'error.internal'];
}

/**
 * Every error leaves as `{"error": {"code", "message"}}`, never with a stack or the
 * request's own text (a JSON parse error quotes the body, which may hold a member's name):
 * only server faults are logged, and then without the body.
 */
export function handleError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) return sendError(request, reply, error.code, error.messageKey);
  const [code, key] = classify(error.statusCode);
  if (code === 'internal') {
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
  } else {
    request.log.info({ errorCode: error.code ?? code }, 'request refused');
  }
  return sendError(request, reply, code, key);
}
