/**
 * Puts the pieces together for a process: configuration, the database
 * (migrated), the secret for personal data and the service context. The CLI
 * commands and the tests start from here.
 */
import { type Config, loadConfig } from './config.js';
import { type AuthListener, listenForAuthChanges } from './db/auth-listener.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createCipher, loadSecret } from './security/personal-data.js';
import { type Clock, createContext, type ServiceContext } from './services/context.js';

export interface Runtime {
  config: Config;
  handle: DatabaseHandle;
  ctx: ServiceContext;
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  config?: Config;
  clock?: Clock;
  migrate?: boolean;
  /** an already open database (tests) */
  handle?: DatabaseHandle;
  /** servers: follow other processes' session changes (LISTEN), which turns the session cache on for PostgreSQL */
  listen?: boolean;
}

export async function openRuntime(options: OpenRuntimeOptions = {}): Promise<Runtime> {
  const config = options.config ?? loadConfig();
  const handle =
    options.handle ??
    (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize }));
  try {
    if (options.migrate !== false) await migrateToLatest(handle.db);
    const cipher = createCipher(loadSecret(process.env, config.dataDir));
    const ctx = createContext({ handle, config, cipher, clock: options.clock });
    let listener: AuthListener | null = null;
    if (handle.kind === 'postgres' && config.databaseUrl && options.listen === true) {
      listener = listenForAuthChanges({
        connectionString: config.databaseUrl,
        onChange: () => ctx.sessions.clear(),
        onState: (listening) => ctx.sessions.setEnabled(listening),
      });
    }
    const close = async () => {
      await listener?.close();
      await handle.close();
    };
    return { config, handle, ctx, close };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
