/**
 * Who hears of an application's progress, as outbox messages: the department
 * (in-app, `unit:<id>`), the applicant's account and the village agent who
 * filed it (in-app, `user:<id>`), and a villager without an account by SMS to
 * the phone on the authorisation (`authorisation:<id>`, resolved only at send
 * time so that no number is written to the outbox). Payloads carry no
 * personal data: the number, the matter and what happened.
 */
import type { ApplicationRow } from '../../db/schema-services.js';
import type { OutboxMessage } from '../outbox.js';

export interface NoticeFacts {
  number: string;
  matter: { zh: string; en: string };
}

/** Messages to the applicant side; `key` makes each delivery happen once. */
export function toApplicant(
  app: Pick<
    ApplicationRow,
    'id' | 'applicant_user_id' | 'filed_by_user_id' | 'filed_by_role' | 'authorisation_id'
  >,
  template: string,
  payload: Record<string, unknown>,
  key: string,
): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  const users = new Set<number>();
  if (app.applicant_user_id !== null) users.add(app.applicant_user_id);
  if (app.filed_by_role === 'village_agent') users.add(app.filed_by_user_id);
  for (const user of users) {
    out.push({
      channel: 'inapp',
      recipient: `user:${user}`,
      template,
      payload: { applicationId: app.id, ...payload },
      dedupeKey: `${key}:user:${user}`,
    });
  }
  if (app.authorisation_id !== null) {
    out.push({
      channel: 'sms',
      recipient: `authorisation:${app.authorisation_id}`,
      template,
      payload: { applicationId: app.id, ...payload },
      dedupeKey: `${key}:sms:${app.authorisation_id}`,
    });
  }
  return out;
}

export function toDepartment(
  app: Pick<ApplicationRow, 'id' | 'department_id'>,
  template: string,
  payload: Record<string, unknown>,
  key: string,
): OutboxMessage {
  return {
    channel: 'inapp',
    recipient: `unit:${app.department_id}`,
    template,
    payload: { applicationId: app.id, ...payload },
    dedupeKey: `${key}:unit:${app.department_id}`,
  };
}
