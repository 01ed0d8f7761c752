/**
 * One demo ticket's life, built in memory exactly as the use cases in
 * src/services/tickets would have written it: each step below is one use
 * case — its input to the domain, the columns it sets (reusing
 * dispatchColumns and computeCallbackDue), the data it adds to the event and
 * the ticket_units and callbacks rows it writes. HistoryCore does what every
 * use case shares; SweepMirror adds the deadline sweep's cards, callback
 * reminders and automatic supervision (督办) at the minute the sweep runs.
 */

import { computeCallbackDue } from '../../domain/deadlines.js';
import type { ActionInput } from '../../domain/decide.js';
import type { TicketState } from '../../domain/vocabulary.js';
import { dispatchColumns } from '../../services/tickets/ticket-deadlines.js';
import { actor, type CallbackOutcome, HistoryCore } from './history-core.js';

export type { CallbackOutcome, DemoCallback, DemoEvent, DemoTicketUnit, HistoryEnv } from './history-core.js';

export class TicketHistory extends HistoryCore {
  answer(at: number, text: string): boolean {
    return this.act(at, { action: 'answer', reason: text }, this.agent, (now) => ({
      update: { closed_at: now, replied_at: now, reply_text: text.trim() },
    }));
  }

  dispatch(at: number, mainUnitId: number, coUnitIds: readonly number[]): boolean {
    const round = this.row.dispatch_round + 1;
    const done = this.act(at, { action: 'dispatch', mainUnitId, coUnitIds }, this.dispatcher, (now) => {
      const classified = {
        category_id: this.row.category_id,
        urgency: this.row.urgency,
        complex: this.row.complex,
        policy_code: null,
      };
      return {
        update: {
          ...classified,
          area_code: this.row.area_code,
          township_code: this.row.township_code,
          main_unit_id: mainUnitId,
          dispatch_round: round,
          ...dispatchColumns(this.env.ref, classified, now),
        },
        data: { round, categoryId: this.row.category_id },
      };
    });
    if (done) {
      const assignedAt = new Date(at);
      for (const [unitId, role] of [
        [mainUnitId, 'main'] as const,
        ...coUnitIds.map((u) => [u, 'co'] as const),
      ]) {
        this.units.push({
          unitId,
          round,
          role,
          assignedAt,
          signedAt: null,
          repliedAt: null,
          replyText: null,
          active: true,
        });
      }
    }
    return done;
  }

  sign(at: number): boolean {
    const done = this.act(at, { action: 'sign' }, this.mainHandler(), (now) => ({
      update: { signed_at: this.row.signed_at ?? now },
    }));
    if (done) {
      for (const u of this.unitsOfRound())
        if (u.role === 'main' && u.signedAt === null) u.signedAt = new Date(at);
    }
    return done;
  }

  returnTicket(at: number, reason: string, suggestedUnitId: number | null): boolean {
    return this.act(at, { action: 'return', reason }, this.mainHandler(), () => ({
      data: suggestedUnitId ? { suggestedUnitId } : {},
    }));
  }

  approveReturn(at: number): boolean {
    const done = this.act(at, { action: 'approve_return' }, this.dispatcher, () => ({
      data: { unitId: this.row.main_unit_id },
      update: {
        main_unit_id: null,
        sign_due_at: null,
        response_due_at: null,
        reply_due_at: null,
        return_due_at: null,
        extension_requested_until: null,
        card: 'none',
      },
    }));
    if (done) for (const u of this.unitsOfRound()) u.active = false;
    return done;
  }

  rejectReturn(at: number, reason: string): boolean {
    return this.act(at, { action: 'reject_return', reason }, this.dispatcher);
  }

  contact(at: number, note: string | undefined): boolean {
    return this.act(at, { action: 'contact', reason: note }, this.mainHandler(), (now) => ({
      update: { first_contact_at: this.row.first_contact_at ?? now },
    }));
  }

  note(at: number, text: string): boolean {
    return this.act(at, { action: 'note', reason: text }, this.mainHandler());
  }

  requestExtension(at: number, until: Date, reason: string): boolean {
    return this.act(at, { action: 'request_extension', until, reason }, this.mainHandler(), () => ({
      update: { extension_requested_until: until },
    }));
  }

  approveExtension(at: number): boolean {
    return this.act(at, { action: 'approve_extension' }, this.dispatcher, (_now, decision) => {
      const until = new Date(String(decision.event.data.until));
      const row = this.row;
      return {
        data: { previousDueAt: row.reply_due_at?.toISOString() ?? null },
        update: {
          reply_due_at: until,
          extension_requested_until: null,
          card: row.card === 'red' && until > (row.reply_due_at ?? until) ? 'none' : row.card,
        },
      };
    });
  }

