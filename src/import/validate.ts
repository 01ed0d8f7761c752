/**
 * Field validation of one import row: every field is read, coerced and
 * resolved against the reference data, and every problem is collected, so a
 * rejected row lists all its reasons at once. The history is read here too
 * (./validate-history.ts); whether it is a legal path through the lifecycle
 * is judged by the replay (./replay.ts).
 */
import type { Channel, RequestType, TicketState, Urgency } from '../domain/vocabulary.js';
import { DEADLINE_FIELDS, type DeadlineField, FIELD_SET, type ImportTicket } from './format.js';
import type { Lookups } from './lookups.js';
import { readHistory, unitRef } from './validate-history.js';
import { absent, bool, Issues, instant, isRecord, json, list, num, text } from './values.js';

export type Validated = { ok: true; ticket: ImportTicket } | { ok: false; issues: Issues };

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const MAX_TEXT = 20_000;

function word<T extends string>(
  issues: Issues,
  field: string,
  v: unknown,
  words: ReadonlyMap<string, T>,
  what: { zh: string; en: string },
): T | undefined {
  const raw = text(issues, field, v);
  if (raw === undefined) return undefined;
  const found = words.get(raw.trim()) ?? words.get(raw.trim().toLowerCase());
  if (found === undefined) {
    return issues.add(
      field,
      `unknown_${field}`,
      `未知的${what.zh}：“${raw}”`,
      `Unknown ${what.en}: "${raw}"`,
    );
  }
  return found;
}

function required(issues: Issues, field: string, v: unknown): void {
  if (absent(v)) issues.add(field, 'required', `缺少必填字段 ${field}`, `${field} is required`);
}

function category(issues: Issues, lookups: Lookups, v: unknown): number | null | undefined {
  const raw = text(issues, 'category', v);
  if (raw === undefined) return null;
  const found = lookups.category(raw);
  if (!found.ok) {
    return found.ambiguous
      ? issues.add(
          'category',
          'ambiguous_category',
          `分类名称不唯一：“${raw}”，请写“一级/二级”或代码`,
          `Ambiguous category "${raw}": write "level1/level2" or its code`,
        )
      : issues.add('category', 'unknown_category', `未知的诉求分类：“${raw}”`, `Unknown category: "${raw}"`);
  }
  const c = found.value;
  if (!c.active)
    return issues.add(
      'category',
      'category_inactive',
      `诉求分类已停用：“${raw}”`,
      `The category is inactive: "${raw}"`,
    );
  if (c.level !== 2)
    return issues.add(
      'category',
      'category_not_leaf',
      `诉求分类“${raw}”不是末级分类`,
      `Category "${raw}" is not a leaf category`,
    );
  return c.id;
}

function area(
  issues: Issues,
  lookups: Lookups,
  v: unknown,
): { code: string; township: string | null } | null | undefined {
  const raw = text(issues, 'area', v);
  if (raw === undefined) return null;
  const found = lookups.area(raw);
  if (!found.ok) {
    return found.ambiguous
      ? issues.add(
          'area',
          'ambiguous_area',
          `区划名称不唯一：“${raw}”，请写“乡镇/村”或区划代码`,
          `Ambiguous area "${raw}": write "town/village" or its code`,
        )
      : issues.add('area', 'unknown_area', `未知的行政区划：“${raw}”`, `Unknown area: "${raw}"`);
  }
  return { code: found.value.code, township: found.value.township_code };
}

function attributes(issues: Issues, v: unknown): Record<string, string | string[]> {
  const value = json(issues, 'attributes', v);
  if (value === undefined) return {};
  const ok =
    isRecord(value) &&
    Object.values(value).every(
      (x) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string')),
    );
  if (!ok) {
    issues.add(
      'attributes',
      'bad_attributes',
      'attributes 应为“键: 文本或文本数组”的对象',
      'attributes must map keys to text or arrays of text',
    );
    return {};
  }
  return value as Record<string, string | string[]>;
}

function limited(issues: Issues, field: string, v: string | undefined, max: number): string | undefined {
  if (v !== undefined && v.length > max) {
    return issues.add(
      field,
      'too_long',
      `${field} 过长（最多 ${max} 字）`,
      `${field} is too long (at most ${max} characters)`,
    );
  }
  return v;
}

