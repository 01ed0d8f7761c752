/**
 * Name and code lookups for import: legacy systems write categories, areas
 * and units by name as often as by code, and vocabulary words in Chinese.
 * Built once per import from the reference data; a name that two rows of the
 * reference data share resolves to nothing (ambiguous), never to a guess.
 */
import type { AreaRow, CategoryRow, UnitRow } from '../db/schema.js';
import { ACTION_LABELS, TICKET_ACTIONS, type TicketAction } from '../domain/transitions.js';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  type Label,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  type RequestType,
  ROLE_LABELS,
  ROLES,
  type Role,
  SATISFACTION_LABELS,
  SATISFACTIONS,
  type Satisfaction,
  STATE_LABELS,
  TICKET_STATES,
  type TicketState,
} from '../domain/vocabulary.js';
import type { ReferenceData } from '../services/reference-cache.js';

export type Found<T> = { ok: true; value: T } | { ok: false; ambiguous: boolean };

const AMBIGUOUS = Symbol('ambiguous');
type Slot<T> = T | typeof AMBIGUOUS;

function add<T>(map: Map<string, Slot<T>>, key: string, value: T): void {
  const k = key.trim();
  if (k === '') return;
  const existing = map.get(k);
  if (existing === undefined) map.set(k, value);
  else if (existing !== value) map.set(k, AMBIGUOUS);
}

function found<T>(slot: Slot<T> | undefined): Found<T> {
  if (slot === undefined) return { ok: false, ambiguous: false };
  if (slot === AMBIGUOUS) return { ok: false, ambiguous: true };
  return { ok: true, value: slot };
}

function vocabulary<T extends string>(codes: readonly T[], labels: Record<T, Label>): Map<string, T> {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(code, code);
    map.set(labels[code].zh, code);
    map.set(labels[code].en.toLowerCase(), code);
  }
  return map;
}

const URGENCY_WORDS = new Map<string, 'normal' | 'urgent'>([
  ['normal', 'normal'],
  ['urgent', 'urgent'],
  ['一般', 'normal'],
  ['普通', 'normal'],
  ['紧急', 'urgent'],
]);

export class Lookups {
  readonly channels = vocabulary<Channel>(CHANNELS, CHANNEL_LABELS);
  readonly types = vocabulary<RequestType>(REQUEST_TYPES, REQUEST_TYPE_LABELS);
  readonly roles = vocabulary<Role>(ROLES, ROLE_LABELS);
  readonly states = vocabulary<TicketState>(TICKET_STATES, STATE_LABELS);
  readonly actions = vocabulary<TicketAction>(TICKET_ACTIONS, ACTION_LABELS);
  readonly satisfactions = vocabulary<Satisfaction>(SATISFACTIONS, SATISFACTION_LABELS);
  readonly urgencies = URGENCY_WORDS;
  /** the hotline centre 热线中心: the unit agents and dispatchers act for, by default */
  readonly centreUnitId: number | null;
  private readonly categories = new Map<string, Slot<CategoryRow>>();
  private readonly areas = new Map<string, Slot<AreaRow>>();
  private readonly units = new Map<string, Slot<UnitRow>>();

  constructor(readonly ref: ReferenceData) {
    for (const c of ref.categories.values()) {
      add(this.categories, c.code, c);
      const parent = c.parent_id === null ? undefined : ref.categories.get(c.parent_id);
      if (parent) {
        for (const sep of ['/', '>', '›', '／']) add(this.categories, `${parent.name}${sep}${c.name}`, c);
        add(this.categories, `${parent.name} / ${c.name}`, c);
      }
      add(this.categories, c.name, c);
    }
    for (const a of ref.areas.values()) {
      add(this.areas, a.code, a);
      add(this.areas, a.name, a);
      if (a.short_name !== a.name) add(this.areas, a.short_name, a);
      const parent = a.parent_code === null ? undefined : ref.areas.get(a.parent_code);
      if (parent) {
        add(this.areas, `${parent.name}/${a.name}`, a);
        add(this.areas, `${parent.short_name}/${a.name}`, a);
      }
    }
    for (const u of ref.units.values()) {
      add(this.units, u.code, u);
      add(this.units, u.name, u);
      if (u.short_name !== u.name) add(this.units, u.short_name, u);
    }
    const centres = [...ref.units.values()]
      .filter((u) => u.peer_group === 'centre')
      .sort((a, b) => a.id - b.id);
    this.centreUnitId = centres[0]?.id ?? null;
  }

  category(value: string): Found<CategoryRow> {
    return found(this.categories.get(value.trim()));
  }

  area(value: string): Found<AreaRow> {
    return found(this.areas.get(value.trim()));
  }

  unit(value: string): Found<UnitRow> {
    return found(this.units.get(value.trim()));
  }

  /** The code written on export: codes always resolve, whatever names collide. */
  categoryCode(id: number | null): string | null {
    return id === null ? null : (this.ref.categories.get(id)?.code ?? null);
  }

  unitCode(id: number | null): string | null {
    return id === null ? null : (this.ref.units.get(id)?.code ?? null);
  }
}
