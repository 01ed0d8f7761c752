/**
 * 个人信息保留期 Retention: when a closed ticket's personal data was removed.
 * The partial index lists exactly the finished tickets still holding it, in
 * the order the retention job reaches them. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tickets add column anonymised_at timestamptz`.execute(db);
  await sql`
    create index tickets_retention_due on tickets ((coalesce(closed_at, updated_at)))
    where anonymised_at is null and state in ('closed', 'merged', 'invalid')`.execute(db);
}
