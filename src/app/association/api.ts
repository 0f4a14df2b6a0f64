import {
  API_PREFIX,
  type AssociationClubReports,
  type AssociationSignInResponse,
  type AssociationView,
} from '../../domain/protocol';

/**
 * The association officer's pages talk to the server that served them (same origin), online
 * only: nothing is kept on the browser but the sign-in token, under one key.
 */
export const TOKEN_KEY = 'so-clb.associationToken';

export function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function keepToken(token: string): void {
  try {
    localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Private mode or a full disk: the officer stays signed in until the page closes.
    memoryToken = token;
  }
}

/** Sign out: this browser forgets the token (the account and its code stay good). */
export function forgetToken(): void {
  memoryToken = null;
  try {
    localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was kept there.
  }
}

let memoryToken: string | null = null;
const currentToken = () => storedToken() ?? memoryToken;

/**
 * Why a call failed: `offline` when no answer came at all (no connection, server down),
 * else the server's error code; `message` is the server's sentence, already in the
 * person's language (Accept-Language), when it sent one.
 */
export type ProblemKind = 'offline' | 'unauthorized' | 'forbidden' | 'not_found' | 'rate_limited' | 'invalid' | 'failed';

export class AssociationApiError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly status: number | null,
    readonly serverMessage: string | null,
  ) {
    super(serverMessage ?? kind);
    this.name = 'AssociationApiError';
  }
}

const KIND_OF_STATUS: Record<number, ProblemKind> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 429: 'rate_limited' };

async function call<T>(path: string, language: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new AssociationApiError('offline', null, null);
  }
  if (response.ok) {
    try {
      return (await response.json()) as T;
    } catch {
      throw new AssociationApiError('failed', response.status, null);
    }
  }
  let message: string | null = null;
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body?.error?.message === 'string') message = body.error.message;
  } catch {
    // A proxy's HTML page, or nothing: the kind says enough.
  }
  throw new AssociationApiError(KIND_OF_STATUS[response.status] ?? 'failed', response.status, message);
}

/** The code goes as typed ("k7m2-px9q …"): the server takes out spaces and dashes and upper-cases it. */
export function signIn(code: string, language: string): Promise<AssociationSignInResponse> {
  return call('/associations/sign-in', language, { method: 'POST', body: { code } });
}

export interface ViewQuery {
  period: string | null;
  province: string | null;
  commune: string | null;
}

/** The query of a view's address, and of the request for it: the same three, in the same order. */
export function viewSearch(query: ViewQuery): string {
  const params = new URLSearchParams();
  if (query.period) params.set('period', query.period);
  if (query.province) params.set('province', query.province);
  if (query.commune) params.set('commune', query.commune);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function fetchView(query: ViewQuery, language: string, signal?: AbortSignal): Promise<AssociationView> {
  return call(`/association/view${viewSearch(query)}`, language, { signal });
}

export function fetchClubReports(clubId: string, language: string, signal?: AbortSignal): Promise<AssociationClubReports> {
  return call(`/association/clubs/${encodeURIComponent(clubId)}/reports`, language, { signal });
}
