/** 办理记录 A progress note by the main unit; the state stays. */
import type { ServiceContext } from '../context.js';
import type { RecordContactOptions } from './record-contact.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export async function addNote(
  ctx: ServiceContext,
  o: RecordContactOptions & { note: string },
): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'note', reason: o.note },
  });
}
