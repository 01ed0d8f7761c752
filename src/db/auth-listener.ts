/**
 * One connection per process that LISTENs on `jiesu_auth` (see migration
 * 2026-12-01T0100-auth-notify), so a session revoked or a user changed in
 * another process reaches this one's session cache within milliseconds.
 * `onState(false)` tells the cache to stop trusting itself until the
 * connection is back (it reconnects with backoff).
 */
import pg from 'pg';

export interface AuthListener {
  close(): Promise<void>;
}

export interface AuthListenerOptions {
  connectionString: string;
  onChange: () => void;
  onState: (listening: boolean) => void;
  applicationName?: string;
}

const MAX_BACKOFF_MS = 10_000;

export function listenForAuthChanges(o: AuthListenerOptions): AuthListener {
  let client: pg.Client | null = null;
  let closed = false;
  let backoff = 250;
  let timer: NodeJS.Timeout | null = null;

  const down = () => {
    o.onState(false);
    const dead = client;
    client = null;
    dead?.removeAllListeners();
    dead?.end().catch(() => {});
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, backoff);
    timer.unref();
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({
      connectionString: o.connectionString,
      application_name: `${o.applicationName ?? 'jiesu'}-auth-listener`,
    });
    client = c;
    c.on('error', () => {
      if (client === c) down();
    });
    c.on('end', () => {
      if (client === c) down();
    });
    c.on('notification', () => o.onChange());
    try {
      await c.connect();
      await c.query('listen jiesu_auth');
      if (closed || client !== c) return;
      backoff = 250;
      o.onState(true);
    } catch {
      if (client === c) down();
    }
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      o.onState(false);
      const c = client;
      client = null;
      c?.removeAllListeners();
      await c?.end().catch(() => {});
    },
  };
}
