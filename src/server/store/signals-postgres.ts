import pg from 'pg';
import { Listeners, type ClubSignals } from './signals';

/** Loaded only by a server on PostgreSQL (index.ts): a server on SQLite never loads pg. */
const CHANNEL = 'so_clb_club_version';
const RECONNECT_MS = 2_000;

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