/** Validates one parsed record (a JSON object, or a CSV row as an object of cells) at `now`. */
export function validateRow(row: unknown, lookups: Lookups, now: Date): Validated {
  const issues = new Issues();
  if (!isRecord(row)) {
    issues.add('', 'not_object', '每行应为一个 JSON 对象', 'Each line must be one JSON object');
    return { ok: false, issues };
  }
  for (const key of Object.keys(row)) {
    if (!FIELD_SET.has(key)) issues.add(key, 'unknown_field', `未知字段 ${key}`, `Unknown field ${key}`);
  }
  for (const f of ['received_at', 'channel', 'type', 'description', 'state'] as const)
    required(issues, f, row[f]);

  const number = text(issues, 'number', row.number)?.trim();
  if (number !== undefined && !NUMBER.test(number)) {
    issues.add(
      'number',
      'bad_number',
      `工单编号格式无效：“${number}”（字母数字，最长 40 位）`,
      `Invalid ticket number "${number}" (letters and digits, at most 40)`,
    );
  }
  const receivedAt = instant(issues, 'received_at', row.received_at);
  if (receivedAt && receivedAt.getTime() > now.getTime()) {
    issues.add(
      'received_at',
      'in_future',
      `受理时间晚于当前时间：${receivedAt.toISOString()}`,
      `received_at is in the future: ${receivedAt.toISOString()}`,
    );
  }
  const channel = word<Channel>(issues, 'channel', row.channel, lookups.channels, {
    zh: '受理渠道',
    en: 'channel',
  });
  const type = word<RequestType>(issues, 'type', row.type, lookups.types, {
    zh: '诉求类型',
    en: 'request type',
  });
  const urgency = word<Urgency>(issues, 'urgency', row.urgency, lookups.urgencies, {
    zh: '紧急程度',
    en: 'urgency',
  });
  const state = word<TicketState>(issues, 'state', row.state, lookups.states, {
    zh: '工单状态',
    en: 'state',
  });
  const complex = bool(issues, 'complex', row.complex) ?? false;
  const anonymous = bool(issues, 'anonymous', row.anonymous) ?? false;
  const title = limited(issues, 'title', text(issues, 'title', row.title)?.trim(), 200);
  const description = limited(
    issues,
    'description',
    text(issues, 'description', row.description)?.trim(),
    MAX_TEXT,
  );
  const categoryId = category(issues, lookups, row.category);
  const place = area(issues, lookups, row.area);
  const address = limited(issues, 'address', text(issues, 'address', row.address)?.trim(), 500);
  const lat = num(issues, 'lat', row.lat);
  const lng = num(issues, 'lng', row.lng);
  if (lat !== undefined && (lat < -90 || lat > 90))
    issues.add('lat', 'out_of_range', '纬度应在 -90 到 90 之间', 'lat must be between -90 and 90');
  if (lng !== undefined && (lng < -180 || lng > 180))
    issues.add('lng', 'out_of_range', '经度应在 -180 到 180 之间', 'lng must be between -180 and 180');
  const citizenName = limited(
    issues,
    'citizen_name',
    text(issues, 'citizen_name', row.citizen_name)?.trim(),
    100,
  );
  const citizenPhone = text(issues, 'citizen_phone', row.citizen_phone)?.trim();
  if (citizenPhone !== undefined && !/^[+\d][\d\s()-]{2,24}$/.test(citizenPhone)) {
    issues.add(
      'citizen_phone',
      'bad_phone',
      `电话号码格式无效：“${citizenPhone}”`,
      `Invalid phone number: "${citizenPhone}"`,
    );
  }
  const media = list(issues, 'media_urls', row.media_urls) ?? [];
  const policy = text(issues, 'policy', row.policy)?.trim();
  if (policy !== undefined && !lookups.ref.policies.has(policy)) {
    issues.add(
      'policy',
      'unknown_policy',
      `未知的时限规则：“${policy}”`,
      `Unknown deadline policy: "${policy}"`,
    );
  }
  let mainUnitId: number | null | undefined;
  if (row.main_unit === null) mainUnitId = null;
  else {
    const raw = text(issues, 'main_unit', row.main_unit);
    if (raw !== undefined) mainUnitId = unitRef(issues, lookups, 'main_unit', raw);
  }
  const coNames = list(issues, 'co_units', row.co_units);
  const coUnitIds = coNames?.map((n, i) => unitRef(issues, lookups, `co_units[${i}]`, n) ?? 0);
  const deadlines: Partial<Record<DeadlineField, Date>> = {};
  for (const f of DEADLINE_FIELDS) {
    const at = instant(issues, f, row[f]);
    if (at) deadlines[f] = at;
  }
  const attrs = attributes(issues, row.attributes);
  const history = receivedAt ? readHistory(issues, lookups, row.history, receivedAt) : undefined;

  if (
    !issues.empty ||
    !receivedAt ||
    !channel ||
    !type ||
    !state ||
    description === undefined ||
    categoryId === undefined ||
    place === undefined ||
    !history
  ) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    ticket: {
      number: number ?? null,
      receivedAt,
      channel,
      type,
      urgency: urgency ?? 'normal',
      complex,
      title: title || null,
      description,
      categoryId,
      areaCode: place?.code ?? null,
      townshipCode: place?.township ?? null,
      address: address || null,
      lat: lat ?? null,
      lng: lng ?? null,
      anonymous,
      citizenName: anonymous ? null : citizenName || null,
      citizenPhone: citizenPhone || null,
      attributes: attrs,
      mediaUrls: media,
      policyCode: policy ?? null,
      mainUnitId,
      coUnitIds,
      deadlines,
      state,
      intake: history.intake,
      history: history.actions,
    },
  };
}
