/**
 * The machinery under TicketHistory (history.ts): a ticket row in memory,
 * its event log and side rows, and `act`, which does what the ticket runner
 * (run-ticket-action.ts) does for every use case — let the sweep catch up,
 * ask the domain (`decide`) on the same snapshot, append the hash-chained
 * event with the same actor, unit and data, update the row with the use
 * case's effects, then the `card` and `next_check_at` the clocks call for.
 * Nothing happens after `until`: the first step dated later stops the ticket
 * where it is, so recent tickets are left open in whatever state they reached.
 */

import { eventHash, type NewEvent } from '../../db/repositories/ticket-events.js';
import type { TicketRow, TicketUpdate } from '../../db/schema.js';
import type { DeadlinePolicy } from '../../domain/deadlines.js';
import { type ActionInput, type Actor, type Decision, decide } from '../../domain/decide.js';
import type { Role, Satisfaction, TicketState } from '../../domain/vocabulary.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import { snapshotOf } from '../../services/tickets/run-ticket-action.js';
import { policyFor } from '../../services/tickets/ticket-deadlines.js';
import type { DemoCard, SweepMirror, SweepTarget } from './sweep-mirror.js';

export interface DemoEvent extends NewEvent {
  hash: string;
}

export interface DemoTicketUnit {
  unitId: number;
  round: number;
  role: 'main' | 'co';
  assignedAt: Date;
  signedAt: Date | null;
  repliedAt: Date | null;
  replyText: string | null;
  active: boolean;
}

export interface DemoCallback {
  round: number;
  at: Date;
  via: 'phone' | 'link';
  reached: boolean;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  comment: string | null;
}

export interface HistoryEnv {
  ref: ReferenceData;
  /** epoch ms; nothing is dated after it */
  until: number;
  sweep: SweepMirror;
  /** the hotline centre, the unit agents and dispatchers act for */
  centreUnitId: number;
}

export interface CallbackOutcome {
  reached: boolean;
  resolved?: boolean;
  satisfaction?: Satisfaction;
}

export function actor(role: Role, unitIds: readonly number[]): Actor {
  return { role, userId: null, unitIds };
}

/** The unit on whose behalf the actor acted (as run-ticket-action records it). */
function actingUnit(a: Actor, ticket: TicketRow): number | null {
  if (ticket.main_unit_id !== null && a.unitIds.includes(ticket.main_unit_id)) return ticket.main_unit_id;
  return a.unitIds[0] ?? null;
}

export type Effects = (
  now: Date,
  decision: Decision,
) => { update?: TicketUpdate; data?: Record<string, unknown> };

export class HistoryCore implements SweepTarget {
  readonly events: DemoEvent[] = [];
  readonly units: DemoTicketUnit[] = [];
  readonly callbacks: DemoCallback[] = [];
  readonly cards: DemoCard[] = [];
  /** true once a step fell after `until`: every later step is skipped */
  halted = false;
  /** ticket_cards keys issued per dispatch round */
  private readonly issued = new Map<number, Set<string>>();
  protected readonly agent: Actor;
  protected readonly dispatcher: Actor;
  protected readonly system: Actor = actor('system', []);

  constructor(
    protected readonly env: HistoryEnv,
    readonly row: TicketRow,
    intakeActor: Actor,
  ) {
    this.agent = actor('agent', [env.centreUnitId]);
    this.dispatcher = actor('dispatcher', [env.centreUnitId]);
    // Intake writes its event by hand (intake-ticket.ts), after the domain has approved the actor.
    decide(null, { action: 'intake' }, intakeActor, row.received_at, env.ref.decide);
    const event: NewEvent = {
      ticketId: row.id,
      seq: 1,
      action: 'intake',
      fromState: null,
      toState: 'received',
      actorUserId: intakeActor.userId,
      actorRole: intakeActor.role,
      actorUnitId: intakeActor.unitIds[0] ?? null,
      at: row.received_at,
      reason: null,
      data: { channel: row.channel, type: row.type },
      public: true,
    };
    const hash = eventHash(null, event);
    this.events.push({ ...event, hash });
    Object.assign(row, { state: 'received', event_count: 1, last_event_hash: hash, next_check_at: null });
  }

