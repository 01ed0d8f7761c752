/**
 * Initial schema. Frozen: never edit a migration once it has landed; add a new one.
 * Migrations import nothing from the application (only Kysely).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table areas (
      code text primary key,
      name text not null,
      short_name text not null,
      level text not null check (level in ('district','street','area','town','township','zone','community','village')),
      parent_code text references areas(code),
      township_code text,
      lat double precision,
      lng double precision,
      aliases text[] not null default '{}'
    )`.execute(db);
  await sql`create index areas_parent on areas (parent_code)`.execute(db);

  await sql`
    create table units (
      id serial primary key,
      code text not null unique check (code ~ '^[a-z0-9-]+$'),
      name text not null,
      name_en text not null,
      short_name text not null,
      peer_group text not null check (peer_group in ('centre','township','department','utility')),
      parent_id integer references units(id),
      path text not null,
      phone text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index units_path on units (path text_pattern_ops)`.execute(db);
  await sql`
    create table unit_areas (
      unit_id integer not null references units(id) on delete cascade,
      area_code text not null references areas(code),
      primary key (unit_id, area_code)
    )`.execute(db);
  await sql`create index unit_areas_area on unit_areas (area_code)`.execute(db);

  await sql`
    create table deadline_policies (
      code text primary key check (code ~ '^[a-z0-9_-]+$'),
      name text not null,
      name_en text not null,
      mode text not null check (mode in ('calendar','working')),
      sign text not null,
      response text not null,
      reply text not null,
      reply_complex text,
      return_window text not null,
      callback text not null,
      yellow_at double precision not null default 0.75 check (yellow_at > 0 and yellow_at < 1),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table categories (
      id serial primary key,
      code text not null unique check (code ~ '^[A-Za-z0-9_-]+$'),
      name text not null,
      name_en text not null,
      parent_id integer references categories(id),
      level smallint not null check (level in (1, 2)),
      description text not null default '',
      keywords text[] not null default '{}',
      policy_code text references deadline_policies(code),
      utility_outage boolean not null default false,
      sort integer not null default 0,
      active boolean not null default true,
      check ((level = 1) = (parent_id is null))
    )`.execute(db);
  await sql`
    create table category_attributes (
      id serial primary key,
      category_id integer not null references categories(id) on delete cascade,
      code text not null check (code ~ '^[A-Za-z0-9_-]+$'),
      datatype text not null check (datatype in ('string','number','datetime','text','singlevaluelist','multivaluelist')),
      required boolean not null default false,
      variable boolean not null default true,
      description text not null,
      description_en text not null default '',
      datatype_description text,
      sort integer not null default 1,
      "values" jsonb not null default '[]',
      unique (category_id, code)
    )`.execute(db);

  await sql`
    create table routing_rules (
      id serial primary key,
      category_id integer references categories(id) on delete cascade,
      area_code text references areas(code),
      unit_id integer references units(id),
      to_township boolean not null default false,
      priority integer not null default 0,
      note text,
      check ((unit_id is not null) <> to_township)
    )`.execute(db);
  await sql`create index routing_rules_category on routing_rules (category_id)`.execute(db);

  await sql`
    create table calendar_days (
      date date primary key,
      kind text not null check (kind in ('holiday','workday')),
      name text not null default ''
    )`.execute(db);

  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table users (
      id serial primary key,
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      role text not null,
      unit_id integer references units(id),
      phone_enc text,
      email text,
      active boolean not null default true,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ticket_number_counters (
      prefix text not null,
      day date not null,
      last integer not null,
      primary key (prefix, day)
    )`.execute(db);

  await sql`
    create table tickets (
      id bigint generated by default as identity primary key,
      number text not null unique,
      channel text not null,
      type text not null,
      urgency text not null default 'normal' check (urgency in ('normal','urgent')),
      complex boolean not null default false,
      state text not null check (state in ('received','dispatched','accepted','return_requested','in_progress','replied','closed','merged','invalid')),
      title text not null,
      description text not null,
      category_id integer references categories(id),
      area_code text references areas(code),
      township_code text,
      address text,
      lat double precision check (lat between -90 and 90),
      lng double precision check (lng between -180 and 180),
      attributes jsonb not null default '{}',
      media_urls text[] not null default '{}',
      anonymous boolean not null default false,
      citizen_name_enc text,
      citizen_name_masked text,
      citizen_phone_enc text,
      citizen_phone_hash text,
      citizen_phone_masked text,
      citizen_phone_last4 text,
      citizen_user_id integer references users(id),
      main_unit_id integer references units(id),
      policy_code text references deadline_policies(code),
      dispatch_round integer not null default 0,
      received_at timestamptz not null,
      dispatched_at timestamptz,
      sign_due_at timestamptz,
      signed_at timestamptz,
      response_due_at timestamptz,
      first_contact_at timestamptz,
      reply_due_at timestamptz,
      replied_at timestamptz,
      return_due_at timestamptz,
      callback_due_at timestamptz,
      closed_at timestamptz,
      extension_requested_until timestamptz,
      supervised boolean not null default false,
      exempt boolean not null default false,
      merged_into_id bigint references tickets(id),
      card text not null default 'none' check (card in ('none','yellow','red')),
      reply_text text,
      callback_at timestamptz,
      callback_reached boolean,
      callback_resolved boolean,
      callback_satisfaction text check (callback_satisfaction in ('satisfied','basically_satisfied','unsatisfied')),
      reopen_count integer not null default 0,
      event_count integer not null default 0,
      last_event_hash text,
      search_text text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index tickets_state on tickets (state)`.execute(db);
  await sql`create index tickets_unit_state on tickets (main_unit_id, state)`.execute(db);
  await sql`create index tickets_received on tickets (received_at)`.execute(db);
  await sql`create index tickets_phone on tickets (citizen_phone_hash) where citizen_phone_hash is not null`.execute(
    db,
  );
  await sql`create index tickets_category on tickets (category_id)`.execute(db);
  await sql`create index tickets_township on tickets (township_code)`.execute(db);
  await sql`create index tickets_updated on tickets (updated_at)`.execute(db);
  await sql`create index tickets_open_reply_due on tickets (reply_due_at) where state in ('dispatched','accepted','in_progress','return_requested')`.execute(
    db,
  );

  await sql`
    create table ticket_units (
      ticket_id bigint not null references tickets(id),
      unit_id integer not null references units(id),
      round integer not null,
      role text not null check (role in ('main','co')),
      assigned_at timestamptz not null,
      signed_at timestamptz,
      replied_at timestamptz,
      reply_text text,
      active boolean not null default true,
      primary key (ticket_id, unit_id, round)
    )`.execute(db);
  await sql`create index ticket_units_unit on ticket_units (unit_id) where active`.execute(db);

  await sql`
    create table ticket_events (
      id bigint generated by default as identity primary key,
      ticket_id bigint not null references tickets(id),
      seq integer not null,
      action text not null,
      from_state text,
      to_state text not null,
      actor_user_id integer references users(id),
      actor_role text not null,
      actor_unit_id integer references units(id),
      at timestamptz not null,
      reason text,
      data jsonb not null default '{}',
      public boolean not null default false,
      hash text not null,
      unique (ticket_id, seq)
    )`.execute(db);
  await sql`create index ticket_events_public_at on ticket_events (at) where public`.execute(db);

  await sql`
    create table ticket_cards (
      ticket_id bigint not null references tickets(id),
      round integer not null,
      clock text not null check (clock in ('sign','response','reply','callback')),
      colour text not null check (colour in ('yellow','red')),
      issued_at timestamptz not null,
      unit_id integer references units(id),
      primary key (ticket_id, round, clock, colour)
    )`.execute(db);

  await sql`
    create table callbacks (
      id bigint generated by default as identity primary key,
      ticket_id bigint not null references tickets(id),
      round integer not null,
      at timestamptz not null,
      by_user_id integer references users(id),
      via text not null check (via in ('phone','link','import')),
      reached boolean not null,
      resolved boolean,
      satisfaction text check (satisfaction in ('satisfied','basically_satisfied','unsatisfied')),
      comment text
    )`.execute(db);
  await sql`create index callbacks_ticket on callbacks (ticket_id)`.execute(db);

  await sql`
    create table outbox (
      id bigint generated by default as identity primary key,
      channel text not null check (channel in ('sms','email','inapp','webhook')),
      recipient text not null,
      template text not null,
      payload jsonb not null default '{}',
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      available_at timestamptz not null default now(),
      attempts integer not null default 0,
      last_error text,
      sent_at timestamptz,
      failed_at timestamptz
    )`.execute(db);
  await sql`create index outbox_pending on outbox (available_at) where sent_at is null and failed_at is null`.execute(
    db,
  );

  await sql`
    create table audit_log (
      id bigint generated by default as identity primary key,
      at timestamptz not null default now(),
      actor_user_id integer references users(id),
      actor_role text not null,
      action text not null,
      subject_type text not null,
      subject_id text not null,
      detail jsonb not null default '{}',
      ip text
    )`.execute(db);
  await sql`create index audit_log_subject on audit_log (subject_type, subject_id)`.execute(db);
}
