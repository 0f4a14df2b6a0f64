import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';

/**
 * How deep a request body's JSON may nest. A push is five levels deep and the records the
 * books will add nest a few more; what is deeper is not a phone's request, and parsing or
 * checking it could run a recursive step (a schema, a `String()` of an array) out of stack.
 */
export const MAX_JSON_DEPTH = 32;

/** One pass over the text, before any parsing: objects and arrays opened outside strings. */
export function nestsWithin(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return false;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return true;
}

/**
 * Fastify's own JSON parser (with its guard against `__proto__` and `constructor` keys),
 * behind the depth check: a body nested 100,000 deep is a 400, never a 500.
 */
export function parseJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (!nestsWithin(body as string, MAX_JSON_DEPTH)) {
      done(new ApiError('invalid', 'error.invalid'), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
