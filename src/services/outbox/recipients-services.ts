/**
 * Recipients of 全程网办 messages that only exist at send time:
 * `authorisation:<id>` is the villager's phone on that authorisation,
 * decrypted now so that no number is ever stored in the outbox. The SMS that
 * tells a villager of a new authorisation gets its one-time link here, at
 * send time, like the callback link of a reply SMS.
 */
import type { OutboxRow } from '../../db/schema.js';
import { authorisationLinkUrl, createAuthorisationLink } from '../authorisations/authorisation-links.js';
import type { ServiceContext } from '../context.js';
import { renderTemplate } from './templates.js';
import { idempotencyKeyOf, type RenderedMessage } from './transports.js';

export function isServiceRecipient(row: Pick<OutboxRow, 'recipient'>): boolean {
  return row.recipient.startsWith('authorisation:');
}

export async function prepareServiceMessage(
  ctx: ServiceContext,
  row: OutboxRow,
): Promise<{ message: RenderedMessage } | { nothing: string }> {
  const id = Number(row.recipient.slice('authorisation:'.length));
  const authorisation = Number.isSafeInteger(id)
    ? await ctx.db.selectFrom('service_authorisations').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!authorisation) return { nothing: 'no such authorisation: nothing to send' };
  if (row.channel !== 'sms') return { nothing: `authorisation recipients take SMS only, not ${row.channel}` };
  const payload: Record<string, unknown> = { ...(row.payload ?? {}) };
  if (row.template === 'svc_authorisation_granted' && authorisation.withdrawn_at === null) {
    const token = await createAuthorisationLink(ctx, { authorisation });
    payload.link = authorisationLinkUrl(ctx.config.publicUrl, token);
  }
  const words = renderTemplate(row.template, payload, { publicUrl: ctx.config.publicUrl });
  return {
    message: {
      outboxId: row.id,
      idempotencyKey: idempotencyKeyOf(row.id),
      channel: 'sms',
      to: ctx.cipher.decrypt(authorisation.villager_phone_enc),
      template: row.template,
      title: words.title,
      body: words.body,
      text: words.sms,
      payload,
      ticketId: null,
      at: ctx.clock(),
    },
  };
}
