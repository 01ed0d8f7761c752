/**
 * Notifications are rows in the outbox, written in the same transaction as the
 * change that causes them; a worker delivers them after commit. A message
 * with a dedupe key is written at most once, whoever tries.
 */
import type { Executor } from '../db/database.js';

export type OutboxChannel = 'sms' | 'email' | 'inapp' | 'webhook';

export interface OutboxMessage {
  channel: OutboxChannel;
  /** phone number, e-mail address, `user:<id>`, `unit:<id>` or a webhook name */
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  dedupeKey?: string;
  availableAt?: Date;
}

/** The outbox rows of messages (a use case writing them inside a larger statement uses these). */
export function outboxValues(messages: readonly OutboxMessage[]) {
  return messages.map((m) => ({
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    payload: JSON.stringify(m.payload),
    dedupe_key: m.dedupeKey ?? null,
    ...(m.availableAt ? { available_at: m.availableAt } : {}),
  }));
}

export async function enqueue(db: Executor, messages: readonly OutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const result = await db
    .insertInto('outbox')
    .values(outboxValues(messages))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