  rejectExtension(at: number, reason: string): boolean {
    return this.act(at, { action: 'reject_extension', reason }, this.dispatcher, () => ({
      data: { requestedUntil: this.row.extension_requested_until?.toISOString() ?? null },
      update: { extension_requested_until: null },
    }));
  }

  requestCoUnit(at: number, reason: string, unitIds: readonly number[]): boolean {
    return this.act(at, { action: 'request_co_unit', reason, unitIds }, this.mainHandler());
  }

  addCoUnit(at: number, unitIds: readonly number[]): boolean {
    const done = this.act(at, { action: 'add_co_unit', unitIds }, this.dispatcher);
    if (done) {
      const round = this.row.dispatch_round;
      for (const unitId of unitIds) {
        const existing = this.units.find((u) => u.unitId === unitId && u.round === round);
        if (existing) existing.active = true;
        else {
          const assignedAt = new Date(at);
          this.units.push({
            unitId,
            round,
            role: 'co',
            assignedAt,
            signedAt: null,
            repliedAt: null,
            replyText: null,
            active: true,
          });
        }
      }
    }
    return done;
  }

  coReply(at: number, unitId: number, text: string): boolean {
    const coActor = this.handler(unitId);
    const done = this.act(at, { action: 'co_reply', reason: text }, coActor, () => ({
      data: { unitId: this.coUnitIds().find((u) => coActor.unitIds.includes(u)) ?? null },
    }));
    if (done) {
      for (const u of this.unitsOfRound()) {
        if (u.unitId === unitId) {
          u.repliedAt = new Date(at);
          u.replyText = text;
        }
      }
    }
    return done;
  }

  reply(at: number, text: string): boolean {
    const done = this.act(at, { action: 'reply', reason: text }, this.mainHandler(), (now) => ({
      update: {
        replied_at: now,
        reply_text: text.trim(),
        callback_due_at: computeCallbackDue(this.policy(), now, this.env.ref.calendar),
        extension_requested_until: null,
      },
    }));
    if (done) {
      for (const u of this.unitsOfRound()) {
        if (u.role === 'main') {
          u.repliedAt = new Date(at);
          u.replyText = text.trim();
        }
      }
    }
    return done;
  }

  callback(at: number, outcome: CallbackOutcome, via: 'phone' | 'link', comment?: string): boolean {
    const who = via === 'link' ? actor('citizen', []) : this.dispatcher;
    const input: ActionInput = { action: 'callback', ...outcome, reason: comment };
    const resolved = outcome.reached ? (outcome.resolved ?? null) : null;
    const satisfaction = outcome.reached ? (outcome.satisfaction ?? null) : null;
    const done = this.act(at, input, who, (now) => ({
      update: {
        closed_at: now,
        callback_at: now,
        callback_reached: outcome.reached,
        callback_resolved: resolved,
        callback_satisfaction: satisfaction,
      },
      data: { via },
    }));
    if (done) {
      const c = comment?.trim();
      this.callbacks.push({
        round: this.row.dispatch_round,
        at: new Date(at),
        via,
        reached: outcome.reached,
        resolved,
        satisfaction,
        comment: c ? c : null,
      });
    }
    return done;
  }

  reopen(at: number, reason: string): boolean {
    const round = this.row.dispatch_round + 1;
    const mainUnitId = this.row.main_unit_id;
    const done = this.act(at, { action: 'reopen', reason }, this.dispatcher, (now) => ({
      data: { round },
      update: {
        ...dispatchColumns(this.env.ref, this.row, now, this.row.policy_code),
        dispatch_round: round,
        reopen_count: this.row.reopen_count + 1,
        closed_at: null,
        callback_at: null,
        callback_reached: null,
        callback_resolved: null,
        callback_satisfaction: null,
      },
    }));
    if (done && mainUnitId !== null) {
      const assignedAt = new Date(at);
      this.units.push({
        unitId: mainUnitId,
        round,
        role: 'main',
        assignedAt,
        signedAt: null,
        repliedAt: null,
        replyText: null,
        active: true,
      });
    }
    return done;
  }

  merge(at: number, targetId: number, targetState: TicketState, reason: string): boolean {
    return this.act(at, { action: 'merge', targetId, targetState, reason }, this.agent, () => ({
      update: { merged_into_id: targetId },
    }));
  }

  invalidate(at: number, reason: string): boolean {
    return this.act(at, { action: 'invalidate', reason }, this.dispatcher);
  }

  /** 督办 by the centre; nothing to do when the sweep has already supervised the ticket. */
  supervise(at: number, reason: string): boolean {
    return this.act(
      at,
      { action: 'supervise', reason },
      this.dispatcher,
      () => ({ update: { supervised: true } }),
      () => this.row.supervised,
    );
  }

  exempt(at: number, reason: string): boolean {
    return this.act(
      at,
      { action: 'exempt', reason },
      this.dispatcher,
      () => ({ update: { exempt: true } }),
      () => this.row.exempt,
    );
  }
}
