/**
 * Assessment 考核 aggregates, kept up to date incrementally, and the district
 * profile 区情 of published indicators for open data.
 *
 * Change capture: triggers on `tickets` and `ticket_cards` append the id of
 * every ticket whose assessment-relevant columns changed to
 * `assessment_queue`, in the same transaction as the change. A refresh
 * consumes the queue (see src/services/assessment/refresh-assessment.ts).
 * A queue row becomes visible exactly when the change it announces commits,
 * which a watermark over `ticket_events.id` cannot promise: identity values
 * are taken before commit, so a transaction holding a lower id can commit
 * after a refresh has moved the watermark past it.
 *
 * Frozen once landed; imports nothing from the application (only Kysely).
 */
import { type Kysely, sql } from 'kysely';

/** The ticket columns the facts are computed from; a change to any other column needs no refresh. */
const WATCHED = [
  'received_at',
  'type',
  'channel',
  'category_id',
  'township_code',
  'area_code',
  'main_unit_id',
  'dispatched_at',
  'signed_at',
  'response_due_at',
  'first_contact_at',
  'reply_due_at',
  'replied_at',
  'callback_at',
  'callback_reached',
  'callback_resolved',
  'callback_satisfaction',
  'exempt',
];

/** The measures every assessment cube carries (see src/domain/assessment.ts for their meaning). */
const MEASURES = [
  'tickets',
  'exempt',
  'responded',
  'reached',
  'resolved',
  'unresolved',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_queue (
      seq bigint generated always as identity primary key,
      ticket_id bigint not null
    )`.execute(db);

  // One row per ticket: its current contribution to every cube. No foreign key, so that the
  // aggregates never stand in the way of anything done to tickets.
  await sql`
    create table assessment_facts (
      ticket_id bigint primary key,
      received_day date not null,
      received_hour smallint not null,
      type text not null,
      channel text not null,
      category_id integer not null,
      township_code text not null,
      area_code text not null,
      unit_id integer,
      callback_day date,
      exempt boolean not null,
      responded boolean not null,
      reached boolean not null,
      resolved boolean,
      satisfaction text,
      late_reply boolean not null,
      sign_s integer,
      contact_s integer,
      reply_s integer
    )`.execute(db);
  await sql`create index assessment_facts_cell on assessment_facts (unit_id, callback_day) where callback_day is not null`.execute(
    db,
  );
  await sql`create index assessment_facts_received on assessment_facts (received_day)`.execute(db);

  // Cards 黄牌/红牌 and automatic supervision, one row per ticket_cards row of a unit.
  await sql`
    create table assessment_card_facts (
      ticket_id bigint not null,
      day date not null,
      unit_id integer not null,
      clock text not null,
      colour text not null
    )`.execute(db);
  await sql`create index assessment_card_facts_ticket on assessment_card_facts (ticket_id)`.execute(db);
  await sql`create index assessment_card_facts_unit on assessment_card_facts (unit_id, day)`.execute(db);

  const measures = sql.raw(MEASURES.map((m) => `${m} integer not null default 0`).join(',\n'));
  const operational = sql.raw(`
      late_reply integer not null default 0,
      sign_n integer not null default 0,
      sign_s bigint not null default 0,
      contact_n integer not null default 0,
      contact_s bigint not null default 0,
      reply_n integer not null default 0,
      reply_s bigint not null default 0`);
  // Cube rows are updated in place all day long: room left in each page lets PostgreSQL keep the
  // new version in the same page (a HOT update), so a month's rows stay together on disk.
  const roomy = sql.raw('with (fillfactor = 70)');
  // Per unit and Beijing day of the callback: any date range.
  await sql`
    create table assessment_unit_days (
      day date not null,
      unit_id integer not null,
      ${measures},
      ${operational},
      primary key (day, unit_id)
    ) ${roomy}`.execute(db);
  // The same per unit and month: a month, a year or a trend reads one row per unit and month.
  await sql`
    create table assessment_unit_months (
      month date not null,
      unit_id integer not null,
      ${measures},
      ${operational},
      primary key (month, unit_id)
    ) ${roomy}`.execute(db);
  await sql`create index assessment_unit_months_unit on assessment_unit_months (unit_id, month)`.execute(db);

  // Per township (place of the matter, whichever unit handled it) and month: open data by town.
  await sql`
    create table assessment_area_months (
      month date not null,
      township_code text not null,
      ${measures},
      primary key (month, township_code)
    ) ${roomy}`.execute(db);

  await sql`
    create table assessment_card_days (
      day date not null,
      unit_id integer not null,
      clock text not null,
      colour text not null,
      n integer not null default 0,
      primary key (day, unit_id, clock, colour)
    ) ${roomy}`.execute(db);

  // Intake volumes by one dimension at a time (category, type, channel, township, village, hour).
  await sql`
    create table assessment_volume_days (
      dim text not null,
      day date not null,
      key text not null,
      n integer not null default 0,
      primary key (dim, day, key)
    ) ${roomy}`.execute(db);

  await sql`
    create function assessment_enqueue_tickets_new() returns trigger language plpgsql as $$
    begin
      insert into assessment_queue (ticket_id) select id from new_rows;
      return null;
    end $$`.execute(db);
  await sql`
    create function assessment_enqueue_tickets_old() returns trigger language plpgsql as $$
    begin
      insert into assessment_queue (ticket_id) select id from old_rows;
      return null;
    end $$`.execute(db);
  await sql`
    create function assessment_enqueue_ticket_row() returns trigger language plpgsql as $$
    begin
      insert into assessment_queue (ticket_id) values (new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create function assessment_enqueue_cards_new() returns trigger language plpgsql as $$
    begin
      insert into assessment_queue (ticket_id) select ticket_id from new_rows;
      return null;
    end $$`.execute(db);
  await sql`
    create function assessment_enqueue_cards_old() returns trigger language plpgsql as $$
    begin
      insert into assessment_queue (ticket_id) select ticket_id from old_rows;
      return null;
    end $$`.execute(db);
  await sql`
    create function assessment_enqueue_card_row() returns trigger language plpgsql as $$
    begin
      insert into assessment_queue (ticket_id) values (old.ticket_id), (new.ticket_id);
      return null;
    end $$`.execute(db);

  // Statement-level with transition tables: a bulk insert (import, demo data) queues its rows in
  // one INSERT … SELECT instead of one trigger call per row.
  await sql`
    create trigger tickets_assessment_insert after insert on tickets
    referencing new table as new_rows for each statement execute function assessment_enqueue_tickets_new()`.execute(
    db,
  );
  await sql`
    create trigger tickets_assessment_delete after delete on tickets
    referencing old table as old_rows for each statement execute function assessment_enqueue_tickets_old()`.execute(
    db,
  );
  // Row-level with WHEN: the sweep's next_check_at updates and other bookkeeping queue nothing.
  const oldCols = sql.raw(WATCHED.map((c) => `old.${c}`).join(', '));
  const newCols = sql.raw(WATCHED.map((c) => `new.${c}`).join(', '));
  await sql`
    create trigger tickets_assessment_update after update on tickets
    for each row when (row(${oldCols}) is distinct from row(${newCols}))
    execute function assessment_enqueue_ticket_row()`.execute(db);
  await sql`
    create trigger ticket_cards_assessment_insert after insert on ticket_cards
    referencing new table as new_rows for each statement execute function assessment_enqueue_cards_new()`.execute(
    db,
  );
  await sql`
    create trigger ticket_cards_assessment_delete after delete on ticket_cards
    referencing old table as old_rows for each statement execute function assessment_enqueue_cards_old()`.execute(
    db,
  );
  await sql`
    create trigger ticket_cards_assessment_update after update on ticket_cards
    for each row execute function assessment_enqueue_card_row()`.execute(db);

  // Tickets that exist already are computed by the first refresh.
  await sql`insert into assessment_queue (ticket_id) select id from tickets`.execute(db);

  await sql`
    create table profile_indicators (
      code text primary key check (code ~ '^[a-z0-9_]+$'),
      name_zh text not null,
      name_en text not null,
      value double precision not null,
      unit_zh text not null,
      unit_en text not null,
      source text not null,
      source_url text,
      as_of date not null,
      sort integer not null default 0,
      updated_at timestamptz not null default now()
    )`.execute(db);
  const source =
    '新京报 2024-08-26「迎接新中国成立75周年」系列主题新闻发布会怀柔专场 / Beijing News, 2024-08-26';
  const rows: [string, string, string, number, string, string][] = [
    [
      'science_facilities',
      '怀柔科学城科学设施',
      'Science facilities in Huairou Science City',
      37,
      '个',
      'facilities',
    ],
    ['researchers', '在怀科研人员', 'Researchers working in Huairou', 23000, '人', 'people'],
    ['major_results', '重大科技成果', 'Major scientific results', 227, '项', 'results'],
    ['yanqi_events', '雁栖湖国际会都举办活动', 'Events held at Yanqi Lake', 22500, '场', 'events'],
    ['yanqi_visitors', '雁栖湖国际会都接待', 'Visitors received at Yanqi Lake', 3600000, '人次', 'visits'],
    ['beautiful_villages', '建成美丽乡村', 'Beautiful villages built', 243, '个', 'villages'],
    ['instrument_firms', '仪器传感器企业', 'Instrument and sensor firms', 325, '家', 'firms'],
    [
      'rural_income_growth',
      '农村居民人均可支配收入年均增长（近3年）',
      'Rural disposable income per person, yearly growth (last 3 years)',
      7.5,
      '%/年',
      '% a year',
    ],
    [
      'science_service_revenue_growth',
      '科技服务业收入年均增长（近3年）',
      'Science-service revenue, yearly growth (last 3 years)',
      18,
      '%/年',
      '% a year',
    ],
  ];
  for (const [i, [code, nameZh, nameEn, value, unitZh, unitEn]] of rows.entries()) {
    await sql`
      insert into profile_indicators (code, name_zh, name_en, value, unit_zh, unit_en, source, as_of, sort)
      values (${code}, ${nameZh}, ${nameEn}, ${value}, ${unitZh}, ${unitEn}, ${source}, '2024-08-26', ${i + 1})`.execute(
      db,
    );
  }
}
