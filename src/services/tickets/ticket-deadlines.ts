/**
 * Glue between a ticket row and the pure deadline rules: which policy applies
 * and the columns a (re)dispatch sets.
 */

import type { TicketRow, TicketUpdate } from '../../db/schema.js';
import { computeDispatchDeadlines, type DeadlinePolicy, selectPolicy } from '../../domain/deadlines.js';
import type { ReferenceData } from '../reference-cache.js';

export function policyFor(
  ref: ReferenceData,
  ticket: Pick<TicketRow, 'category_id' | 'urgency' | 'policy_code'>,
): DeadlinePolicy {
  const category = ticket.category_id === null ? undefined : ref.categories.get(ticket.category_id);
  return selectPolicy(
    {
      categoryPolicyCode: category?.policy_code ?? null,
      urgency: ticket.urgency === 'urgent' ? 'urgent' : 'normal',
      utilityOutage: category?.utility_outage ?? false,
    },
    [...ref.policies.values()],
  );
}

/** Columns of a new dispatch round: fresh clocks from `at`, nothing signed, contacted or replied yet. */
export function dispatchColumns(
  ref: ReferenceData,
  ticket: Pick<TicketRow, 'category_id' | 'urgency' | 'policy_code' | 'complex'>,
  at: Date,
  policyCode?: string | null,
): TicketUpdate {
  const policy =
    policyCode && ref.policies.get(policyCode)
      ? (ref.policies.get(policyCode) as DeadlinePolicy)
      : policyFor(ref, ticket);
  const due = computeDispatchDeadlines(policy, at, { complex: ticket.complex }, ref.calendar);
  return {
    policy_code: policy.code,
    dispatched_at: at,
    sign_due_at: due.signDueAt,
    response_due_at: due.responseDueAt,
    reply_due_at: due.replyDueAt,
    return_due_at: due.returnDueAt,
    signed_at: null,
    first_contact_at: null,
    replied_at: null,
    reply_text: null,
    callback_due_at: null,
    extension_requested_until: null,
    card: 'none',
  };
}
