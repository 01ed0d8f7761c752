/**
 * Sessions are cached in each server process, so a change that ends or alters
 * a session (revocation, expiry, a user disabled, a role or unit changed, a
 * password reset) announces itself on the channel `jiesu_auth`; every process
 * listening drops its cache when the change commits. Column lists keep the
 * frequent writes quiet: the last-seen touch and sign-in counters do not fire.
 * Frozen once landed; imports nothing from the application.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function jiesu_auth_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('jiesu_auth', tg_table_name);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger sessions_auth_changed
      after update of revoked_at, expires_at, user_id or delete on sessions
      for each statement execute function jiesu_auth_changed()`.execute(db);
  await sql`
    create trigger users_auth_changed
      after update of role, unit_id, active, username, display_name, password_hash or delete on users
      for each statement execute function jiesu_auth_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists users_auth_changed on users`.execute(db);
  await sql`drop trigger if exists sessions_auth_changed on sessions`.execute(db);
  await sql`drop function if exists jiesu_auth_changed()`.execute(db);
}
