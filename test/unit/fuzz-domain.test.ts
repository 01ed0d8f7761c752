/**
 * Property-based tests (fast-check) of the ticket lifecycle: random
 * sequences of actions by random actors at random times, applied as the use
 * cases apply them. Whatever happens, `decide` either answers within the
 * transition table or refuses with a typed error; no sequence reaches a
 * state outside the vocabulary or leaves a finished ticket; the event log
 * replays to the ticket's state; and the hash chain over that log catches
 * any edit, deletion or reordering.
 *
 * JIESU_FUZZ_RUNS scales the number of sequences (default 600 in CI).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { eventHash, eventRow, type NewEvent } from '../../src/db/repositories/ticket-events.js';
import type { EventRow } from '../../src/db/schema.js';
import { type Actor, decide, type TicketSnapshot } from '../../src/domain/decide.js';
import { isAppError } from '../../src/domain/errors.js';
import { errorCatalogue } from '../../src/domain/messages.js';
import { ruleFor } from '../../src/domain/transitions.js';
import { TICKET_STATES } from '../../src/domain/vocabulary.js';
import { checkChain } from '../../src/services/audit-verify.js';
import { apply, type Step, step } from '../support/lifecycle-arbitraries.js';
import { type LoggedEvent, replayLog } from '../support/replay-log.js';

const RUNS = Number(process.env.JIESU_FUZZ_RUNS ?? 600);
const counts = { sequences: 0, actions: 0, accepted: 0, refused: 0, tamperings: 0 };

afterAll(() => {
  console.log(`fuzz-domain: ${JSON.stringify(counts)}`);
});

interface Played {
  ticket: TicketSnapshot;
  events: NewEvent[];
}

function play(steps: readonly Step[]): Played {
  counts.sequences++;
  let now = new Date('2024-11-26T02:00:00Z');
  const intake = decide(null, { action: 'intake' }, { role: 'agent', userId: 1, unitIds: [] }, now);
  let ticket: TicketSnapshot = {
    id: 1,
    state: intake.to,
    mainUnitId: null,
    coUnitIds: [],
    dispatchedAt: null,
    returnDueAt: null,
    replyDueAt: null,
    closedAt: null,
    extensionRequestedUntil: null,
    lastCallbackResolved: null,
    supervised: false,
    exempt: false,
  };
  const events: NewEvent[] = [event(1, intake.event, { role: 'agent', userId: 1, unitIds: [] }, now)];
  for (const s of steps) {
    counts.actions++;
    now = new Date(now.getTime() + s.advanceMs);
    const input = s.make(now);
    const before = ticket.state;
    let decision: ReturnType<typeof decide>;
    try {
      decision = decide(ticket, input, s.actor, now);
    } catch (err) {
      counts.refused++;
      // Refusals are typed, with a code of the catalogue: never a TypeError or a bare Error.
      if (!isAppError(err) || !(err.code in errorCatalogue)) throw err;
      continue;
    }
    counts.accepted++;
    const rule = ruleFor(input.action);
    expect(rule.from).not.toBeNull();
    expect(rule.from).toContain(before);
    expect(rule.roles).toContain(s.actor.role);
    expect(decision.to).toBe(rule.to === 'same' ? before : rule.to);
    expect(TICKET_STATES).toContain(decision.to);
    expect(['merged', 'invalid']).not.toContain(before);
    ticket = apply(ticket, input, decision.to, now);
    events.push(event(events.length + 1, decision.event, s.actor, now));
  }
  return { ticket, events };
}

function event(seq: number, e: ReturnType<typeof decide>['event'], a: Actor, at: Date): NewEvent {
  return {
    ticketId: 1,
    seq,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    actorUserId: a.userId,
    actorRole: a.role,
    actorUnitId: a.unitIds[0] ?? null,
    at,
    reason: e.reason,
    data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>,
    public: e.public,
  };
}

/** The log as rows, with the chain of hashes the service would have written. */
function rowsOf(events: readonly NewEvent[]): EventRow[] {
  let previous: string | null = null;
  return events.map((e, i) => {
    const hash = eventHash(previous, e);
    previous = hash;
    return eventRow(e, i + 1, hash);
  });
}

function head(rows: readonly EventRow[], state: string) {
  return {
    id: 1,
    number: 'HR-FUZZ',
    state,
    event_count: rows.length,
    last_event_hash: rows[rows.length - 1]?.hash ?? null,
  };
}

describe('the ticket lifecycle under random action sequences', () => {
  it('never reaches an undefined state, and the event log replays to the ticket', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { ticket, events } = play(steps);
        const logged: LoggedEvent[] = events.map((e) => ({
          action: e.action,
          toState: e.toState,
          data: e.data,
        }));
        const replayed = replayLog(logged);
        expect(replayed.state).toBe(ticket.state);
        expect(replayed.supervised).toBe(ticket.supervised);
        expect(replayed.exempt).toBe(ticket.exempt);
        expect(replayed.mainUnitId).toBe(ticket.mainUnitId);
        expect(replayed.extensionPending).toBe(ticket.extensionRequestedUntil !== null);
        const rows = rowsOf(events);
        expect(checkChain(head(rows, ticket.state), rows)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('random sequences reach every state of the vocabulary', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 60 }), (steps) => {
        for (const e of play(steps).events) seen.add(e.toState);
      }),
      { numRuns: Math.max(200, RUNS / 2) },
    );
    expect([...seen].sort()).toEqual([...TICKET_STATES].sort());
  });

  it('the hash chain catches an edited, deleted, reordered or re-hashed event', () => {
    const tamper = fc.record({
      kind: fc.constantFrom('reason', 'at', 'data', 'actor', 'delete', 'swap', 'rehash-one', 'state'),
      at: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 3, maxLength: 25 }), tamper, (steps, t) => {
        const { ticket, events } = play(steps);
        const rows = rowsOf(events);
        const i = t.at % rows.length;
        const edited = rows.map((r) => ({ ...r }));
        const target = edited[i] as EventRow;
        let state = ticket.state as string;
        switch (t.kind) {
          case 'reason':
            target.reason = `${target.reason ?? ''}改`;
            break;
          case 'at':
            target.at = new Date(target.at.getTime() + 1000);
            break;
          case 'data':
            target.data = { ...target.data, forged: true };
            break;
          case 'actor':
            target.actor_role = target.actor_role === 'admin' ? 'agent' : 'admin';
            break;
          case 'delete':
            edited.splice(i, 1);
            break;
          case 'swap':
            if (edited.length < 2) return;
            edited.splice(i, 1);
            edited.splice((i + 1) % (edited.length + 1), 0, target);
            if (edited.every((r, k) => r.id === rows[k]?.id)) return;
            break;
          case 'rehash-one':
            // A forger who also recomputes the edited event's own hash breaks the next link (or the head).
            target.reason = `${target.reason ?? ''}改`;
            target.hash = eventHash(i === 0 ? null : (edited[i - 1]?.hash ?? null), {
              ticketId: target.ticket_id,
              seq: target.seq,
              action: target.action,
              fromState: target.from_state,
              toState: target.to_state,
              actorUserId: target.actor_user_id,
              actorRole: target.actor_role,
              actorUnitId: target.actor_unit_id,
              at: target.at,
              reason: target.reason,
              data: target.data,
              public: target.public,
            });
            break;
          case 'state':
            state = state === 'closed' ? 'received' : 'closed';
            break;
        }
        counts.tamperings++;
        // The ticket row still holds what it held before the tampering (count and head hash).
        const stored = { ...head(rows, state) };
        expect(checkChain(stored, edited)).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});
