/**
 * Checks POSTed `attribute[code]` answers against the service definition and
 * turns them into what the ticket stores (`tickets.attributes`): one string
 * per attribute, or a list of keys for a multivaluelist. Every problem is
 * reported, not just the first, so a client can fix its form in one go.
 */

import { type Problem, problem } from './errors.js';
import { type AttributeInput, hasControlChars } from './form.js';
import { parseDateTime, w3cDateTime } from './format.js';
import type { ServiceAttribute } from './services.js';

export const ATTRIBUTE_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const STRING_MAX = 500;
const TEXT_MAX = 4000;

export type AttributeAnswers = Record<string, string | string[]>;

function checkText(a: ServiceAttribute, value: string, problems: Problem[]): string | null {
  const field = `attribute[${a.code}]`;
  const max = a.datatype === 'text' ? TEXT_MAX : STRING_MAX;
  if ([...value].length > max) problems.push(problem(400, 'too_long', { field, max }));
  else if (hasControlChars(value)) problems.push(problem(400, 'control_chars', { field }));
  else if (a.datatype === 'string' && /[\r\n]/.test(value))
    problems.push(problem(400, 'line_breaks', { field }));
  else return a.datatype === 'string' ? value.trim() : value;
  return null;
}

function checkOne(a: ServiceAttribute, value: string, problems: Problem[]): string | null {
  switch (a.datatype) {
    case 'number': {
      const v = value.trim();
      if (!NUMBER.test(v) || !Number.isFinite(Number(v))) {
        problems.push(problem(400, 'attribute_number', { code: a.code }));
        return null;
      }
      return v;
    }
    case 'datetime': {
      const parsed = parseDateTime(value);
      if (!parsed) {
        problems.push(problem(400, 'attribute_datetime', { code: a.code }));
        return null;
      }
      // Stored normalised with its offset, so every reader gets the same instant.
      return w3cDateTime(parsed.instant);
    }
    case 'singlevaluelist':
    case 'multivaluelist': {
      const key = value.trim();
      if (!a.values.some((v) => v.key === key)) {
        problems.push(
          problem(400, 'attribute_value', {
            code: a.code,
            value: key,
            keys: a.values.map((v) => v.key).join(', '),
          }),
        );
        return null;
      }
      return key;
    }
    default:
      return checkText(a, value, problems);
  }
}

/**
 * The answers to store, and the problems found: unknown codes, missing
 * required attributes, several values for a single-value attribute, values
 * outside the list, numbers and date-times that do not parse. Attributes with
 * `variable=false` are information shown to the user; answers to them are
 * ignored rather than refused, since a generic client may echo every field.
 */
export function checkAttributes(
  serviceCode: string,
  definition: ServiceAttribute[],
  inputs: AttributeInput[],
): { answers: AttributeAnswers; problems: Problem[] } {
  const problems: Problem[] = [];
  const answers: AttributeAnswers = {};
  const byCode = new Map(definition.map((a) => [a.code, a]));
  for (const input of inputs) {
    if (!ATTRIBUTE_CODE.test(input.code)) {
      problems.push(problem(400, 'attribute_code', { code: input.code }));
    } else if (!byCode.has(input.code)) {
      problems.push(problem(400, 'attribute_unknown', { service: serviceCode, code: input.code }));
    }
  }
  const given = new Map(inputs.map((i) => [i.code, i]));
  for (const a of definition) {
    if (!a.variable) continue;
    const values = given.get(a.code)?.values ?? [];
    if (values.length === 0) {
      if (a.required)
        problems.push(problem(400, 'attribute_required', { code: a.code, name: a.description }));
      continue;
    }
    if (a.datatype !== 'multivaluelist' && values.length > 1) {
      problems.push(problem(400, 'attribute_single', { code: a.code }));
      continue;
    }
    const checked = values.map((v) => checkOne(a, v, problems));
    if (checked.some((v) => v === null)) continue;
    const ok = checked.filter((v): v is string => v !== null);
    answers[a.code] = a.datatype === 'multivaluelist' ? [...new Set(ok)] : (ok[0] ?? '');
  }
  return { answers, problems };
}

/** A readable summary of the answers, used as the ticket text when the client sent no description. */
export function describeAnswers(definition: ServiceAttribute[], answers: AttributeAnswers): string {
  const parts: string[] = [];
  for (const a of definition) {
    const answer = answers[a.code];
    if (answer === undefined) continue;
    const keys = Array.isArray(answer) ? answer : [answer];
    const shown = a.values.length ? keys.map((k) => a.values.find((v) => v.key === k)?.name ?? k) : keys;
    parts.push(`${a.description}：${shown.join('、')}`);
  }
  return parts.join('；');
}
