/** The rows one replayed import ticket writes, and what the replay needs from outside. */
import type { NewEvent } from '../db/repositories/ticket-events.js';
import type { TicketRow } from '../db/schema.js';
import type { PersonalDataCipher } from '../security/personal-data.js';
import type { ReferenceData } from '../services/reference-cache.js';
import type { SweepSettings } from '../services/sweep/ticket-clocks.js';
import type { RowIssue } from './format.js';

export interface ReplayedEvent extends NewEvent {
  hash: string;
}

export interface ReplayedUnit {
  unitId: number;
  round: number;
  role: 'main' | 'co';
  assignedAt: Date;
  signedAt: Date | null;
  repliedAt: Date | null;
  replyText: string | null;
  active: boolean;
}

export interface ReplayedCallback {
  round: number;
  at: Date;
  via: 'phone' | 'link' | 'import';
  reached: boolean;
  resolved: boolean | null;
  satisfaction: string | null;
  comment: string | null;
}

export interface ReplayedCard {
  round: number;
  clock: string;
  colour: string;
  issuedAt: Date;
  unitId: number | null;
}

/** Everything one imported ticket writes. */
export interface ReplayedTicket {
  row: TicketRow;
  events: ReplayedEvent[];
  units: ReplayedUnit[];
  callbacks: ReplayedCallback[];
  cards: ReplayedCard[];
}

export interface ReplayEnv {
  ref: ReferenceData;
  cipher: PersonalDataCipher;
  sweep: SweepSettings;
  centreUnitId: number | null;
  /** a merge target by ticket number: in the database or earlier in the import */
  mergeTarget(number: string): { id: number; state: string } | null;
}

/** A step the lifecycle refuses: the row is rejected with this issue. */
export class StepRefused extends Error {
  constructor(readonly issue: RowIssue) {
    super(issue.en);
  }
}

export function activeCoUnits(row: TicketRow, out: ReplayedTicket): number[] {
  return out.units
    .filter((u) => u.round === row.dispatch_round && u.role === 'co' && u.active)
    .map((u) => u.unitId);
}
