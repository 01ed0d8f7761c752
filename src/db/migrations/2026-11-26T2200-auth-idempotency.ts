/**
 * Sign-in (sessions, API keys), idempotency keys, and a trigram index for
 * substring search over ticket text. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sessions (
      id text primary key,
      user_id integer not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table api_keys (
      id serial primary key,
      name text not null,
      prefix text not null unique,
      key_hash text not null,
      scopes text[] not null default '{}',
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);

  await sql`
    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      resource_type text,
      resource_id bigint,
      status_code integer,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    )`.execute(db);
  await sql`create index idempotency_keys_created on idempotency_keys (created_at)`.execute(db);

  await sql`alter table users add column password_changed_at timestamptz not null default now()`.execute(db);
  await sql`alter table users add column last_login_at timestamptz`.execute(db);

  await sql`create index tickets_search_trgm on tickets using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index ticket_units_ticket on ticket_units (ticket_id)`.execute(db);
  await sql`create index tickets_citizen_user on tickets (citizen_user_id) where citizen_user_id is not null`.execute(
    db,
  );
}
