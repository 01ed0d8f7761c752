/**
 * 联系诉求人 The main unit's first contact with the citizen: the response
 * clock stops and handling is under way. Later contacts are progress notes.
 */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface RecordContactOptions {
  ticketId: number;
  actor: Actor;
  note?: string;
  expectedVersion?: number;
}

export async function recordContact(
  ctx: ServiceContext,
  o: RecordContactOptions,
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'contact', reason: o.note },
    effects: ({ ticket, now }) => ({ update: { first_contact_at: ticket.first_contact_at ?? now } }),
  });
}
