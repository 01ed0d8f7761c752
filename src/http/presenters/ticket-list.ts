/**
 * A ticket as the lists carry it (see schemas/ticket-list.ts): a row of the
 * list screen, not the ticket. No personal data and no actions, so a list
 * needs neither the ticket's units nor the viewer: only its own row and the
 * reference data.
 */
import { nextDue, type TicketListRow } from '../../db/repositories/ticket-search.js';
import {
  CHANNEL_LABELS,
  type Channel,
  REQUEST_TYPE_LABELS,
  type RequestType,
  STATE_LABELS,
  type TicketState,
  type Urgency,
} from '../../domain/vocabulary.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import type { TicketListItem } from '../schemas/ticket-list.js';
import { label, unitRef } from './ticket.js';

type Card = TicketListItem['card'];

export function presentTicketListItem(t: TicketListRow, ref: ReferenceData): TicketListItem {
  const category = t.category_id === null ? null : ref.categories.get(t.category_id);
  const township = t.township_code ? ref.areas.get(t.township_code) : null;
  const next = nextDue(t);
  return {
    id: t.id,
    number: t.number,
    version: t.event_count,
    state: t.state as TicketState,
    stateLabel: label(STATE_LABELS, t.state),
    type: t.type as RequestType,
    typeLabel: label(REQUEST_TYPE_LABELS, t.type),
    channel: t.channel as Channel,
    channelLabel: label(CHANNEL_LABELS, t.channel),
    urgency: t.urgency as Urgency,
    title: t.title,
    category: category
      ? { id: category.id, code: category.code, name: category.name, nameEn: category.name_en }
      : null,
    township: township ? { code: township.code, name: township.name, shortName: township.short_name } : null,
    mainUnit: unitRef(ref, t.main_unit_id),
    receivedAt: t.received_at.toISOString(),
    deadlines: { next: next ? next.toISOString() : null },
    card: t.card as Card,
    supervised: t.supervised,
    updatedAt: t.updated_at.toISOString(),
  };
}
