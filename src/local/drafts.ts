import type { ClubBookDatabase, DraftEntry } from './database';

/**
 * Drafts: what a person typed into a form and has not saved. Written as they type, read
 * when the form opens again, removed when the form is saved or the person discards it.
 * They live in their own store, outside the outbox and the backups: a draft is nobody's
 * record yet, and never leaves this phone.
 */

export type Draft = DraftEntry;

export async function readDraft(db: ClubBookDatabase, key: string): Promise<Draft | undefined> {
  return db.drafts.get(key);
}

export async function saveDraft(db: ClubBookDatabase, key: string, values: Record<string, unknown>, now = new Date()): Promise<void> {
  await db.drafts.put({ key, values, savedAt: now.toISOString() });
}

export async function discardDraft(db: ClubBookDatabase, key: string): Promise<void> {
  await db.drafts.delete(key);
}
