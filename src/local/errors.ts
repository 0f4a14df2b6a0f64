import type { ValidationProblem } from '../domain/validation';

/** Each carries an i18n key so the screen can say what happened in the person's language. */
export class LocalWriteError extends Error {
  constructor(
    readonly messageKey: string,
    options?: { cause?: unknown },
  ) {
    super(messageKey, options);
    this.name = new.target.name;
  }
}

export class RecordInvalidError extends LocalWriteError {
  constructor(readonly problems: ValidationProblem[]) {
    super('storage.invalid');
  }
}

export class RecordNotFoundError extends LocalWriteError {
  constructor() {
    super('storage.notFound');
  }
}

/** An append-only record (a visit, a reading, a ledger entry) is never edited. */
export class RecordImmutableError extends LocalWriteError {
  constructor() {
    super('storage.immutable');
  }
}

export class NoClubError extends LocalWriteError {
  constructor() {
    super('storage.noClub');
  }
}

/** The phone is out of room. Nothing of the refused write was stored. */
export class StorageFullError extends LocalWriteError {
  constructor(cause: unknown) {
    super('storage.full', { cause });
  }
}

export class StorageFailedError extends LocalWriteError {
  constructor(cause: unknown) {
    super('storage.failed', { cause });
  }
}

function isQuotaError(error: unknown): boolean {
  // Dexie reports a full disk as QuotaExceededError itself, as an AbortError whose `inner`
  // is the QuotaExceededError that aborted the transaction, or — for a bulk write — as a
  // BulkError listing each failed item's error.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const { name, inner, failures } = current as { name?: string; inner?: unknown; failures?: unknown[] };
    if (name === 'QuotaExceededError') return true;
    if (Array.isArray(failures) && failures.some(isQuotaError)) return true;
    current = inner;
  }
  return false;
}

/** Whatever IndexedDB threw, as one of ours. Our own errors pass through unchanged. */
export function asLocalWriteError(error: unknown): LocalWriteError {
  if (error instanceof LocalWriteError) return error;
  return isQuotaError(error) ? new StorageFullError(error) : new StorageFailedError(error);
}
