/**
 * 应急默认设置 The default escalation chain of each severity level, seeded
 * once; an admin's later edit is never overwritten by a re-seed.
 */
import type { Executor } from '../db/database.js';
import { DEFAULT_CHAINS } from '../domain/emergency/chains.js';
import { INCIDENT_LEVELS } from '../domain/emergency/vocabulary.js';

export async function seedEmergency(db: Executor): Promise<number> {
  const result = await db
    .insertInto('escalation_policies')
    .values(INCIDENT_LEVELS.map((level) => ({ level, links: JSON.stringify(DEFAULT_CHAINS[level]) })))
    .onConflict((oc) => oc.column('level').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
