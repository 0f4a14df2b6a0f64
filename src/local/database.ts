import Dexie, { type Table, type Transaction } from 'dexie';
import { withAddedFields } from '../domain/collection';
import { COLLECTIONS, type CollectionName } from '../domain/collections';
import type { SyncedRecord } from '../domain/record';

/**
 * A change waiting for the server (SYNC-PROTOCOL.md, Push). `seq` numbers this phone's
 * changes 1, 2, 3 … and is the key, so the outbox reads in the order changes were made.
 * A mutation leaves only when the server acknowledges it; one the server refuses stays,
 * `rejected`, until a person fixes or discards it.
 */
export interface OutboxMutation {
  seq: number;
  collection: CollectionName;
  op: 'put' | 'delete';
  id: string;
  /** For put: the fields this change wrote (all of them for a new record). */
  data: Record<string, unknown>;
  queuedAt: string;
  status: 'pending' | 'rejected';
  rejection?: MutationRejection;
}

/** Why the server refused a change, as it said it (see Rejection in domain/protocol.ts). */
export interface MutationRejection {
  code: string;
  message: string;
  /** The i18n key of the message, when the server sent one, for the phone's own words. */
  messageKey?: string;
  /** The field the refusal is about, so the screen can point at it. */
  field?: string;
  /** A rule across fields broken by another phone's edit: that field and its value. */
  conflictsWith?: { field: string; value: unknown };
}

/**
 * The record exactly as the server last sent it (SYNC-PROTOCOL.md principle 5: local =
 * server + pending). The local record is rebuilt from this copy with this phone's
 * unacknowledged changes replayed over it, so a pull never hides a local edit and
 * discarding a refused change can go back to what the server has.
 */
export interface ServerCopy {
  collection: CollectionName;
  id: string;
  record: SyncedRecord & Record<string, unknown>;
  /** Set while a full copy (`reset`) is arriving: copies without the new mark are gone on the server. */
  resetMark?: number;
}

/**
 * A change given a new place in the queue (a restored backup, a new device numbering):
 * it goes out again as pending. A refused change must never hold a seq the server has not
 * seen — refused ones are never pushed, so the server would wait at that gap for ever —
 * and the server judges it again (refusing it again if it must).
 */
export function queuedAgain(mutation: OutboxMutation, seq: number): OutboxMutation {
  const { rejection: _rejection, ...rest } = mutation;
  return { ...rest, seq, status: 'pending' };
}

/** Small facts about this phone: its device id, the next seq, which club it keeps. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * What a person had typed into a form and not saved yet (drafts.ts): kept on this phone
 * only, never synced or backed up, so that leaving a form by any way loses nothing.
 */
export interface DraftEntry {
  /** The form and the record it edits: "member:new", "member:<id>", "club:new". */
  key: string;
  /** The fields the person changed, as the form holds them. */
  values: Record<string, unknown>;
  savedAt: string;
}

/**
 * Raise this when the registry gains a collection or an index. Dexie diffs the stores
 * itself; only a change that rewrites data needs an upgrade function of its own. A new
 * version also freezes a phone of its own in tests/fixtures (see its README): every older
 * frozen phone must then open with it and keep everything.
 */
export const DATABASE_VERSION = 7;

function storesFromRegistry(): Record<string, string> {
  const stores: Record<string, string> = {
    outbox: 'seq, status, [collection+id]',
    meta: 'key',
    // Version 2: the server's copies, for rebasing local changes over pulls.
    serverCopies: '[collection+id]',
    // Version 3: drafts of forms, so typing survives leaving the screen.
    drafts: 'key',
    // Version 4: the meeting book's stores come from the registry (meetings, attendance).
    // Version 5: home care and health (care plans, visits, readings, referrals, strike-outs).
    // Version 6: the loan fund (entries, loan applications, loans, cash counts, reopenings, review checks).
    // Version 7: the reports the chair sends.
  };
  for (const collection of Object.values(COLLECTIONS)) {
    stores[collection.name] = ['id', ...collection.localIndexes].join(', ');
  }
  return stores;
}

/** The Dexie upgrade that gives kept records (and the server's copies) the fields added since. */
async function fillAddedFields(tx: Transaction): Promise<void> {
  const withAdded = Object.values(COLLECTIONS).filter((c) => Object.keys(c.added).length > 0);
  for (const collection of withAdded) {
    await tx.table(collection.name).toCollection().modify((record: Record<string, unknown>) => {
      Object.assign(record, withAddedFields(collection, record));
    });
  }
  const names = new Set(withAdded.map((c) => c.name));
  await tx
    .table('serverCopies')
    .toCollection()
    .modify((copy: ServerCopy) => {
      if (names.has(copy.collection)) copy.record = withAddedFields(COLLECTIONS[copy.collection], copy.record);
    });
}

export class ClubBookDatabase extends Dexie {
  outbox!: Table<OutboxMutation, number>;
  meta!: Table<MetaEntry, string>;
  serverCopies!: Table<ServerCopy, [string, string]>;
  drafts!: Table<DraftEntry, string>;

  constructor(name = 'so-clb') {
    // 'strict' makes Chrome flush to disk before a write counts as done: a phone that
    // dies a second after "Save" must still have the record.
    // Dexie's query cache off: with it, a screen's live read now and then never answered on a
    // new phone's first start in Chromium (a blank screen, 3 new phones in 8; none in 8 without
    // it, tests/e2e/first-start.spec.ts), and it shows changes before they are committed
    // (dexie/Dexie.js#1813), while the badge promises "saved" only once they are.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    // Version 1 had no server copies, version 2 no drafts, version 3 no meeting book, version 4 no home care or health, version 5 no loan fund, version 6 no reports: Dexie's
    // own diff adds the stores (the records and the outbox stay as they are). Each raise also
    // gives the records kept from before the fields added since their default, so every record
    // on the phone is a whole record of today's schema.
    this.version(DATABASE_VERSION).stores(storesFromRegistry()).upgrade(fillAddedFields);
  }

  records<R extends SyncedRecord = SyncedRecord>(collection: CollectionName): Table<R, string> {
    return this.table(collection);
  }
}
