/**
 * What every use case is given: the database, the clock, the cipher for
 * personal data, cached reference data and the outbox's wake-up call. Tests
 * build one with a fake clock; the server builds one at start.
 */
import type { Config } from '../config.js';
import type { DatabaseHandle, Db } from '../db/database.js';
import type { PersonalDataCipher } from '../security/personal-data.js';
import { SessionCache } from './auth/session-cache.js';
import { ReferenceCache } from './reference-cache.js';

export type Clock = () => Date;

export interface ServiceContext {
  db: Db;
  kind: DatabaseHandle['kind'];
  config: Config;
  clock: Clock;
  cipher: PersonalDataCipher;
  reference: ReferenceCache;
  /** signed-in sessions recently resolved; off on a PostgreSQL server until its change feed listens */
  sessions: SessionCache;
  /** called after a commit that wrote outbox rows, so delivery need not wait for the next poll */
  afterCommit: (what: 'outbox') => void;
}

export function createContext(args: {
  handle: DatabaseHandle;
  config: Config;
  cipher: PersonalDataCipher;
  clock?: Clock;
  afterCommit?: ServiceContext['afterCommit'];
}): ServiceContext {
  return {
    db: args.handle.db,
    kind: args.handle.kind,
    config: args.config,
    clock: args.clock ?? (() => new Date()),
    cipher: args.cipher,
    reference: new ReferenceCache(args.handle.db),
    sessions: new SessionCache(args.handle.kind === 'pglite'),
    afterCommit: args.afterCommit ?? (() => {}),
  };
}
