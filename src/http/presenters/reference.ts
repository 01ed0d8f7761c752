/**
 * Reference data as clients see it: camelCase, labels in both languages,
 * durations as '2h' text, trees nested. Never raw rows.
 */
import type { AttributeRow, RoutingRuleRow } from '../../db/repositories/reference-lists.js';
import type { AreaRow, CategoryRow, PolicyRow, UnitRow } from '../../db/schema.js';
import { PEER_GROUP_LABELS, type PeerGroup } from '../../domain/vocabulary.js';

export function presentArea(a: AreaRow) {
  return {
    code: a.code,
    name: a.name,
    shortName: a.short_name,
    level: a.level,
    parentCode: a.parent_code,
    townshipCode: a.township_code,
    lat: a.lat,
    lng: a.lng,
    aliases: a.aliases,
  };
}

export function presentUnit(u: UnitRow, areaCodes: string[]) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.name_en,
    shortName: u.short_name,
    peerGroup: u.peer_group,
    peerGroupLabel: PEER_GROUP_LABELS[u.peer_group as PeerGroup] ?? { zh: u.peer_group, en: u.peer_group },
    parentId: u.parent_id,
    path: u.path,
    depth: u.path.split('/').filter(Boolean).length - 1,
    phone: u.phone,
    active: u.active,
    areaCodes,
  };
}

export function presentAttribute(a: AttributeRow) {
  return {
    id: a.id,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    variable: a.variable,
    description: a.description,
    descriptionEn: a.description_en,
    datatypeDescription: a.datatype_description,
    order: a.sort,
    values: a.values,
  };
}

export function presentCategory(c: CategoryRow, attributes: AttributeRow[] = []) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    level: c.level,
    parentId: c.parent_id,
    description: c.description,
    keywords: c.keywords,
    policyCode: c.policy_code,
    utilityOutage: c.utility_outage,
    sort: c.sort,
    active: c.active,
    ...(c.level === 2 ? { attributes: attributes.map(presentAttribute) } : {}),
  };
}

export function presentPolicy(p: PolicyRow) {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.name_en,
    mode: p.mode,
    sign: p.sign,
    response: p.response,
    reply: p.reply,
    replyComplex: p.reply_complex,
    returnWindow: p.return_window,
    callback: p.callback,
    yellowAt: Number(p.yellow_at),
    updatedAt: p.updated_at,
  };
}

export function presentRoutingRule(r: RoutingRuleRow) {
  return {
    id: r.id,
    categoryId: r.category_id,
    areaCode: r.area_code,
    unitId: r.unit_id,
    toTownship: r.to_township,
    priority: r.priority,
    note: r.note,
  };
}

/** 'HH:MM' of minutes since midnight. */
export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function presentPeriods(periods: ReadonlyArray<readonly [number, number]>) {
  return periods.map(([s, e]) => ({ start: clockTime(s), end: clockTime(e), startMinute: s, endMinute: e }));
}

/**
 * Nests items under their parents. An item whose parent is missing from the
 * list (filtered out, or inactive) becomes a root, so nothing is dropped.
 */
export function nest<T extends object, K>(
  items: readonly T[],
  key: (t: T) => K,
  parent: (t: T) => K | null,
): (T & { children: unknown[] })[] {
  const nodes = new Map<K, T & { children: unknown[] }>();
  for (const item of items) nodes.set(key(item), { ...item, children: [] });
  const roots: (T & { children: unknown[] })[] = [];
  for (const item of items) {
    const node = nodes.get(key(item)) as T & { children: unknown[] };
    const p = parent(item);
    const parentNode = p === null ? undefined : nodes.get(p);
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  }
  return roots;
}
