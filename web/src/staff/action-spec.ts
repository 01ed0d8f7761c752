/**
 * What each ticket action asks for before it is sent: the fields of its body
 * (src/http/schemas/tickets.ts) as form inputs. Whether the action is
 * offered at all comes from the server (`ticket.actions`, which reads the
 * shared policy table), so this file only shapes the forms.
 */
import type { TicketAction } from '@domain/transitions';

export type ActionField =
  | 'reason'
  | 'reasonOptional'
  | 'note'
  | 'noteOptional'
  | 'answer'
  | 'reply'
  | 'until'
  | 'mainUnit'
  | 'coUnits'
  | 'coUnitsOptional'
  | 'targetNumber'
  | 'callback';

export const ACTION_FIELDS: Partial<Record<TicketAction, ActionField[]>> = {
  answer: ['answer'],
  dispatch: ['mainUnit', 'coUnitsOptional', 'reasonOptional'],
  sign: [],
  return: ['reason'],
  approve_return: ['reasonOptional'],
  reject_return: ['reason'],
  contact: ['noteOptional'],
  note: ['note'],
  request_extension: ['until', 'reason'],
  approve_extension: ['reasonOptional'],
  reject_extension: ['reason'],
  request_co_unit: ['reason', 'coUnitsOptional'],
  add_co_unit: ['coUnits', 'reasonOptional'],
  co_reply: ['reply'],
  reply: ['reply'],
  callback: ['callback'],
  reopen: ['reason'],
  merge: ['targetNumber', 'reasonOptional'],
  invalidate: ['reason'],
  supervise: ['reason'],
  unsupervise: ['reason'],
  exempt: ['reason'],
  unexempt: ['reason'],
};

/** URL segment of an action: `request_extension` → `request-extension`. */
export function actionPath(action: TicketAction): string {
  return action.replaceAll('_', '-');
}

export interface ActionValues {
  reason: string;
  note: string;
  text: string;
  until: string;
  mainUnitId: string;
  coUnitIds: string[];
  targetNumber: string;
  reached: boolean;
  resolved: string;
  satisfaction: string;
}

export const EMPTY_VALUES: ActionValues = {
  reason: '',
  note: '',
  text: '',
  until: '',
  mainUnitId: '',
  coUnitIds: [],
  targetNumber: '',
  reached: true,
  resolved: '',
  satisfaction: '',
};

/** The JSON body of the action from the form's values. */
export function actionBody(action: TicketAction, v: ActionValues, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { expectedVersion: version };
  const fields = ACTION_FIELDS[action] ?? [];
  const reason = v.reason.trim();
  for (const f of fields) {
    switch (f) {
      case 'reason':
        body.reason = reason;
        break;
      case 'reasonOptional':
        if (reason) body.reason = reason;
        break;
      case 'note':
        body.note = v.note.trim();
        break;
      case 'noteOptional':
        if (v.note.trim()) body.note = v.note.trim();
        break;
      case 'answer':
        body.answer = v.text.trim();
        break;
      case 'reply':
        body.reply = v.text.trim();
        break;
      case 'until':
        // datetime-local has no zone; the hotline works in Beijing time
        body.until = v.until ? `${v.until.length === 16 ? `${v.until}:00` : v.until}+08:00` : '';
        break;
      case 'mainUnit':
        body.mainUnitId = Number(v.mainUnitId);
        break;
      case 'coUnits':
      case 'coUnitsOptional':
        if (v.coUnitIds.length || f === 'coUnits') {
          body[action === 'dispatch' ? 'coUnitIds' : 'unitIds'] = v.coUnitIds.map(Number);
        }
        break;
      case 'targetNumber':
        body.targetNumber = v.targetNumber.trim();
        break;
      case 'callback':
        body.reached = v.reached;
        if (v.reached) {
          if (v.resolved) body.resolved = v.resolved === 'yes';
          if (v.satisfaction) body.satisfaction = v.satisfaction;
        }
        if (reason) body.comment = reason;
        break;
    }
  }
  return body;
}
