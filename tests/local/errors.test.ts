import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  asLocalWriteError,
  LocalWriteError,
  NoClubError,
  RecordInvalidError,
  StorageFailedError,
  StorageFullError,
} from '../../src/local/errors';
import { BackupRefusedError } from '../../src/local/backup';

describe('asLocalWriteError', () => {
  it('turns a quota error into "storage full", keeping the original as the cause', () => {
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
    const error = asLocalWriteError(quota);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error.messageKey).toBe('storage.full');
    expect(error.cause).toBe(quota);
  });

  it('recognises a quota error wrapped by Dexie as the inner error of an AbortError', () => {
    const wrapped = new Dexie.AbortError('Transaction aborted', new DOMException('Quota exceeded', 'QuotaExceededError'));
    expect(asLocalWriteError(wrapped)).toBeInstanceOf(StorageFullError);
  });

  it('turns any other storage failure into "storage failed"', () => {
    for (const cause of [new Dexie.AbortError('Transaction aborted'), new DOMException('x', 'UnknownError'), 'boom', null]) {
      const error = asLocalWriteError(cause);
      expect(error).toBeInstanceOf(StorageFailedError);
      expect(error.messageKey).toBe('storage.failed');
    }
  });

  it('lets the app’s own errors through unchanged', () => {
    for (const own of [new NoClubError(), new RecordInvalidError([]), new BackupRefusedError('backup.damaged')]) {
      expect(asLocalWriteError(own)).toBe(own);
    }
  });
});

describe('LocalWriteError', () => {
  it('carries an i18n key and names itself after its class', () => {
    const error = new RecordInvalidError([{ field: 'phone', messageKey: 'validation.phone' }]);
    expect(error).toBeInstanceOf(LocalWriteError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RecordInvalidError');
    expect(error.messageKey).toBe('storage.invalid');
    expect(error.problems).toEqual([{ field: 'phone', messageKey: 'validation.phone' }]);
    expect(new BackupRefusedError('backup.otherClub').name).toBe('BackupRefusedError');
  });
});
