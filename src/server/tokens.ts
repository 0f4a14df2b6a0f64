import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { INVITE_ALPHABET, INVITE_CODE_LENGTH } from '../domain/protocol';

/** A device token: 32 random bytes, shown to the phone once, kept by the server only as a hash. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Short enough to read aloud, drawn from letters and digits that cannot be mixed up. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/**
 * An officer's sign-in code never expires, unlike an invite: twice an invite's length, so that
 * guessing one at the rate limits' pace would take longer than any association will exist.
 */
export function newSignInCode(): string {
  return newInviteCode() + newInviteCode();
}

/** Comparing hashes keeps the time taken independent of how much of a guess was right. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashSecret(given), 'hex'), Buffer.from(hashSecret(expected), 'hex'));
}
