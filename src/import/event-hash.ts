/**
 * The event hash of ticket-events.ts (`eventHash`), computed without
 * building, listing and sorting the top-level object for each event: its
 * twelve keys are fixed, so their sorted order is written out here. Only
 * `data` goes through canonicalJson. An import hashes ~7 events a ticket,
 * and this was a tenth of its replay time. test/unit/import-event-hash
 * checks it against eventHash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type NewEvent } from '../db/repositories/ticket-events.js';

/** `,"key":value` as canonicalJson writes it; an undefined value drops its key there, and here. */
function field(key: string, v: unknown): string {
  if (v === undefined) return '';
  return `,"${key}":${v !== null && typeof v === 'object' ? canonicalJson(v) : JSON.stringify(v)}`;
}

export function importEventHash(previous: string | null, e: NewEvent): string {
  // Sorted as canonicalJson sorts keys: by UTF-16 code units.
  const fields =
    field('action', e.action) +
    field('at', e.at.toISOString()) +
    field('data', e.data) +
    field('from', e.fromState) +
    field('public', e.public) +
    field('reason', e.reason) +
    field('role', e.actorRole) +
    field('seq', e.seq) +
    field('ticket', e.ticketId) +
    field('to', e.toState) +
    field('unit', e.actorUnitId) +
    field('user', e.actorUserId);
  return createHash('sha256')
    .update(previous ?? '')
    .update('\n')
    .update(`{${fields.slice(1)}}`)
    .digest('hex');
}
