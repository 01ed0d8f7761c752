/**
 * Configuration from the environment, read once. Every setting has a default
 * that makes `npm start` work on a laptop with no configuration at all.
 */
import { resolve } from 'node:path';

export interface Config {
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used */
  databaseUrl: string | null;
  dataDir: string;
  port: number;
  host: string;
  /** prefix of ticket numbers, e.g. HR for 怀柔 */
  ticketPrefix: string;
  /** Open311 jurisdiction_id this server answers for */
  jurisdictionId: string;
  /** Open311 service type: `realtime` answers a POST with the request id, `batch` with a token */
  open311Mode: 'realtime' | 'batch';
  /** tickets generated on first start of an empty database; 0 disables demo data */
  demoTickets: number;
  /** size of the PostgreSQL connection pool (PGlite always has one connection) */
  poolSize: number;
  /** seconds between deadline sweeps; 0 disables the background sweep */
  sweepIntervalSeconds: number;
  /** base URL used in links sent to citizens */
  publicUrl: string;
  logLevel: string;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function open311ModeFrom(value: string | undefined): Config['open311Mode'] {
  if (value === undefined || value === '' || value === 'realtime') return 'realtime';
  if (value === 'batch') return 'batch';
  throw new Error(`JIESU_OPEN311_MODE must be realtime or batch, got "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env.PORT, 3000, 'PORT');
  return {
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    dataDir: resolve(env.JIESU_DATA_DIR ?? './data'),
    port,
    host: env.HOST ?? 'localhost',
    ticketPrefix: env.JIESU_TICKET_PREFIX ?? 'HR',
    jurisdictionId: env.JIESU_JURISDICTION_ID ?? 'huairou.beijing.gov.cn',
    open311Mode: open311ModeFrom(env.JIESU_OPEN311_MODE),
    demoTickets: intFrom(env.JIESU_DEMO_TICKETS, 20_000, 'JIESU_DEMO_TICKETS'),
    poolSize: intFrom(env.JIESU_POOL_SIZE, 20, 'JIESU_POOL_SIZE'),
    sweepIntervalSeconds: intFrom(env.JIESU_SWEEP_SECONDS, 60, 'JIESU_SWEEP_SECONDS'),
    publicUrl: env.JIESU_PUBLIC_URL ?? `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
