/**
 * "This club's version moved": how a push tells the phones waiting on /sync/wait, in this
 * server process and in every other one on the same database. On SQLite there is one
 * process, so the signal stays in memory. On PostgreSQL each process LISTENs on one channel
 * and a push NOTIFYs it after its commit, so a deployment can run several servers behind a
 * load balancer and a phone waiting on one hears of a push to another.
 */
export interface ClubSignals {
  /** After a push committed a new club version. */
  announce(clubId: string): Promise<void>;
  /**
   * `clubId` moved; `null` means "anything may have moved" (the listener reconnected after
   * missing notifications): every waiter looks again.
   */
  subscribe(listener: (clubId: string | null) => void): () => void;
  close(): Promise<void>;
}

export class Listeners {
  private readonly all = new Set<(clubId: string | null) => void>();
  add(listener: (clubId: string | null) => void): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }
  tell(clubId: string | null): void {
    for (const listener of this.all) listener(clubId);
  }
}

export function inProcessSignals(): ClubSignals {
  const listeners = new Listeners();
  return {
    async announce(clubId) {
      listeners.tell(clubId);
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {},
  };
}
