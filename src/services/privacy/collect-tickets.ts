/**
 * The 12345 part of a personal-data export: every ticket filed under the
 * phone number, by an account holding it, or naming it in its text, each
 * with what the citizen said, what the centre answered, the callbacks, the
 * SMS sent to the number and who looked at the contact details.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { TicketRow } from '../../db/schema.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';

export interface ExportedTicket {
  number: string;
  /** how the ticket is linked to the number */
  matchedBy: ('citizen_phone' | 'account' | 'text')[];
  state: string;
  channel: string;
  type: string;
  receivedAt: Date;
  closedAt: Date | null;
  title: string;
  description: string;
  address: string | null;
  areaCode: string | null;
  citizen: { name: string | null; phone: string | null };
  anonymisedAt: Date | null;
  reply: string | null;
  /** the citizen-facing steps: those shown on the public timeline */
  timeline: { action: string; at: Date; text: string | null }[];
  callbacks: {
    at: Date;
    via: string;
    reached: boolean;
    resolved: boolean | null;
    satisfaction: string | null;
    comment: string | null;
  }[];
  messages: { channel: string; template: string; createdAt: Date; sentAt: Date | null }[];
  open311: { email: string | null; accountId: string | null; deviceId: string | null } | null;
  /** views of the contact details 查看联系方式记录 */
  accessLog: { at: Date; action: string; actorRole: string; actorUserId: number | null }[];
}

function open(cipher: PersonalDataCipher, sealed: string | null): string | null {
  return sealed ? cipher.decrypt(sealed) : null;
}

export async function collectTickets(
  db: Executor,
  cipher: PersonalDataCipher,
  phoneHash: string,
  digits: string,
  userIds: readonly number[],
): Promise<ExportedTicket[]> {
  const byPhone = await db
    .selectFrom('tickets')
    .selectAll()
    .where('citizen_phone_hash', '=', phoneHash)
    .execute();
  const byAccount = userIds.length
    ? await db
        .selectFrom('tickets')
        .selectAll()
        .where('citizen_user_id', 'in', [...userIds])
        .execute()
    : [];
  // The number written into the text itself (a caller spelling out a second number, an agent's note).
  const byText =
    digits.length >= 7
      ? await db
          .selectFrom('tickets')
          .selectAll()
          .where(
            sql<boolean>`position(${digits} in regexp_replace(description || ' ' || title || ' ' || coalesce(reply_text, ''), '[\\s-]', '', 'g')) > 0`,
          )
          .execute()
      : [];
  const found = new Map<number, { row: TicketRow; by: Set<ExportedTicket['matchedBy'][number]> }>();
  const add = (rows: TicketRow[], by: ExportedTicket['matchedBy'][number]) => {
    for (const row of rows) {
      const entry = found.get(row.id) ?? { row, by: new Set() };
      entry.by.add(by);
      found.set(row.id, entry);
    }
  };
  add(byPhone, 'citizen_phone');
  add(byAccount, 'account');
  add(byText, 'text');
  const ids = [...found.keys()].sort((a, b) => a - b);
  if (ids.length === 0) return [];

  const [events, callbacks, outbox, open311, audit, anonymised] = await Promise.all([
    db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', 'in', ids)
      .where('public', '=', true)
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute(),
    db.selectFrom('callbacks').selectAll().where('ticket_id', 'in', ids).orderBy('at').execute(),
    db
      .selectFrom('outbox')
      .select(['recipient', 'channel', 'template', 'created_at', 'sent_at'])
      .where(
        'recipient',
        'in',
        ids.map((id) => `ticket:${id}`),
      )
      .orderBy('id')
      .execute(),
    db.selectFrom('open311_requests').selectAll().where('ticket_id', 'in', ids).execute(),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'actor_role', 'actor_user_id', 'subject_id'])
      .where('subject_type', '=', 'ticket')
      .where('subject_id', 'in', ids.map(String))
      .where('action', 'like', 'personal_data.%')
      .orderBy('id')
      .execute(),
    sql<{
      id: number;
      anonymised_at: Date | null;
    }>`select id, anonymised_at from tickets where id in (${sql.join(ids)})`.execute(db),
  ]);
  const anonymisedAt = new Map(anonymised.rows.map((r) => [r.id, r.anonymised_at]));
  const group = <T>(rows: T[], key: (r: T) => number) => {
    const m = new Map<number, T[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const eventsOf = group(events, (e) => e.ticket_id);
  const callbacksOf = group(callbacks, (c) => c.ticket_id);
  const outboxOf = group(outbox, (m) => Number(m.recipient.slice('ticket:'.length)));
  const auditOf = group(audit, (a) => Number(a.subject_id));
  const open311Of = new Map(open311.map((o) => [o.ticket_id, o]));

  return ids.map((id) => {
    const { row: t, by } = found.get(id) as { row: TicketRow; by: Set<ExportedTicket['matchedBy'][number]> };
    const o = open311Of.get(id);
    return {
      number: t.number,
      matchedBy: [...by],
      state: t.state,
      channel: t.channel,
      type: t.type,
      receivedAt: t.received_at,
      closedAt: t.closed_at,
      title: t.title,
      description: t.description,
      address: t.address,
      areaCode: t.area_code,
      citizen: { name: open(cipher, t.citizen_name_enc), phone: open(cipher, t.citizen_phone_enc) },
      anonymisedAt: anonymisedAt.get(id) ?? null,
      reply: t.reply_text,
      timeline: (eventsOf.get(id) ?? []).map((e) => ({ action: e.action, at: e.at, text: e.reason })),
      callbacks: (callbacksOf.get(id) ?? []).map((c) => ({
        at: c.at,
        via: c.via,
        reached: c.reached,
        resolved: c.resolved,
        satisfaction: c.satisfaction,
        comment: c.comment,
      })),
      messages: (outboxOf.get(id) ?? []).map((m) => ({
        channel: m.channel,
        template: m.template,
        createdAt: m.created_at,
        sentAt: m.sent_at,
      })),
      open311: o
        ? { email: open(cipher, o.email_enc), accountId: o.account_id, deviceId: o.device_id }
        : null,
      accessLog: (auditOf.get(id) ?? []).map((a) => ({
        at: a.at,
        action: a.action,
        actorRole: a.actor_role,
        actorUserId: a.actor_user_id,
      })),
    };
  });
}
