import pg from 'pg';

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

const CHANNEL = 'so_clb_club_version';
const RECONNECT_MS = 2_000;

class Listeners {
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

/**
 * LISTEN on a connection of its own (a pool's connections come and go), reconnecting when
 * it drops. NOTIFY goes through the store's pool; this process hears its own notifications
 * too, but tells its own waiters at once rather than after the round trip.
 */
export function postgresSignals(
  connection: { connectionString: string; application_name: string },
  notify: (channel: string, payload: string) => Promise<void>,
): ClubSignals {
  const listeners = new Listeners();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = async (reconnecting: boolean) => {
    if (closed) return;
    const next = new pg.Client(connection);
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) listeners.tell(message.payload);
    });
    next.on('error', () => {
      // The connection is gone: notifications may be missed until it is back.
      if (client === next) client = null;
      void next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(true), RECONNECT_MS);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      if (reconnecting) listeners.tell(null);
    } catch {
      void next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect(true), RECONNECT_MS);
    }
  };
  const started = connect(false);

  return {
    async announce(clubId) {
      listeners.tell(clubId);
      await notify(CHANNEL, clubId);
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      closed = true;
      clearTimeout(retry);
      await started;
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
