import type { ClubFields } from '../../../src/domain/club';
import type { MemberFields } from '../../../src/domain/members';

/**
 * What the sync bench page (main.ts) puts on `window.syncBench`, for tests/bench/sync-figures.ts
 * to call through page.evaluate. Every "measured" call times itself in the page with
 * performance.now(), so the figure holds no Playwright or CDP round trip.
 */
export interface SyncBenchApi {
  // ---- Ours: the app's own local book and sync engine -------------------------------------
  /** createClub on this phone, then connectNewClub (POST /clubs, first sync). */
  connectNewClub(input: { serverUrl: string; setupCode: string; club: ClubFields }): Promise<{ clubId: string }>;
  /** createRecord for each member (the app's own write path: record + outbox entry + seq). */
  createMembers(members: MemberFields[]): Promise<{ outbox: number; ms: number }>;
  /** Measured: pushPending until the outbox is empty (every mutation acknowledged). */
  pushAll(): Promise<{ ms: number; acknowledged: number; rejected: number; batches: number; outboxLeft: number }>;
  /** Measured: joinClub (POST /enroll, then the first sync pulls the whole club). */
  joinAndPull(input: { serverUrl: string; code: string }): Promise<{ ms: number; members: number; pulled: number; error?: string }>;

  // ---- PouchDB (its browser build, default adapter 'idb' = IndexedDB) --------------------------
  loadPouchDB(): Promise<void>;
  /** bulkDocs of the members into a fresh local database. */
  pouchSeed(docs: Record<string, unknown>[]): Promise<{ docCount: number }>;
  /** Measured: local.replicate.to(remote) with PouchDB's defaults. */
  pouchPush(remoteUrl: string): Promise<{ ms: number; docsWritten: number }>;
  /** Measured: a fresh local database's replicate.from(remote) with PouchDB's defaults. */
  pouchPull(remoteUrl: string): Promise<{ ms: number; docsWritten: number; docCount: number }>;

  // ---- One request each, stored and replayed as workbox-background-sync's Queue does ---------
  /** Queues one POST /sync/push per mutation (one mutation each) in workbox's IndexedDB store. */
  queueRequests(input: {
    pushUrl: string;
    token: string;
    firstSeq: number;
    clubId: string;
    members: MemberFields[];
  }): Promise<{ queued: number }>;
  /** Measured: shift the oldest, fetch it, next, until the queue is empty (Queue.replayRequests). */
  replayQueue(): Promise<{ ms: number; replayed: number; notOk: number }>;
}

declare global {
  interface Window {
    syncBench?: SyncBenchApi;
  }
}
