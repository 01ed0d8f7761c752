/**
 * A fast SQL generator of realistic handled tickets for the assessment
 * benchmark at millions of rows, where the demo generator (every event,
 * hash chain and text of every ticket, a few hundred tickets a second on a
 * shared machine) would take hours. Each row is what a ticket looks like
 * after its life: dispatched to the township's government (65 %) or a
 * department or utility, signed, contacted (about 80 % within the 24 h
 * response clock), replied (about 80 % within 7 days), called back (92 %
 * reached, 80 % of those resolved, satisfaction 72/18/10 %), 2 % exempt;
 * tickets whose callback would come after `until` are still in progress.
 * Red cards are written for late contacts and replies, as the sweep would.
 * Events are not generated: assessment reads tickets and cards only.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import type { ReferenceData } from '../../src/services/reference-cache.js';

export interface GenerateOptions {
  tickets: number;
  since: Date;
  until: Date;
  /** rows per statement */
  chunk?: number;
  onProgress?: (done: number) => void;
}

const TITLES = [
  '小区路灯损坏，夜间出行不便',
  '楼下垃圾桶满溢无人清运',
  '冬季供暖温度不达标',
  '道路坑洼积水，车辆通行困难',
  '广场舞噪音扰民',
  '公交车班次少、等车时间长',
  '物业不作为，电梯长期故障',
  '工地夜间施工噪音',
  '拖欠工资，要求支付劳动报酬',
  '自来水水质发黄',
  '民宿消费纠纷，要求退款',
  '村内道路破损，要求修缮',
  '占道经营影响通行',
  '咨询社保缴费办理流程',
  '违规停车堵塞消防通道',
  '燃气表故障无法充值',
];

export async function generateTickets(db: Db, ref: ReferenceData, o: GenerateOptions): Promise<number> {
  const villages = [...ref.areas.values()].filter((a) => a.township_code && a.code.length === 12);
  const villageCodes = villages.map((v) => v.code);
  const villageTownships = villages.map((v) => v.township_code as string);
  const townshipUnit = villages.map((v) => ref.townshipUnits.get(v.township_code as string)?.id ?? null);
  const others = [...ref.units.values()]
    .filter((u) => u.active && (u.peer_group === 'department' || u.peer_group === 'utility'))
    .map((u) => u.id);
  const categories = [...ref.categories.values()].filter((c) => c.level === 2 && c.active).map((c) => c.id);
  const chunk = o.chunk ?? 200_000;
  const span = (o.until.getTime() - o.since.getTime()) / 1000;
  const start = await sql<{ n: number }>`select coalesce(max(id), 0)::bigint as n from tickets`.execute(db);
  const base = Number(start.rows[0]?.n ?? 0);
  let done = 0;
  while (done < o.tickets) {
    const n = Math.min(chunk, o.tickets - done);
    const from = base + done + 1;
    const to = base + done + n;
    await db.transaction().execute(async (trx) => {
      await sql`
        with g as (
          select i, random() as rv, random() as ru, random() as rc, random() as rr, random() as rs,
            random() as rk, random() as rx, random() as rt, random() as rh, random() as rp, random() as ry,
            ${o.since}::timestamptz + (random() * ${span}) * interval '1 second' as received_at
          from generate_series(${from}::bigint, ${to}::bigint) as i),
        p as (
          select g.*,
            1 + floor(rv * ${villageCodes.length})::int as v,
            received_at + interval '10 minutes' as dispatched_at
          from g),
        q as (
          select p.*,
            (${villageCodes}::text[])[v] as area_code,
            (${villageTownships}::text[])[v] as township_code,
            case when ru < 0.65 and (${townshipUnit}::int[])[v] is not null then (${townshipUnit}::int[])[v]
                 else (${others}::int[])[1 + floor(ru * 1000)::int % ${others.length}] end as unit_id,
            (${categories}::int[])[1 + floor(power(rc, 2) * ${categories.length})::int] as category_id,
            dispatched_at + (rr * 30) * interval '1 hour' as first_contact_at,
            dispatched_at + (rr * 4 + rx * 6) * interval '1 day' as replied_at
          from p),
        r as (
          select q.*, replied_at + (rs * 2) * interval '1 day' as callback_time,
            (${TITLES}::text[])[1 + floor(rh * ${TITLES.length})::int] as title
          from q)
        insert into tickets (
          id, number, channel, type, state, title, description, category_id, area_code, township_code,
          main_unit_id, policy_code, dispatch_round, received_at, dispatched_at, sign_due_at, signed_at,
          response_due_at, first_contact_at, reply_due_at, replied_at, callback_due_at, closed_at,
          exempt, callback_at, callback_reached, callback_resolved, callback_satisfaction,
          event_count, search_text, created_at, updated_at)
        select
          i, 'BM' || lpad(i::text, 12, '0'),
          case when rp < 0.6 then 'phone' when rp < 0.75 then 'app' when rp < 0.9 then 'wechat' else 'web' end,
          case when ry < 0.45 then 'complaint' when ry < 0.7 then 'help' when ry < 0.85 then 'inquiry'
               when ry < 0.93 then 'report' when ry < 0.98 then 'suggestion' else 'praise' end,
          case when callback_time <= ${o.until} then 'closed' else 'in_progress' end,
          title, title, category_id, area_code, township_code,
          unit_id, 'general', 1, received_at, dispatched_at, dispatched_at + interval '2 hours',
          dispatched_at + (rt * 3) * interval '1 hour', dispatched_at + interval '24 hours',
          first_contact_at, dispatched_at + interval '7 days',
          case when callback_time <= ${o.until} then replied_at end,
          case when callback_time <= ${o.until} then replied_at + interval '3 days' end,
          case when callback_time <= ${o.until} then callback_time end,
          rx < 0.02,
          case when callback_time <= ${o.until} then callback_time end,
          case when callback_time <= ${o.until} then rk < 0.92 end,
          case when callback_time <= ${o.until} and rk < 0.92 then rs < 0.8 end,
          case when callback_time <= ${o.until} and rk < 0.92 then
            case when rh < 0.72 then 'satisfied' when rh < 0.9 then 'basically_satisfied' else 'unsatisfied' end end,
          0, title, received_at, coalesce(case when callback_time <= ${o.until} then callback_time end, received_at)
        from r`.execute(trx);
      // The sweep's red cards for late first contacts and late replies.
      await sql`
        insert into ticket_cards (ticket_id, round, clock, colour, issued_at, unit_id)
        select id, 1, 'response', 'red', response_due_at, main_unit_id from tickets
        where id between ${from} and ${to} and first_contact_at > response_due_at
        union all
        select id, 1, 'reply', 'red', reply_due_at, main_unit_id from tickets
        where id between ${from} and ${to} and replied_at > reply_due_at`.execute(trx);
    });
    done += n;
    o.onProgress?.(done);
  }
  // Identity values were given explicitly: move the sequence past them for later intakes.
  await sql`select setval(pg_get_serial_sequence('tickets', 'id'), (select max(id) from tickets))`.execute(
    db,
  );
  return done;
}