  get state(): TicketState {
    return this.row.state as TicketState;
  }

  /** Time of the latest event. */
  get lastAt(): number {
    return (this.events[this.events.length - 1] as DemoEvent).at.getTime();
  }

  handler(unitId: number): Actor {
    return actor('handler', [unitId]);
  }

  /** Runs the sweep up to `until`: cards and supervision of whatever is still open then. */
  finish(): void {
    this.env.sweep.catchUp(this, this.env.until + 1);
  }

  // ---- what the sweep mirror needs ---------------------------------------------------

  issuedIn(round: number): Set<string> {
    let set = this.issued.get(round);
    if (!set) {
      set = new Set();
      this.issued.set(round, set);
    }
    return set;
  }

  applySystem(now: Date, input: ActionInput, data: Record<string, unknown>, update?: TicketUpdate): void {
    this.record(now, input, this.system, () => ({ data, update }));
  }

  addCard(card: DemoCard): void {
    this.cards.push(card);
  }

  // ---- machinery -----------------------------------------------------------------

  protected mainHandler(): Actor {
    return this.handler(this.row.main_unit_id ?? 0);
  }

  protected unitsOfRound(): DemoTicketUnit[] {
    return this.units.filter((u) => u.round === this.row.dispatch_round);
  }

  /** Co-handling units (协办) active in the current round. */
  coUnitIds(): number[] {
    // A loop rather than filter/map: this runs for every event of every ticket.
    const ids: number[] = [];
    const round = this.row.dispatch_round;
    for (const u of this.units) if (u.round === round && u.role === 'co' && u.active) ids.push(u.unitId);
    return ids;
  }

  protected policy(): DeadlinePolicy {
    const code = this.row.policy_code;
    return (code ? this.env.ref.policies.get(code) : undefined) ?? policyFor(this.env.ref, this.row);
  }

  /**
   * One use case: the sweep first catches up to `at`, then the domain judges
   * the action on the current snapshot, the event is chained and the row updated.
   */
  protected act(
    at: number,
    input: ActionInput,
    who: Actor,
    effects?: Effects,
    alreadyDone?: () => boolean,
  ): boolean {
    if (this.halted) return false;
    this.env.sweep.catchUp(this, Math.min(at, this.env.until + 1));
    if (at > this.env.until) {
      this.halted = true;
      return false;
    }
    if (alreadyDone?.()) return true;
    this.record(new Date(Math.max(at, this.lastAt)), input, who, effects);
    return true;
  }

  private record(now: Date, input: ActionInput, who: Actor, effects?: Effects): void {
    const row = this.row;
    const decision = decide(snapshotOf(row, this.coUnitIds()), input, who, now, this.env.ref.decide);
    const effect = effects ? effects(now, decision) : {};
    const event: DemoEvent = {
      ticketId: row.id,
      seq: row.event_count + 1,
      action: decision.event.action,
      fromState: decision.event.fromState,
      toState: decision.event.toState,
      actorUserId: who.userId,
      actorRole: who.role,
      actorUnitId: actingUnit(who, row),
      at: now,
      reason: decision.event.reason,
      data: { ...decision.event.data, ...effect.data },
      public: decision.event.public,
      hash: '',
    };
    // The hash covers the event's fields, not `hash` itself (eventHash reads the NewEvent fields only).
    event.hash = eventHash(row.last_event_hash, event);
    this.events.push(event);
    Object.assign(row, effect.update, { state: decision.to });
    // The ticket runner then sets the card and next sweep check the new clocks call for, over the effects' own.
    Object.assign(row, this.env.sweep.columns(row, this.issuedIn(row.dispatch_round), now), {
      event_count: event.seq,
      last_event_hash: event.hash,
      updated_at: now,
    });
  }
}
