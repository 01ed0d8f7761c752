/** The escalation chain of each level as the admins last saved it; the default where none is saved. */
import type { Executor } from '../../db/database.js';
import { chainOrDefault, DEFAULT_CHAINS, type EscalationChain } from '../../domain/emergency/chains.js';
import { type IncidentLevel, isIncidentLevel } from '../../domain/emergency/vocabulary.js';

export type Chains = Record<IncidentLevel, EscalationChain>;

export async function loadChains(db: Executor): Promise<Chains> {
  const rows = await db.selectFrom('escalation_policies').selectAll().execute();
  const chains: Chains = { ...DEFAULT_CHAINS };
  for (const row of rows) {
    if (isIncidentLevel(row.level)) chains[row.level] = chainOrDefault(row.level, row.links);
  }
  return chains;
}

export function chainJson(chain: EscalationChain): string {
  return JSON.stringify(chain.map((l) => ({ target: l.target, ackMinutes: l.ackMinutes })));
}
