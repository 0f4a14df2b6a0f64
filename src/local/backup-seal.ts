import { LocalWriteError } from './errors';

/**
 * A backup file holds every member's name and phone number (soon health readings and the
 * fund), and people send it through Zalo: it is sealed with a passphrase the person chooses.
 * Web Crypto only: a key from PBKDF2-SHA-256 (the cost is written in the file, so a later
 * version can raise it and still open older files), AES-GCM over the gzipped backup (GCM
 * tells a wrong passphrase and a damaged file from a good one: neither opens, nothing is
 * half-read).
 */

export const SEALED_FORMAT = 'so-clb-backup-sealed';
export const SEALED_FORMAT_VERSION = 1;
/**
 * OWASP's figure for PBKDF2-SHA-256 (2023). Web Crypto runs it natively: about a second on
 * a cheap Android phone, a fraction of that here (see the bench).
 */
export const PBKDF2_ITERATIONS = 600_000;
/** Short enough to be remembered by people who write it on paper, long enough to matter. */
export const SHORTEST_PASSPHRASE = 8;

export class BackupPassphraseError extends LocalWriteError {}

interface SealedBackup {
  format: typeof SEALED_FORMAT;
  formatVersion: number;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  compression: 'gzip' | 'none';
  data: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function throughStream(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Response(new Response(bytes).body!.pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

async function keyFrom(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  // NFC: the same passphrase typed on two keyboards is the same key.
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The backup's JSON, sealed: the text of the file the person keeps. */
export async function sealBackup(json: string, passphrase: string, options: { iterations?: number } = {}): Promise<string> {
  if (passphrase.length < SHORTEST_PASSPHRASE) throw new BackupPassphraseError('backup.passphraseShort');
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(json);
  const compressed = typeof CompressionStream === 'function' ? await throughStream(plain, new CompressionStream('gzip')) : plain;
  const key = await keyFrom(passphrase, salt, iterations);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, compressed));
  const file: SealedBackup = {
    format: SEALED_FORMAT,
    formatVersion: SEALED_FORMAT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    compression: compressed === plain ? 'none' : 'gzip',
    data: toBase64(sealed),
  };
  return JSON.stringify(file);
}

/** Whether a file's text is a sealed backup (then it needs its passphrase to be read). */
export function isSealed(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown }).format === SEALED_FORMAT;
  } catch {
    return false;
  }
}

function parseSealed(text: string): SealedBackup {
  let file: Partial<SealedBackup>;
  try {
    file = JSON.parse(text) as Partial<SealedBackup>;
  } catch {
    throw new BackupPassphraseError('backup.damaged');
  }
  if (file.format !== SEALED_FORMAT) throw new BackupPassphraseError('backup.notBackup');
  if ((file.formatVersion ?? 0) > SEALED_FORMAT_VERSION) throw new BackupPassphraseError('backup.newerApp');
  const { kdf, cipher, data } = file;
  if (
    kdf?.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    !Number.isSafeInteger(kdf.iterations) ||
    kdf.iterations < 1 ||
    typeof kdf.salt !== 'string' ||
    cipher?.name !== 'AES-GCM' ||
    typeof cipher.iv !== 'string' ||
    typeof data !== 'string'
  ) {
    throw new BackupPassphraseError('backup.damaged');
  }
  return file as SealedBackup;
}

/**
 * The backup's JSON from a sealed file. A wrong passphrase and a damaged file look alike to
 * AES-GCM (the tag does not match): the person is told it is one or the other.
 */
export async function openSealedBackup(text: string, passphrase: string): Promise<string> {
  const file = parseSealed(text);
  let plain: Uint8Array<ArrayBuffer>;
  try {
    const key = await keyFrom(passphrase, fromBase64(file.kdf.salt), file.kdf.iterations);
    const opened = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.cipher.iv) }, key, fromBase64(file.data)));
    plain = file.compression === 'gzip' ? await throughStream(opened, new DecompressionStream('gzip')) : opened;
  } catch {
    throw new BackupPassphraseError('backup.wrongPassphrase');
  }
  return new TextDecoder().decode(plain);
}
