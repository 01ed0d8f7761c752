/**
 * Open311 submissions: what a GeoReport v2 POST carries that has no ticket
 * column — the client's API key, the batch-mode token, account and device
 * ids, and an e-mail address (encrypted like every piece of personal data).
 * Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table open311_requests (
      ticket_id bigint primary key references tickets(id) on delete cascade,
      api_key_id integer references api_keys(id),
      token text unique,
      service_code text not null,
      account_id text,
      device_id text,
      email_enc text,
      created_at timestamptz not null default now()
    )`.execute(db);
}
