/**
 * 受理 Intake: a request becomes a ticket in state `received`, with its number,
 * its first event and the citizen's acknowledgement SMS, in one transaction.
 */

import { eventHash, eventValues, type NewEvent } from '../../db/repositories/ticket-events.js';
import { ticketSearchColumns } from '../../db/repositories/ticket-fulltext.js';
import { nextTicketId } from '../../db/repositories/ticket-ids.js';
import { type IntakeWrite, writeIntake } from '../../db/repositories/ticket-intake-writer.js';
import { nextTicketNumber } from '../../db/repositories/ticket-numbers.js';
import type { TicketRow } from '../../db/schema.js';
import type { Actor } from '../../domain/decide.js';
import { decide } from '../../domain/decide.js';
import { AppError } from '../../domain/errors.js';
import { routeTicket } from '../../domain/routing.js';
import type { Channel, RequestType, Urgency } from '../../domain/vocabulary.js';
import { lastFour, maskName, maskPhone } from '../../security/personal-data.js';
import type { ServiceContext } from '../context.js';
import { claimIdempotency, type IdempotencyClaim } from '../idempotency.js';
import { type OutboxMessage, outboxValues } from '../outbox.js';
import type { ReferenceData } from '../reference-cache.js';
import { inTransaction } from '../transaction.js';

export interface CitizenContact {
  name?: string | null;
  phone?: string | null;
}

export interface IntakeTicketOptions {
  actor: Actor;
  channel: Channel;
  type: RequestType;
  title?: string | null;
  description: string;
  categoryId?: number | null;
  areaCode?: string | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  citizen?: CitizenContact | null;
  anonymous?: boolean;
  citizenUserId?: number | null;
  urgency?: Urgency;
  complex?: boolean;
  attributes?: Record<string, string | string[]>;
  mediaUrls?: string[];
  /** intake time; defaults to now (imports pass the historical time) */
  receivedAt?: Date;
  /** claimed in the intake transaction, so a retry after a crash finds this ticket */
  idempotency?: IdempotencyClaim | null;
}

const TITLE_LENGTH = 40;

export function deriveTitle(description: string): string {
  const firstLine = description.trim().split(/[\n。！？!?]/)[0] ?? '';
  const chars = [...firstLine.trim()];
  return chars.length > TITLE_LENGTH ? `${chars.slice(0, TITLE_LENGTH).join('')}…` : chars.join('');
}

/** Checks references and returns the township-level code of the area (for per-town figures). */
export function resolvePlace(
  ref: ReferenceData,
  categoryId: number | null,
  areaCode: string | null,
): string | null {
  if (categoryId !== null) {
    const category = ref.categories.get(categoryId);
    if (!category?.active) throw new AppError('CATEGORY_NOT_FOUND', { category: categoryId });
    if (category.level !== 2) throw new AppError('CATEGORY_NOT_LEAF', { category: category.code });
  }
  if (areaCode === null) return null;
  const area = ref.areas.get(areaCode);
  if (!area) throw new AppError('AREA_NOT_FOUND', { area: areaCode });
  return area.township_code;
}

export async function intakeTicket(ctx: ServiceContext, options: IntakeTicketOptions): Promise<TicketRow> {
  const ref = await ctx.reference.get();
  const now = ctx.clock();
  const receivedAt = options.receivedAt ?? now;
  const description = options.description.trim();
  if (description === '') {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'description', code: 'required', message: '诉求内容不能为空 / description is required' },
    ]);
  }
  const categoryId = options.categoryId ?? null;
  const areaCode = options.areaCode ?? null;
  const townshipCode = resolvePlace(ref, categoryId, areaCode);
  const decision = decide(null, { action: 'intake' }, options.actor, now, ref.decide);
  const title = options.title?.trim() || deriveTitle(description);
  const anonymous = options.anonymous ?? false;
  const name = anonymous ? null : (options.citizen?.name?.trim() ?? null) || null;
  const phone = options.citizen?.phone?.trim() || null;
  const suggestion = routeTicket(
    ref.routing,
    { categoryId, areaCode, townshipCode },
    (code) => ref.townshipUnits.get(code)?.id ?? null,
  );
  const number = await nextTicketNumber(ctx.db, ctx.config.ticketPrefix, receivedAt);
  const id = await nextTicketId(ctx.db);
  const event: NewEvent = {
    ticketId: id,
    seq: 1,
    action: 'intake',
    fromState: null,
    toState: decision.to,
    actorUserId: options.actor.userId,
    actorRole: options.actor.role,
    actorUnitId: options.actor.unitIds[0] ?? null,
    at: receivedAt,
    reason: null,
    data: { channel: options.channel, type: options.type },
    public: true,
  };
  const hash = eventHash(null, event);
  const notify: OutboxMessage[] = phone
    ? [
        {
          channel: 'sms',
          recipient: `ticket:${id}`,
          template: 'ticket_received',
          payload: { number },
          dedupeKey: `ticket_received:${id}`,
        },
      ]
    : [];

  // The ticket, its first event and the acknowledgement SMS in ONE statement: atomic on its own,
  // one round trip instead of six; foreign keys are checked when the statement ends. Concurrent
  // intakes share that statement (group commit, see ticket-intake-writer).
  const write: IntakeWrite = {
    event: eventValues(event, hash),
    outbox: outboxValues(notify),
    ticket: {
      id,
      number,
      channel: options.channel,
      type: options.type,
      urgency: options.urgency ?? 'normal',
      complex: options.complex ?? false,
      state: decision.to,
      title,
      description,
      category_id: categoryId,
      area_code: areaCode,
      township_code: townshipCode,
      address: options.address?.trim() || null,
      lat: options.lat ?? null,
      lng: options.lng ?? null,
      attributes: JSON.stringify(options.attributes ?? {}),
      media_urls: options.mediaUrls ?? [],
      anonymous,
      citizen_name_enc: name ? ctx.cipher.encrypt(name) : null,
      citizen_name_masked: name ? maskName(name) : null,
      citizen_phone_enc: phone ? ctx.cipher.encrypt(phone) : null,
      citizen_phone_hash: phone ? ctx.cipher.hashPhone(phone) : null,
      citizen_phone_masked: phone ? maskPhone(phone) : null,
      citizen_phone_last4: phone ? lastFour(phone) : null,
      citizen_user_id: options.citizenUserId ?? null,
      suggested_unit_id: suggestion?.unitId ?? null,
      received_at: receivedAt,
      // raw text for substrings, jieba words for the word index (全文检索)
      ...ticketSearchColumns(title, description),
      event_count: 1,
      last_event_hash: hash,
      created_at: now,
      updated_at: now,
    },
  };

  const idempotency = options.idempotency;
  const ticket = idempotency
    ? await inTransaction(ctx.db, async (trx) => {
        const row = await writeIntake(trx, write);
        if (!(await claimIdempotency(trx, idempotency, { type: 'ticket', id: row.id }))) {
          throw new AppError('IDEMPOTENCY_IN_PROGRESS');
        }
        return row;
      })
    : await writeIntake(ctx.db, write);
  const wroteOutbox = notify.length > 0;
  if (wroteOutbox) ctx.afterCommit('outbox');
  return ticket;
}
