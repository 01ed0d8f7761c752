/**
 * 逐级上报链 Escalation chains per severity level, as data: who is told
 * first and how many minutes each link has to acknowledge before the next
 * link is told. The defaults below are seeded into `escalation_policies`,
 * where an admin edits them; an incident keeps the chain it started a round
 * with, so an edit never reshuffles a climb already under way.
 */
import { AppError, type FieldIssue } from '../errors.js';
import { INCIDENT_LEVELS, type IncidentLevel, LINK_TARGETS, type LinkTarget } from './vocabulary.js';

export interface ChainLink {
  target: LinkTarget;
  /** minutes this link has to acknowledge before the next one is notified */
  ackMinutes: number;
}

export type EscalationChain = readonly ChainLink[];

const link = (target: LinkTarget, ackMinutes: number): ChainLink => ({ target, ackMinutes });

/**
 * Graver levels climb faster. Level IV stops at the command centre: a
 * general incident does not wake a district leader at night.
 */
export const DEFAULT_CHAINS: Record<IncidentLevel, EscalationChain> = {
  I: [link('unit_duty', 5), link('unit_lead', 5), link('centre_duty', 5), link('district_leader', 10)],
  II: [link('unit_duty', 10), link('unit_lead', 10), link('centre_duty', 10), link('district_leader', 15)],
  III: [link('unit_duty', 15), link('unit_lead', 15), link('centre_duty', 15), link('district_leader', 30)],
  IV: [link('unit_duty', 30), link('unit_lead', 30), link('centre_duty', 60)],
};

export const MAX_CHAIN_LINKS = 8;
export const MAX_ACK_MINUTES = 24 * 60;

/** A chain as an admin may save it: 1–8 links of known targets, 1–1440 minutes each. */
export function validateChain(
  level: string,
  links: readonly { target: string; ackMinutes: number }[],
): ChainLink[] {
  const fields: FieldIssue[] = [];
  if (!(INCIDENT_LEVELS as readonly string[]).includes(level)) {
    fields.push({ path: 'level', code: 'enum', message: `one of ${INCIDENT_LEVELS.join(', ')}` });
  }
  if (links.length === 0 || links.length > MAX_CHAIN_LINKS) {
    fields.push({
      path: 'links',
      code: 'size',
      message: `1–${MAX_CHAIN_LINKS} links / 1–${MAX_CHAIN_LINKS} 级`,
    });
  }
  links.forEach((l, i) => {
    if (!(LINK_TARGETS as readonly string[]).includes(l.target)) {
      fields.push({ path: `links.${i}.target`, code: 'enum', message: `one of ${LINK_TARGETS.join(', ')}` });
    }
    if (!Number.isInteger(l.ackMinutes) || l.ackMinutes < 1 || l.ackMinutes > MAX_ACK_MINUTES) {
      fields.push({
        path: `links.${i}.ackMinutes`,
        code: 'range',
        message: `whole minutes 1–${MAX_ACK_MINUTES} / 1–${MAX_ACK_MINUTES} 分钟`,
      });
    }
  });
  if (fields.length > 0) throw new AppError('ESCALATION_CHAIN_INVALID', { level }, fields);
  return links.map((l) => ({ target: l.target as LinkTarget, ackMinutes: l.ackMinutes }));
}

/** A chain read back from storage; anything malformed falls back to the default of the level. */
export function chainOrDefault(level: IncidentLevel, stored: unknown): EscalationChain {
  if (!Array.isArray(stored)) return DEFAULT_CHAINS[level];
  try {
    return validateChain(level, stored as { target: string; ackMinutes: number }[]);
  } catch {
    return DEFAULT_CHAINS[level];
  }
}
