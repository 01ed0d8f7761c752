/**
 * 个人信息保留期 Retention: a finished ticket (closed, merged or invalid)
 * keeps the citizen's personal data only for a configured period
 * (JIESU_RETENTION_DAYS, default three years); then this job removes it:
 *
 * - the sealed and masked name and phone, the phone's lookup hash and last
 *   four digits, the link to a citizen account and the exact address (the
 *   division code stays, and the coordinates are coarsened to about 100 m,
 *   so statistics and maps by place still work);
 * - phone and ID numbers, e-mail addresses and long digit runs inside the
 *   title, description, replies and callback comments;
 * - an Open311 client's e-mail, account and device ids; unused callback links.
 *
 * The event log is left as it is: it is hash chained (`jiesu audit verify`)
 * and written by staff, not by the citizen. Each ticket is claimed with
 * FOR UPDATE SKIP LOCKED, so runs in several processes share the work.
 */
import { sql } from 'kysely';
import { ticketSearchColumns } from '../../db/repositories/ticket-fulltext.js';
import { AppError } from '../../domain/errors.js';
import { TERMINAL_STATES } from '../../domain/vocabulary.js';
import { redactPersonalText } from '../../security/redact.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { inTransaction } from '../transaction.js';

export const DEFAULT_RETENTION_DAYS = 3 * 365;

export interface AnonymiseOptions {
  /** days a finished ticket keeps personal data; at least the reopen window plus one */
  days: number;
  batchSize?: number;
  /** count what is due without changing anything */
  dryRun?: boolean;
  onProgress?: (done: number) => void;
}

export interface AnonymiseResult {
  cutoff: Date;
  /** tickets anonymised (or due, in a dry run) */
  tickets: number;
}

export function retentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.JIESU_RETENTION_DAYS?.trim();
  if (!text) return DEFAULT_RETENTION_DAYS;
  const days = Number(text);
  if (!Number.isInteger(days) || days <= 0) {
    throw new Error(`JIESU_RETENTION_DAYS must be a positive integer, got "${text}"`);
  }
  return days;
}

function coarse(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

function redactNullable(text: string | null): string | null {
  return text === null ? null : redactPersonalText(text);
}

export async function anonymiseClosedTickets(
  ctx: ServiceContext,
  o: AnonymiseOptions,
): Promise<AnonymiseResult> {
  const ref = await ctx.reference.get();
  // A ticket closed within the reopen window may still come back (重办) and need the citizen.
  const min = ref.decide.reopenWindowDays + 1;
  if (!Number.isInteger(o.days) || o.days < min) throw new AppError('RETENTION_TOO_SHORT', { min });
  const now = ctx.clock();
  const cutoff = new Date(now.getTime() - o.days * 86_400_000);
  const due = sql<boolean>`anonymised_at is null and state in (${sql.join(TERMINAL_STATES)})
    and coalesce(closed_at, updated_at) < ${cutoff}`;
  if (o.dryRun) {
    const r = await sql<{ n: number }>`select count(*)::bigint as n from tickets where ${due}`.execute(
      ctx.db,
    );
    return { cutoff, tickets: Number(r.rows[0]?.n ?? 0) };
  }
  const batchSize = o.batchSize ?? 200;
  let done = 0;
  for (;;) {
    const n = await inTransaction(ctx.db, async (trx) => {
      const rows = await sql<{
        id: number;
        title: string;
        description: string;
        reply_text: string | null;
        lat: number | null;
        lng: number | null;
      }>`select id, title, description, reply_text, lat, lng from tickets where ${due}
        order by coalesce(closed_at, updated_at) limit ${batchSize} for update skip locked`.execute(trx);
      for (const t of rows.rows) {
        const title = redactPersonalText(t.title);
        const description = redactPersonalText(t.description);
        await trx
          .updateTable('tickets')
          .set({
            title,
            description,
            reply_text: redactNullable(t.reply_text),
            citizen_name_enc: null,
            citizen_name_masked: null,
            citizen_phone_enc: null,
            citizen_phone_hash: null,
            citizen_phone_masked: null,
            citizen_phone_last4: null,
            citizen_user_id: null,
            address: null,
            lat: coarse(t.lat),
            lng: coarse(t.lng),
            ...ticketSearchColumns(title, description),
          })
          .where('id', '=', t.id)
          .execute();
        await sql`update tickets set anonymised_at = ${now} where id = ${t.id}`.execute(trx);
      }
      const ids = rows.rows.map((t) => t.id);
      if (ids.length === 0) return 0;
      const replies = await trx
        .selectFrom('ticket_units')
        .select(['ticket_id', 'unit_id', 'round', 'reply_text'])
        .where('ticket_id', 'in', ids)
        .where('reply_text', 'is not', null)
        .execute();
      for (const r of replies) {
        await trx
          .updateTable('ticket_units')
          .set({ reply_text: redactNullable(r.reply_text) })
          .where('ticket_id', '=', r.ticket_id)
          .where('unit_id', '=', r.unit_id)
          .where('round', '=', r.round)
          .execute();
      }
      const comments = await trx
        .selectFrom('callbacks')
        .select(['id', 'comment'])
        .where('ticket_id', 'in', ids)
        .where('comment', 'is not', null)
        .execute();
      for (const c of comments) {
        await trx
          .updateTable('callbacks')
          .set({ comment: redactNullable(c.comment) })
          .where('id', '=', c.id)
          .execute();
      }
      await trx
        .updateTable('open311_requests')
        .set({ email_enc: null, account_id: null, device_id: null })
        .where('ticket_id', 'in', ids)
        .execute();
      await trx.deleteFrom('callback_links').where('ticket_id', 'in', ids).execute();
      await recordAudit(trx, {
        actorUserId: null,
        actorRole: 'system',
        action: 'retention.anonymise',
        subjectType: 'ticket',
        subjectId: `${ids[0]}…${ids[ids.length - 1]}`,
        detail: { tickets: ids.length, cutoff: cutoff.toISOString(), days: o.days },
      });
      return ids.length;
    });
    done += n;
    o.onProgress?.(done);
    if (n < batchSize) break;
  }
  return { cutoff, tickets: done };
}
