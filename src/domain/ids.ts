/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made on
 * different phones never collide, and records created on one phone sort roughly by
 * creation — handy for IndexedDB, never used to order changes (the server does that).
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, over the UTF-8 of a text, from a given offset basis. */
function fnv1a64(bytes: Uint8Array, basis: bigint): bigint {
  let hash = basis;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash;
}

/**
 * A UUID decided by a name (RFC 9562 version 8, "custom"): the same name gives the same id
 * on every phone. An attendance mark's id is made from its meeting and member, so two phones
 * marking the same person at the same meeting write one record, not two. 128 bits of two
 * FNV-1a hashes: not a secret, only a name nobody else's name will meet.
 */
export function nameUuid(name: string): string {
  const bytes = new TextEncoder().encode(name);
  const high = fnv1a64(bytes, 0xcbf29ce484222325n);
  const low = fnv1a64(bytes, 0x84222325cbf29ce4n ^ high);
  const hex = ((high << 64n) | low).toString(16).padStart(32, '0').split('');
  hex[12] = '8'; // version 8
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
