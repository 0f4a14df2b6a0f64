/**
 * The pull cursor, opaque to the phone. Normally the club version the phone has everything
 * through. During a full copy (a new phone, or a reset after tombstones were purged) whose
 * pages are still below the purge line, it carries ":copy" so the next page continues the
 * copy instead of starting it over.
 */
export interface Cursor {
  version: number;
  copying: boolean;
}

export function parseCursor(value: string | undefined): Cursor | null {
  if (value === undefined || value === '') return { version: 0, copying: false };
  const match = /^(\d{1,15})(:copy)?$/.exec(value);
  if (!match) return null;
  return { version: Number(match[1]), copying: match[2] !== undefined };
}

export function formatCursor(cursor: Cursor): string {
  return cursor.copying ? `${cursor.version}:copy` : String(cursor.version);
}

/** What the club's row says about where pulls may start. */
export interface ClubBounds {
  /** The club's version now: no honest cursor is past it. */
  version: number;
  /** The highest version whose tombstones were purged. */
  purgedThrough: number;
}

/**
 * Where a pull starts, and whether the phone must drop what it has: a cursor below the
 * highest purged tombstone may have missed a deletion; a cursor ahead of the club was
 * given by a server that knew more than this one does (it was restored from a backup), so
 * the phone holds changes this server lost or never had, and taking it at its word would
 * skip every change until the club's version caught up.
 */
export function planPull(cursor: Cursor, club: ClubBounds): { from: number; reset: boolean; fullCopy: boolean } {
  if (cursor.version > club.version) return { from: 0, reset: true, fullCopy: true };
  if (cursor.copying) return { from: cursor.version, reset: false, fullCopy: true };
  if (cursor.version === 0) return { from: 0, reset: false, fullCopy: true };
  if (cursor.version < club.purgedThrough) return { from: 0, reset: true, fullCopy: true };
  return { from: cursor.version, reset: false, fullCopy: false };
}

export function nextCursor(throughVersion: number, fullCopy: boolean, purgedThrough: number): string {
  return formatCursor({ version: throughVersion, copying: fullCopy && throughVersion < purgedThrough });
}
