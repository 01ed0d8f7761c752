/** 不纳入考核 An assessment exemption is a flag with events, granted or withdrawn by a dispatcher with a reason. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface SetExemptionOptions {
  ticketId: number;
  actor: Actor;
  exempt: boolean;
  reason: string;
  expectedVersion?: number;
}

export async function setExemption(ctx: ServiceContext, o: SetExemptionOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: o.exempt ? 'exempt' : 'unexempt', reason: o.reason },
    effects: () => ({ update: { exempt: o.exempt } }),
  });
}
