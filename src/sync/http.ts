import { API_PREFIX, errorBody } from '../domain/protocol';
import { ClubServerError, ServerUnreachableError } from './errors';

/**
 * One JSON request to the club's server. Every failure comes out as a ClubServerError
 * (the server answered) or a ServerUnreachableError (it did not), never as a raw
 * TypeError from fetch, so callers can tell "try later" from "tell the person".
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** For tests and for the service worker's own fetch; the global fetch otherwise. */
  fetch?: FetchLike;
  /** A pull page or a 1 MiB push over slow 3G takes a while; a hung request must still end. */
  timeoutMs?: number;
  /** The app's language ('vi', 'en'): the server writes refusal messages in it. */
  language?: string;
  /** Ends the request early (the watch stops when the app is hidden). */
  signal?: AbortSignal;
}

function requestSignal(options: HttpOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!options.signal) return timeout;
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([options.signal, timeout]);
  const both = new AbortController();
  for (const signal of [options.signal, timeout]) signal.addEventListener('abort', () => both.abort(signal.reason), { once: true });
  return both.signal;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface ServerRequest {
  serverUrl: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Under /api/v1, e.g. '/sync/push'. */
  path: string;
  token?: string;
  body?: unknown;
}

export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${API_PREFIX}${path}`;
}

export async function callServer<T>(request: ServerRequest, options: HttpOptions = {}): Promise<T> {
  // Calling the global fetch through a wrapper: a bare reference loses `this` in browsers.
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.language) headers['accept-language'] = options.language;
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  let text: string;
  try {
    response = await doFetch(apiUrl(request.serverUrl, request.path), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: requestSignal(options),
    });
    // Reading the body can fail too (the connection drops mid-reply): that is unreachable,
    // not an answer, because the request may or may not have taken effect.
    text = await response.text();
  } catch (error) {
    throw new ServerUnreachableError(error);
  }

  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's HTML error page, a captive portal: not our server's answer.
      if (response.ok) throw new ClubServerError(response.status, 'bad_response', 'The server sent something that is not JSON');
    }
  }
  if (!response.ok) {
    const parsed = errorBody.safeParse(json);
    if (parsed.success) throw new ClubServerError(response.status, parsed.data.error.code, parsed.data.error.message);
    throw new ClubServerError(response.status, codeForStatus(response.status), `HTTP ${response.status}`);
  }
  return json as T;
}

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 426) return 'upgrade_required';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'http_error';
}
