/**
 * Rebuilds what a ticket's event log says about it — state, flags, main
 * unit, a pending extension — from the events alone, for the properties
 * "the event log always replays to the stored state" (unit fuzzing of the
 * domain, and the same on real databases in audit-verify.test.ts).
 */
export interface LoggedEvent {
  action: string;
  toState: string;
  data: Record<string, unknown>;
}

export interface ReplayedTicket {
  state: string | null;
  supervised: boolean;
  exempt: boolean;
  mainUnitId: number | null;
  extensionPending: boolean;
}

export function replayLog(events: readonly LoggedEvent[]): ReplayedTicket {
  const t: ReplayedTicket = {
    state: null,
    supervised: false,
    exempt: false,
    mainUnitId: null,
    extensionPending: false,
  };
  for (const e of events) {
    t.state = e.toState;
    switch (e.action) {
      case 'dispatch':
        t.mainUnitId = typeof e.data.mainUnitId === 'number' ? e.data.mainUnitId : null;
        t.extensionPending = false;
        break;
      case 'approve_return':
        t.mainUnitId = null;
        t.extensionPending = false;
        break;
      case 'reopen':
      case 'reply':
        t.extensionPending = false;
        break;
      case 'request_extension':
        t.extensionPending = true;
        break;
      case 'approve_extension':
      case 'reject_extension':
        t.extensionPending = false;
        break;
      case 'supervise':
        t.supervised = true;
        break;
      case 'unsupervise':
        t.supervised = false;
        break;
      case 'exempt':
        t.exempt = true;
        break;
      case 'unexempt':
        t.exempt = false;
        break;
      default:
        break;
    }
  }
  return t;
}
