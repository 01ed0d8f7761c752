/**
 * What a ticket looks like on the wire. Personal data is masked here; the
 * clear values come only from the audited reveal endpoint. Labels come in
 * both languages so screens can show Chinese with English beside.
 */

import { nextDue } from '../../db/repositories/ticket-search.js';
import type { TicketUnitFacts } from '../../db/repositories/ticket-unit-facts.js';
import type { TicketRow } from '../../db/schema.js';
import {
  availableActions,
  canSeePersonalData,
  type TicketFacts,
  type Viewer,
} from '../../domain/policies/ticket-policy.js';
import { ACTION_LABELS, type TicketAction } from '../../domain/transitions.js';
import {
  CHANNEL_LABELS,
  type Channel,
  type Label,
  REQUEST_TYPE_LABELS,
  type RequestType,
  STATE_LABELS,
  type TicketState,
} from '../../domain/vocabulary.js';
import type { ReferenceData } from '../../services/reference-cache.js';

export interface PresentOptions {
  ref: ReferenceData;
  viewer: Viewer;
  units: TicketUnitFacts;
  now: Date;
}

export function label(map: Record<string, Label>, code: string): Label {
  return map[code] ?? { zh: code, en: code };
}

/** A ticket without its long texts and the bookkeeping no screen shows: what the summary presents. */
export type TicketSummaryRow = Omit<
  TicketRow,
  | 'description'
  | 'attributes'
  | 'media_urls'
  | 'search_text'
  | 'citizen_phone_hash'
  | 'citizen_phone_last4'
  | 'last_event_hash'
  | 'next_check_at'
  | 'created_at'
>;

export function ticketFacts(t: TicketSummaryRow, units: TicketUnitFacts): TicketFacts {
  return {
    state: t.state as TicketState,
    mainUnitId: t.main_unit_id,
    coUnitIds: units.co,
    involvedUnitIds: units.involved,
    citizenUserId: t.citizen_user_id,
    supervised: t.supervised,
    exempt: t.exempt,
    extensionPending: t.extension_requested_until !== null,
    lastCallbackResolved: t.callback_resolved,
    closedAt: t.closed_at,
    returnDueAt: t.return_due_at,
  };
}

export function unitRef(ref: ReferenceData, id: number | null) {
  if (id === null) return null;
  const u = ref.units.get(id);
  return u
    ? { id: u.id, code: u.code, name: u.name, nameEn: u.name_en }
    : { id, code: '', name: '', nameEn: '' };
}

/**
 * Everything but the description, attributes and media: the assessment's
 * worst tickets, and the ticket detail on top. The lists carry less (see
 * ticket-list.ts).
 */
export function presentTicketSummary(t: TicketSummaryRow, o: PresentOptions) {
  const { ref } = o;
  const category = t.category_id === null ? null : ref.categories.get(t.category_id);
  const parent = category?.parent_id ? ref.categories.get(category.parent_id) : null;
  const area = t.area_code ? ref.areas.get(t.area_code) : null;
  const township = t.township_code ? ref.areas.get(t.township_code) : null;
  const facts = ticketFacts(t, o.units);
  const actions: TicketAction[] = availableActions(o.viewer, facts, o.now, ref.decide.reopenWindowDays);
  return {
    id: t.id,
    number: t.number,
    version: t.event_count,
    state: t.state,
    stateLabel: label(STATE_LABELS, t.state),
    type: t.type,
    typeLabel: label(REQUEST_TYPE_LABELS as Record<RequestType, Label>, t.type),
    channel: t.channel,
    channelLabel: label(CHANNEL_LABELS as Record<Channel, Label>, t.channel),
    urgency: t.urgency,
    complex: t.complex,
    title: t.title,
    category: category
      ? {
          id: category.id,
          code: category.code,
          name: category.name,
          nameEn: category.name_en,
          parent: parent
            ? { id: parent.id, code: parent.code, name: parent.name, nameEn: parent.name_en }
            : null,
        }
      : null,
    area: area ? { code: area.code, name: area.name, shortName: area.short_name } : null,
    township: township ? { code: township.code, name: township.name, shortName: township.short_name } : null,
    address: t.address,
    lat: t.lat,
    lng: t.lng,
    citizen: {
      anonymous: t.anonymous,
      name: t.citizen_name_masked,
      phone: t.citizen_phone_masked,
      canReveal:
        canSeePersonalData(o.viewer, facts) && (t.citizen_phone_enc !== null || t.citizen_name_enc !== null),
    },
    mainUnit: unitRef(ref, t.main_unit_id),
    suggestedUnit: unitRef(ref, t.suggested_unit_id),
    coUnits: o.units.co.map((id) => unitRef(ref, id)),
    policy: t.policy_code,
    round: t.dispatch_round,
    receivedAt: t.received_at,
    dispatchedAt: t.dispatched_at,
    signedAt: t.signed_at,
    firstContactAt: t.first_contact_at,
    repliedAt: t.replied_at,
    closedAt: t.closed_at,
    deadlines: {
      sign: t.sign_due_at,
      response: t.response_due_at,
      reply: t.reply_due_at,
      return: t.return_due_at,
      callback: t.callback_due_at,
      next: nextDue(t),
    },
    extensionRequestedUntil: t.extension_requested_until,
    card: t.card,
    supervised: t.supervised,
    exempt: t.exempt,
    mergedIntoId: t.merged_into_id,
    reopenCount: t.reopen_count,
    reply: t.reply_text,
    callback: t.callback_at
      ? {
          at: t.callback_at,
          reached: t.callback_reached,
          resolved: t.callback_resolved,
          satisfaction: t.callback_satisfaction,
        }
      : null,
    actions: actions.map((a) => ({ action: a, label: ACTION_LABELS[a] })),
    updatedAt: t.updated_at,
  };
}

export function presentTicket(t: TicketRow, o: PresentOptions) {
  return {
    ...presentTicketSummary(t, o),
    description: t.description,
    attributes: t.attributes,
    mediaUrls: t.media_urls,
  };
}

export type PresentedTicket = ReturnType<typeof presentTicket>;
