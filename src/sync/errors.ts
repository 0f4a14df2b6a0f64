/**
 * What can go wrong talking to the club's server, in two kinds the engine treats
 * differently: a retryable failure (no network, a timeout, the server busy or broken) is
 * tried again later with back-off; anything else needs a person or a code change.
 */

/** The server answered with `{"error": {"code", "message"}}` (or at least an HTTP status). */
export class ClubServerError extends Error {
  constructor(
    readonly status: number,
    /** The server's error code: 'unauthorized', 'forbidden', 'not_found', 'rate_limited', … */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClubServerError';
  }

  /** 5xx and 429 pass by themselves; a 4xx will say the same thing next time. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** The request never got an answer: no network, DNS, a dropped connection, a timeout. */
export class ServerUnreachableError extends Error {
  readonly code = 'offline';
  readonly retryable = true;
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
    this.name = 'ServerUnreachableError';
  }
}

/** The phone is not connected to a server yet (no connection in meta). */
export class NotConnectedError extends Error {
  readonly code = 'not_connected';
  constructor() {
    super('This phone is not connected to a club server');
    this.name = 'NotConnectedError';
  }
}

/** Joining with an invite of another club than the one this phone already keeps. */
export class OtherClubError extends Error {
  readonly code = 'other_club';
  constructor() {
    super('The invite is for another club than the one on this phone');
    this.name = 'OtherClubError';
  }
}

/** The phone keeps a sample book (made-up people): it never goes to a server. */
export class SampleBookError extends Error {
  readonly code = 'sample_book';
  constructor() {
    super('A sample club book is never connected to a server');
    this.name = 'SampleBookError';
  }
}

/** The phone has no club of its own to connect (connectNewClub before createClub). */
export class NoLocalClubError extends Error {
  readonly code = 'no_club';
  constructor() {
    super('There is no club on this phone to connect');
    this.name = 'NoLocalClubError';
  }
}

/**
 * A sync that should be tried again later (no network, timeout, 5xx, 429). Its `code` is
 * what the badge shows: 'offline' or the server's code.
 */
export class RetryableSyncError extends Error {
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`Sync failed (${code}); it will be tried again`, options);
    this.name = 'RetryableSyncError';
  }
}

/**
 * A sync that failed in a way retrying will not fix by itself (a 400 the phone caused, a
 * stalled queue). It is still retried with back-off, but the badge says it needs looking at.
 */
export class SyncFailedError extends Error {
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`Sync failed (${code})`, options);
    this.name = 'SyncFailedError';
  }
}

export function isRetryable(error: unknown): boolean {
  return (
    error instanceof RetryableSyncError ||
    error instanceof ServerUnreachableError ||
    (error instanceof ClubServerError && error.retryable)
  );
}
