/**
 * The sync bench page: the app's own local book (src/local) and sync engine (src/sync), a
 * browser PouchDB, and workbox-background-sync's request queue, side by side in one page,
 * driven by tests/bench/sync-figures.ts. Built by that file with Vite's JS API at bench
 * time and served under /bench/ by the real server (same origin as its API, as the app is)
 * or by the express-pouchdb server (same origin as its CouchDB API). It never registers the
 * app's service worker.
 */
import { QueueStore } from 'workbox-background-sync/lib/QueueStore.js';
import { StorableRequest } from 'workbox-background-sync/lib/StorableRequest.js';
import { SCHEMA_VERSION } from '../../../src/domain/protocol';
import { uuidv7 } from '../../../src/domain/ids';
import { createClub } from '../../../src/local/club';
import { ClubBookDatabase } from '../../../src/local/database';
import { createRecord } from '../../../src/local/write';
import { connectNewClub, joinClub } from '../../../src/sync/club-server';
import { readConnection } from '../../../src/sync/connection';
import { pushPending } from '../../../src/sync/push';
import type { SyncBenchApi } from './api';

// ---- A minimal view of PouchDB's browser build (loaded on demand from ./pouchdb.min.js) ----
interface ReplicationResult {
  ok: boolean;
  docs_written: number;
}
interface PouchDatabase {
  info(): Promise<{ doc_count: number }>;
  bulkDocs(docs: Record<string, unknown>[]): Promise<unknown[]>;
  replicate: {
    to(target: PouchDatabase): Promise<ReplicationResult>;
    from(source: PouchDatabase): Promise<ReplicationResult>;
  };
}
type PouchConstructor = new (name: string) => PouchDatabase;

function pouch(): PouchConstructor {
  const constructor = (window as unknown as { PouchDB?: PouchConstructor }).PouchDB;
  if (!constructor) throw new Error('PouchDB is not loaded: call loadPouchDB() first');
  return constructor;
}

// ---- Ours -----------------------------------------------------------------------------------
let db: ClubBookDatabase | null = null;
function book(): ClubBookDatabase {
  db ??= new ClubBookDatabase('so-clb');
  return db;
}

const QUEUE_NAME = 'bench-push';

const api: SyncBenchApi = {
  async connectNewClub({ serverUrl, setupCode, club }) {
    const local = book();
    // A retry after a refused POST /clubs (rate limit) finds the club already made here.
    const existing = await local.records('club').toCollection().first();
    if (!existing) await createClub(local, club);
    const result = await connectNewClub(local, { serverUrl, setupCode, deviceName: 'Máy bench' });
    if ('error' in result.firstSync) throw new Error(`first sync failed: ${String(result.firstSync.error)}`);
    return { clubId: result.club.id };
  },

  async createMembers(members) {
    const local = book();
    const started = performance.now();
    // A few saves in flight at once only to put the queue in place sooner (each is still its
    // own transaction, record + outbox entry + seq, committed one after another by IndexedDB).
    const inFlight = 16;
    for (let i = 0; i < members.length; i += inFlight) {
      await Promise.all(members.slice(i, i + inFlight).map((fields) => createRecord(local, 'members', fields)));
    }
    return { outbox: await local.outbox.count(), ms: performance.now() - started };
  },

  async pushAll() {
    const local = book();
    const connection = await readConnection(local);
    if (!connection) throw new Error('not connected');
    const started = performance.now();
    // The push half of syncOnce (engine.ts): batches of up to 500 mutations / 1 MiB, each
    // acknowledged and removed from the outbox in one transaction before the next is sent.
    const summary = await pushPending(local, connection);
    const ms = performance.now() - started;
    return { ms, ...summary, outboxLeft: await local.outbox.count() };
  },

  async joinAndPull({ serverUrl, code }) {
    const local = book();
    const started = performance.now();
    const result = await joinClub(local, { serverUrl, code, deviceName: 'Máy mới' });
    const ms = performance.now() - started;
    const members = await local.records('members').count();
    if ('error' in result.firstSync) return { ms, members, pulled: 0, error: String(result.firstSync.error) };
    return { ms, members, pulled: result.firstSync.pulled };
  },

  // ---- PouchDB -------------------------------------------------------------------------------
  async loadPouchDB() {
    if ((window as unknown as { PouchDB?: unknown }).PouchDB) return;
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('./pouchdb.min.js', document.baseURI).href;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('pouchdb.min.js did not load'));
      document.head.append(script);
    });
  },

  async pouchSeed(docs) {
    const local = new (pouch())('bench-local');
    for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
    return { docCount: (await local.info()).doc_count };
  },

  async pouchPush(remoteUrl) {
    const Pouch = pouch();
    const local = new Pouch('bench-local');
    const remote = new Pouch(remoteUrl);
    await remote.info(); // creates the empty remote database before the clock starts
    const started = performance.now();
    // PouchDB's defaults, as the Community Health Toolkit replicates: batch_size 100,
    // batches_limit 10 (each batch: _revs_diff, then _bulk_docs of the missing ones).
    const result = await local.replicate.to(remote);
    return { ms: performance.now() - started, docsWritten: result.docs_written };
  },

  async pouchPull(remoteUrl) {
    const Pouch = pouch();
    const local = new Pouch('bench-pull');
    const remote = new Pouch(remoteUrl);
    await remote.info();
    const started = performance.now();
    // Defaults again: _changes in batches of 100, then _bulk_get of those documents.
    const result = await local.replicate.from(remote);
    const ms = performance.now() - started;
    return { ms, docsWritten: result.docs_written, docCount: (await local.info()).doc_count };
  },

  // ---- workbox-background-sync ---------------------------------------------------------------
  async queueRequests({ pushUrl, token, firstSeq, clubId, members }) {
    // Queue.pushRequest → _addRequest, without the Queue class itself: its constructor
    // registers a `sync` listener on the service worker's registration, which a window has
    // not. The stored entries are the Queue's own (same database, store and shape).
    const store = new QueueStore(QUEUE_NAME);
    const now = new Date().toISOString();
    let seq = firstSeq;
    for (const fields of members) {
      const data = { ...fields, clubId, createdAt: now, updatedAt: now, deleted: false };
      const body = { schemaVersion: SCHEMA_VERSION, mutations: [{ seq: seq++, collection: 'members', op: 'put', id: uuidv7(), data }] };
      const request = new Request(pushUrl, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const storable = await StorableRequest.fromRequest(request.clone());
      await store.pushEntry({ requestData: storable.toObject(), timestamp: Date.now() });
    }
    return { queued: await store.size() };
  },

  async replayQueue() {
    const store = new QueueStore(QUEUE_NAME);
    const maxRetentionMs = 7 * 24 * 60 * 60 * 1000; // the Queue's default maxRetentionTime
    let replayed = 0;
    let notOk = 0;
    const started = performance.now();
    // Queue.replayRequests: shiftRequest (oldest entry read, then deleted), fetch a clone,
    // next. The Queue does not look at the answer; the status is counted here only to check.
    for (;;) {
      const entry = await store.shiftEntry();
      if (!entry) break;
      if (Date.now() - entry.timestamp > maxRetentionMs) continue;
      const request = new StorableRequest(entry.requestData).toRequest();
      const response = await fetch(request.clone());
      if (!response.ok) notOk++;
      replayed++;
    }
    return { ms: performance.now() - started, replayed, notOk };
  },
};

window.syncBench = api;
