/** The unit the routing rules suggest at intake, so the dispatcher confirms rather than searches. Frozen. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tickets add column suggested_unit_id integer references units(id)`.execute(db);
}
