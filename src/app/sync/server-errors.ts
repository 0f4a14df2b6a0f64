import { LocalWriteError } from '../../local/errors';
import { ClubServerError, OtherClubError, RetryableSyncError, SampleBookError, ServerUnreachableError, SyncFailedError } from '../../sync/errors';

const KNOWN_SERVER_CODES = ['unauthorized', 'forbidden', 'not_found', 'rate_limited', 'upgrade_required', 'invalid'];

/**
 * What to tell the person when a call to the server fails, as an i18n key. Making a club
 * is refused (403) only for a wrong setup code: say that, not "not allowed".
 */
export function serverErrorKey(error: unknown, during?: 'connect'): string {
  if (error instanceof ClubServerError) {
    if (during === 'connect' && error.code === 'forbidden') return 'connect.wrongSetupCode';
    if (during === 'connect' && error.code === 'conflict') return 'connect.clubTaken';
    if (KNOWN_SERVER_CODES.includes(error.code)) return `server.${error.code}`;
    return 'server.failed';
  }
  if (error instanceof ServerUnreachableError) return 'server.network';
  // A sync that failed says why in its code (engine.ts).
  if (error instanceof RetryableSyncError || error instanceof SyncFailedError) {
    if (error.code === 'offline') return 'server.network';
    if (KNOWN_SERVER_CODES.includes(error.code)) return `server.${error.code}`;
    return 'server.failed';
  }
  if (error instanceof OtherClubError) return 'join.otherClub';
  if (error instanceof SampleBookError) return 'sample.noServer';
  if (error instanceof LocalWriteError) return error.messageKey;
  return 'server.failed';
}
