/** A backup or restore that cannot go ahead, for a reason the person running it can act on. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

/** "20261123T080000Z": the time in the names of what a restore keeps aside. */
export function stamp(at = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
