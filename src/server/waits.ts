import type { Store } from './store';

/**
 * Phones waiting to hear that their club changed (GET /sync/wait): an open phone holds one
 * request here instead of asking every few seconds, and is answered as soon as a push raises
 * its club's version — in this process or, on PostgreSQL, in another (store/signals.ts).
 * The store is the only place with state: a waiter is a promise, gone with its request.
 */
interface Waiter {
  since: number;
  finish(version: number | null): void;
}

export class ClubWaits {
  private readonly waiting = new Map<string, Set<Waiter>>();
  private readonly stopListening: () => void;
  /** Set when the server begins to stop: a request still on its way in is answered at once. */
  private closed = false;

  constructor(private readonly store: Store) {
    this.stopListening = store.onClubChange((clubId) => {
      if (clubId === null) for (const id of [...this.waiting.keys()]) void this.look(id);
      else if (this.waiting.has(clubId)) void this.look(clubId);
    });
  }

  /**
   * Resolves with the club's version once it is past `since` (or at once when it is behind
   * it), or with null when `timeoutMs`
   * passes first, the request goes away (`signal`), or the server stops.
   */
  waitPast(clubId: string, since: number, timeoutMs: number, signal?: AbortSignal): Promise<number | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => waiter.finish(null), timeoutMs);
      const waiter: Waiter = {
        since,
        finish: (version) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const set = this.waiting.get(clubId);
          set?.delete(waiter);
          if (set?.size === 0) this.waiting.delete(clubId);
          resolve(version);
        },
      };
      const onAbort = () => waiter.finish(null);
      // Registered before the first look, so a push between the look and the wait is heard.
      let set = this.waiting.get(clubId);
      if (!set) this.waiting.set(clubId, (set = new Set()));
      set.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) return waiter.finish(null);
      void this.look(clubId);
    });
  }

  /** One read of the club's version for all its waiters. */
  private async look(clubId: string): Promise<void> {
    let version: number;
    try {
      version = await this.store.clubVersion(clubId);
    } catch {
      return; // The database is away for a moment: the waiters time out and ask again.
    }
    for (const waiter of [...(this.waiting.get(clubId) ?? [])]) {
      // Behind the phone's cursor: this server was restored from an older backup. The phone
      // must pull now (and start over) rather than wait for a version it already has.
      if (version !== waiter.since) waiter.finish(version);
    }
  }

  /**
   * The server is stopping: every waiting phone gets its answer now ("nothing yet"), and so
   * does any that comes after (its request was already past the door when the stop began).
   */
  close(): void {
    this.closed = true;
    for (const set of [...this.waiting.values()]) for (const waiter of [...set]) waiter.finish(null);
    this.stopListening();
  }
}
