/**
 * What the JSON API sends, as the web app reads it (dates are ISO strings on
 * the wire). Mirrors src/http/presenters/ticket.ts and the route answers; the
 * server's own types pull in Node and database modules, so they are restated
 * here rather than imported.
 */
import type { TicketAction } from '@domain/transitions';
import type { Label, Role, TicketState } from '@domain/vocabulary';

export type { Label, Role, TicketAction, TicketState };

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  nameEn: string;
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: Label;
  unitId: number | null;
  unitName: string | null;
  unitIds: number[];
}

export interface MeResponse {
  user: CurrentUser;
  csrfToken: string;
}

/** A ticket as the lists send it (GET /api/tickets, caller history): what a row of a list shows. */
export interface TicketListItem {
  id: number;
  number: string;
  version: number;
  state: TicketState;
  stateLabel: Label;
  type: string;
  typeLabel: Label;
  channel: string;
  channelLabel: Label;
  urgency: string;
  title: string;
  category: { id: number; code: string; name: string; nameEn: string } | null;
  township: { code: string; name: string; shortName: string } | null;
  mainUnit: UnitRef | null;
  receivedAt: string;
  deadlines: { next: string | null };
  card: string;
  supervised: boolean;
  updatedAt: string;
}

/** A ticket without its texts and media, as the assessment's ticket lists send it; the detail adds those. */
export interface TicketSummary extends TicketListItem {
  // the list row's fields, and these; category and deadlines carry more than the row's
  complex: boolean;
  category: {
    id: number;
    code: string;
    name: string;
    nameEn: string;
    parent: { id: number; name: string; nameEn: string } | null;
  } | null;
  area: { code: string; name: string; shortName: string } | null;
  address: string | null;
  citizen: { anonymous: boolean; name: string | null; phone: string | null; canReveal: boolean };
  /** the routing rules' choice at intake (category × area), preset in the dispatch form */
  suggestedUnit?: UnitRef | null;
  coUnits: (UnitRef | null)[];
  dispatchedAt: string | null;
  signedAt: string | null;
  firstContactAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  deadlines: {
    sign: string | null;
    response: string | null;
    reply: string | null;
    return: string | null;
    callback: string | null;
    next: string | null;
  };
  extensionRequestedUntil: string | null;
  exempt: boolean;
  mergedIntoId: number | null;
  reopenCount: number;
  reply: string | null;
  callback: {
    at: string;
    reached: boolean | null;
    resolved: boolean | null;
    satisfaction: string | null;
  } | null;
  actions: { action: TicketAction; label: Label }[];
}

export interface Ticket extends TicketSummary {
  description: string;
  attributes: Record<string, string | string[]>;
  mediaUrls: string[];
}

export interface TicketPage {
  items: TicketListItem[];
  nextCursor: string | null;
}

export interface TicketEvent {
  seq: number;
  action: string;
  actionLabel: Label;
  fromState: string | null;
  toState: string | null;
  at: string;
  actor: { role: string; name: string | null; unit: { id: number; name: string; nameEn: string } | null };
  reason: string | null;
  data: Record<string, unknown>;
  public: boolean;
}

export interface TrackResult {
  number: string;
  state: TicketState;
  stateLabel: Label;
  title: string;
  category: { name: string; nameEn: string } | null;
  receivedAt: string;
  replyDueAt: string | null;
  reply: string | null;
  closedAt: string | null;
  timeline: {
    action: string;
    label: Label;
    at: string;
    unit: { name: string; nameEn: string } | null;
    text: string | null;
  }[];
}

export interface CallbackFacts {
  ticketNumber: string;
  title: string;
  replyText: string | null;
  repliedAt: string | null;
  expiresAt: string;
}

/** Reference data for pickers and dispatch (GET /api/web/reference). */
export interface RefArea {
  code: string;
  name: string;
  shortName: string;
  level: string;
  parentCode: string | null;
  townshipCode: string | null;
  lat: number | null;
  lng: number | null;
}
export interface RefCategory {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  parentId: number | null;
  level: number;
}
export interface RefUnit {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
  peerGroup: string;
  parentId: number | null;
}
export interface Reference {
  areas: RefArea[];
  categories: RefCategory[];
  units: RefUnit[];
  version: string;
}
