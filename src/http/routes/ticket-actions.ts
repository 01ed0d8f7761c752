/**
 * One route per lifecycle action: POST /api/tickets/:id/<action>. Each
 * checks visibility (404), then hands over to its use case, which checks the
 * transition table; the answer is the ticket as the caller now sees it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findTicketByNumber } from '../../db/repositories/tickets.js';
import type { Actor } from '../../domain/decide.js';
import { AppError } from '../../domain/errors.js';
import { actorOf } from '../../services/auth/principal.js';
import type { ServiceContext } from '../../services/context.js';
import { addCoUnit } from '../../services/tickets/add-co-unit.js';
import { addNote } from '../../services/tickets/add-note.js';
import { answerTicket } from '../../services/tickets/answer-ticket.js';
import { approveExtension } from '../../services/tickets/approve-extension.js';
import { approveReturn } from '../../services/tickets/approve-return.js';
import { coReply } from '../../services/tickets/co-reply.js';
import { dispatchTicket } from '../../services/tickets/dispatch-ticket.js';
import { invalidateTicket } from '../../services/tickets/invalidate-ticket.js';
import { mergeTicket } from '../../services/tickets/merge-ticket.js';
import { recordCallback } from '../../services/tickets/record-callback.js';
import { recordContact } from '../../services/tickets/record-contact.js';
import { rejectExtension } from '../../services/tickets/reject-extension.js';
import { rejectReturn } from '../../services/tickets/reject-return.js';
import { reopenTicket } from '../../services/tickets/reopen-ticket.js';
import { replyTicket } from '../../services/tickets/reply-ticket.js';
import { requestCoUnit } from '../../services/tickets/request-co-unit.js';
import { requestExtension } from '../../services/tickets/request-extension.js';
import { returnTicket } from '../../services/tickets/return-ticket.js';
import type { TicketActionResult } from '../../services/tickets/run-ticket-action.js';
import { setExemption } from '../../services/tickets/set-exemption.js';
import { setSupervision } from '../../services/tickets/set-supervision.js';
import { signTicket } from '../../services/tickets/sign-ticket.js';
import { requireUser } from '../plugins/auth.js';
import { ticketIdParams } from '../schemas/common.js';
import { ACTION_BODIES, type ActionBody, type ActionPath } from '../schemas/tickets.js';
import { loadVisibleTicket, presentForCaller } from './ticket-access.js';

type Handler<P extends ActionPath> = (
  ctx: ServiceContext,
  a: { ticketId: number; actor: Actor; body: ActionBody<P> },
) => Promise<TicketActionResult>;

const HANDLERS: { [P in ActionPath]: { summary: string; run: Handler<P> } } = {
  answer: {
    summary: '直接办结 Answer directly',
    run: (ctx, { ticketId, actor, body }) => answerTicket(ctx, { ticketId, actor, ...body }),
  },
  dispatch: {
    summary: '派单 Dispatch',
    run: (ctx, { ticketId, actor, body }) => dispatchTicket(ctx, { ticketId, actor, ...body }),
  },
  sign: {
    summary: '签收 Sign',
    run: (ctx, { ticketId, actor, body }) => signTicket(ctx, { ticketId, actor, ...body }),
  },
  return: {
    summary: '退单 Return',
    run: (ctx, { ticketId, actor, body }) => returnTicket(ctx, { ticketId, actor, ...body }),
  },
  'approve-return': {
    summary: '同意退单 Approve return',
    run: (ctx, { ticketId, actor, body }) => approveReturn(ctx, { ticketId, actor, ...body }),
  },
  'reject-return': {
    summary: '驳回退单 Reject return',
    run: (ctx, { ticketId, actor, body }) => rejectReturn(ctx, { ticketId, actor, ...body }),
  },
  contact: {
    summary: '联系诉求人 Record first contact',
    run: (ctx, { ticketId, actor, body }) => recordContact(ctx, { ticketId, actor, ...body }),
  },
  note: {
    summary: '办理记录 Progress note',
    run: (ctx, { ticketId, actor, body }) => addNote(ctx, { ticketId, actor, ...body }),
  },
  'request-extension': {
    summary: '申请延期 Request extension',
    run: (ctx, { ticketId, actor, body }) => requestExtension(ctx, { ticketId, actor, ...body }),
  },
  'approve-extension': {
    summary: '同意延期 Approve extension',
    run: (ctx, { ticketId, actor, body }) => approveExtension(ctx, { ticketId, actor, ...body }),
  },
  'reject-extension': {
    summary: '驳回延期 Reject extension',
    run: (ctx, { ticketId, actor, body }) => rejectExtension(ctx, { ticketId, actor, ...body }),
  },
  'request-co-unit': {
    summary: '申请协办 Request co-handler',
    run: (ctx, { ticketId, actor, body }) => requestCoUnit(ctx, { ticketId, actor, ...body }),
  },
  'add-co-unit': {
    summary: '增派协办单位 Add co-handling unit',
    run: (ctx, { ticketId, actor, body }) => addCoUnit(ctx, { ticketId, actor, ...body }),
  },
  'co-reply': {
    summary: '协办反馈 Co-handler reply',
    run: (ctx, { ticketId, actor, body }) => coReply(ctx, { ticketId, actor, ...body }),
  },
  reply: {
    summary: '办结反馈 Reply',
    run: (ctx, { ticketId, actor, body }) => replyTicket(ctx, { ticketId, actor, ...body }),
  },
  callback: {
    summary: '回访 Record callback',
    run: (ctx, { ticketId, actor, body }) => recordCallback(ctx, { ticketId, actor, via: 'phone', ...body }),
  },
  reopen: {
    summary: '重办 Reopen',
    run: (ctx, { ticketId, actor, body }) => reopenTicket(ctx, { ticketId, actor, ...body }),
  },
  merge: {
    summary: '合并 Merge into another ticket',
    run: async (ctx, { ticketId, actor, body }) => {
      let targetId = body.targetId;
      if (targetId === undefined && body.targetNumber) {
        const target = await findTicketByNumber(ctx.db, body.targetNumber);
        if (!target)
          throw new AppError('MERGE_TARGET_INVALID', {
            target: body.targetNumber,
            reason: 'not found / 不存在',
          });
        targetId = target.id;
      }
      return mergeTicket(ctx, {
        ticketId,
        actor,
        targetId: targetId ?? 0,
        reason: body.reason,
        expectedVersion: body.expectedVersion,
      });
    },
  },
  invalidate: {
    summary: '标记无效 Mark invalid',
    run: (ctx, { ticketId, actor, body }) => invalidateTicket(ctx, { ticketId, actor, ...body }),
  },
  supervise: {
    summary: '督办 Supervise',
    run: (ctx, { ticketId, actor, body }) =>
      setSupervision(ctx, { ticketId, actor, supervised: true, ...body }),
  },
  unsupervise: {
    summary: '取消督办 End supervision',
    run: (ctx, { ticketId, actor, body }) =>
      setSupervision(ctx, { ticketId, actor, supervised: false, ...body }),
  },
  exempt: {
    summary: '不纳入考核 Exempt from assessment',
    run: (ctx, { ticketId, actor, body }) => setExemption(ctx, { ticketId, actor, exempt: true, ...body }),
  },
  unexempt: {
    summary: '恢复考核 Restore assessment',
    run: (ctx, { ticketId, actor, body }) => setExemption(ctx, { ticketId, actor, exempt: false, ...body }),
  },
};

export function ticketActionRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    for (const path of Object.keys(ACTION_BODIES) as ActionPath[]) {
      const handler = HANDLERS[path] as { summary: string; run: Handler<ActionPath> };
      app.post(
        `/api/tickets/:id/${path}`,
        {
          schema: {
            tags: ['ticket actions'],
            summary: handler.summary,
            params: ticketIdParams,
            body: ACTION_BODIES[path],
          },
        },
        async (req) => {
          const p = requireUser(req);
          await loadVisibleTicket(ctx, req, req.params.id);
          const result = await handler.run(ctx, {
            ticketId: req.params.id,
            actor: actorOf(p),
            body: req.body as ActionBody<ActionPath>,
          });
          return presentForCaller(ctx, req, result.ticket);
        },
      );
    }
  };
}
