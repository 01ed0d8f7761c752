/** 直接办结 The agent answers an inquiry on the call (e.g. from the knowledge base) and closes the ticket. */
import type { Actor } from '../../domain/decide.js';
import type { ServiceContext } from '../context.js';
import { runTicketAction, type TicketActionResult } from './run-ticket-action.js';

export interface AnswerTicketOptions {
  ticketId: number;
  actor: Actor;
  answer: string;
  knowledgeId?: number;
  expectedVersion?: number;
}

export async function answerTicket(ctx: ServiceContext, o: AnswerTicketOptions): Promise<TicketActionResult> {
  return runTicketAction(ctx, {
    ticketId: o.ticketId,
    actor: o.actor,
    expectedVersion: o.expectedVersion,
    input: { action: 'answer', reason: o.answer },
    effects: ({ now }) => ({
      data: o.knowledgeId ? { knowledgeId: o.knowledgeId } : {},
      update: { closed_at: now, replied_at: now, reply_text: o.answer.trim() },
    }),
  });
}
