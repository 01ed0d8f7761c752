/**
 * Glue between ticket rows and the pure sweep rules of src/domain/sweep.ts:
 * the clocks of a row (or of a row about to be updated), the cards already
 * issued in its round, the sweep settings, and the `card` and
 * `next_check_at` columns that follow from them. The ticket runner and the
 * sweep both use it, so every change leaves the two columns right.
 */
import type { Executor } from '../../db/database.js';
import type { TicketRow, TicketUpdate } from '../../db/schema.js';
import type { CardColour } from '../../domain/deadlines.js';
import { currentCard, nextCheckAt, type SweepRules, type TicketClocks } from '../../domain/sweep.js';
import type { TicketState } from '../../domain/vocabulary.js';
import type { ReferenceData } from '../reference-cache.js';
import { policyFor } from '../tickets/ticket-deadlines.js';

export interface SweepSettings {
  superviseAfterOverdueHours: number;
  batchSize: number;
}

export const DEFAULT_SWEEP_SETTINGS: SweepSettings = { superviseAfterOverdueHours: 24, batchSize: 500 };

const SETTINGS_TTL_MS = 10_000;
const settingsCache = new WeakMap<object, { at: number; value: SweepSettings }>();

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The `sweep` setting, cached for a few seconds per `cacheKey` (the context's
 * reference cache). Read through `db`, which may be the caller's open
 * transaction: on PGlite the pool has one connection, so reading through the
 * pool while a transaction holds it would wait forever.
 */
export async function sweepSettings(db: Executor, cacheKey: object): Promise<SweepSettings> {
  const cached = settingsCache.get(cacheKey);
  if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.value;
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'sweep').executeTakeFirst();
  const raw = (row?.value ?? {}) as Partial<Record<keyof SweepSettings, unknown>>;
  const value: SweepSettings = {
    superviseAfterOverdueHours: positive(
      raw.superviseAfterOverdueHours,
      DEFAULT_SWEEP_SETTINGS.superviseAfterOverdueHours,
    ),
    batchSize: Math.floor(positive(raw.batchSize, DEFAULT_SWEEP_SETTINGS.batchSize)),
  };
  settingsCache.set(cacheKey, { at: Date.now(), value });
  return value;
}

type ClockColumn =
  | 'state'
  | 'dispatched_at'
  | 'sign_due_at'
  | 'signed_at'
  | 'response_due_at'
  | 'first_contact_at'
  | 'reply_due_at'
  | 'replied_at'
  | 'callback_due_at'
  | 'callback_at'
  | 'supervised'
  | 'card'
  | 'dispatch_round'
  | 'policy_code'
  | 'category_id'
  | 'urgency';

/** The columns the sweep rules read, after `update` is applied to `ticket`. */
export type ClockRow = Pick<TicketRow, ClockColumn>;

function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/** `ticket` as it will be once `update` is written (update values win, timestamps as Dates). */
export function afterUpdate(ticket: TicketRow, update: TicketUpdate): ClockRow {
  const pick = <K extends ClockColumn>(key: K): unknown => (key in update ? update[key] : ticket[key]);
  return {
    state: String(pick('state')),
    dispatched_at: instant(pick('dispatched_at')),
    sign_due_at: instant(pick('sign_due_at')),
    signed_at: instant(pick('signed_at')),
    response_due_at: instant(pick('response_due_at')),
    first_contact_at: instant(pick('first_contact_at')),
    reply_due_at: instant(pick('reply_due_at')),
    replied_at: instant(pick('replied_at')),
    callback_due_at: instant(pick('callback_due_at')),
    callback_at: instant(pick('callback_at')),
    supervised: Boolean(pick('supervised')),
    card: String(pick('card')),
    dispatch_round: Number(pick('dispatch_round')),
    policy_code: (pick('policy_code') as string | null | undefined) ?? null,
    category_id: (pick('category_id') as number | null | undefined) ?? null,
    urgency: String(pick('urgency')),
  };
}

function cardColour(value: string): CardColour {
  return value === 'yellow' || value === 'red' ? value : 'none';
}

export function clocksOf(row: ClockRow): TicketClocks {
  return {
    state: row.state as TicketState,
    dispatchedAt: row.dispatched_at,
    signDueAt: row.sign_due_at,
    signedAt: row.signed_at,
    responseDueAt: row.response_due_at,
    firstContactAt: row.first_contact_at,
    replyDueAt: row.reply_due_at,
    repliedAt: row.replied_at,
    callbackDueAt: row.callback_due_at,
    callbackAt: row.callback_at,
    supervised: row.supervised,
    card: cardColour(row.card),
  };
}

/**
 * The rules for a ticket: its policy's clock mode and yellow share. A ticket
 * whose policy has since been deleted keeps being watched in calendar time
 * rather than making every action on it fail.
 */
export function sweepRulesFor(ref: ReferenceData, row: ClockRow, settings: SweepSettings): SweepRules {
  let mode: SweepRules['mode'] = 'calendar';
  let yellowAt = 0.75;
  const known = row.policy_code ? ref.policies.get(row.policy_code) : undefined;
  try {
    const policy = known ?? policyFor(ref, row);
    mode = policy.mode;
    yellowAt = policy.yellowAt;
  } catch {
    // POLICY_NOT_FOUND: the defaults above
  }
  return {
    mode,
    yellowAt,
    calendar: ref.calendar,
    superviseAfterOverdueHours: settings.superviseAfterOverdueHours,
  };
}

/** Keys (`sign:yellow`, `supervision:red` …) of the cards issued to the ticket in `round`. */
export async function issuedCards(db: Executor, ticketId: number, round: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('ticket_cards')
    .select(['clock', 'colour'])
    .where('ticket_id', '=', ticketId)
    .where('round', '=', round)
    .execute();
  return new Set(rows.map((r) => `${r.clock}:${r.colour}`));
}

/** The `card` and `next_check_at` a row must carry at `now`. */
export function clockColumns(
  row: ClockRow,
  issued: ReadonlySet<string>,
  rules: SweepRules,
  now: Date,
): { card: CardColour; next_check_at: Date | null } {
  const clocks = clocksOf(row);
  const card = currentCard(clocks, rules, now);
  return { card, next_check_at: nextCheckAt({ ...clocks, card }, issued, rules) };
}
