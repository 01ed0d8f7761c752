/**
 * The answer of the ticket lists (GET /api/tickets and the caller history):
 * what a list screen shows of a ticket — number, title, place, category,
 * state, handling unit and the next deadline — and the fields its filters
 * speak of. The full ticket (texts, personal data, every clock, the actions
 * the viewer may take) is GET /api/tickets/:id; a page of 50 full tickets
 * was about 90 KB of JSON and most of the time of a search.
 */
import { z } from 'zod';
import { CHANNELS, REQUEST_TYPES, TICKET_STATES, URGENCIES } from '../../domain/vocabulary.js';

const label = z.object({ zh: z.string(), en: z.string() });
const instant = z.string().describe('ISO 8601 date-time, UTC');

export const ticketListItem = z.object({
  id: z.number().int(),
  number: z.string(),
  /** the ticket's event count: the expectedVersion of its next action */
  version: z.number().int(),
  state: z.enum(TICKET_STATES),
  stateLabel: label,
  type: z.enum(REQUEST_TYPES),
  typeLabel: label,
  channel: z.enum(CHANNELS),
  channelLabel: label,
  urgency: z.enum(URGENCIES),
  title: z.string(),
  category: z
    .object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string() })
    .nullable(),
  township: z.object({ code: z.string(), name: z.string(), shortName: z.string() }).nullable(),
  mainUnit: z
    .object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string() })
    .nullable(),
  receivedAt: instant,
  deadlines: z.object({
    next: instant.nullable().describe('the nearest running clock, null when none runs'),
  }),
  card: z.enum(['none', 'yellow', 'red']),
  supervised: z.boolean(),
  updatedAt: instant,
});
export type TicketListItem = z.output<typeof ticketListItem>;

export const ticketListPage = z.object({
  items: z.array(ticketListItem),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last'),
});
export type TicketListPage = z.output<typeof ticketListPage>;
