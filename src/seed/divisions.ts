/**
 * Reads the statistical division codes (统计用区划代码) of Huairou from the
 * CSV copied from the National Bureau of Statistics data, strictly: a bad line
 * is an error with its line number, never a silently skipped area.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/errors.js';
import { projectRoot } from '../shared/paths.js';

export interface Division {
  code: string;
  name: string;
  level: 'district' | 'street' | 'area' | 'town' | 'township' | 'zone' | 'community' | 'village';
  parentCode: string | null;
}

const LEVELS = new Set(['district', 'street', 'area', 'town', 'township', 'zone', 'community', 'village']);
const CODE_LENGTH: Record<string, number> = { district: 6, community: 12, village: 12 };

export function defaultDivisionsPath(): string {
  return join(projectRoot(), 'src', 'seed', 'reference', 'divisions.csv');
}

export function parseDivisions(text: string, file = 'divisions.csv'): Division[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'code,name,level,parent_code') {
    throw new AppError('REFERENCE_FILE_INVALID', {
      file,
      line: 1,
      reason: `unexpected header "${header ?? ''}"`,
    });
  }
  const out: Division[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const cells = raw.split(',');
    if (cells.length !== 4) {
      throw new AppError('REFERENCE_FILE_INVALID', {
        file,
        line,
        reason: `expected 4 columns, got ${cells.length}`,
      });
    }
    const [code = '', name = '', level = '', parent = ''] = cells.map((c) => c.trim());
    const fail = (reason: string) => new AppError('REFERENCE_FILE_INVALID', { file, line, reason });
    if (!LEVELS.has(level)) throw fail(`unknown level "${level}"`);
    const expected = CODE_LENGTH[level] ?? 9;
    if (!/^\d+$/.test(code) || code.length !== expected)
      throw fail(`code "${code}" is not ${expected} digits`);
    if (name === '') throw fail('empty name');
    if (seen.has(code)) throw fail(`duplicate code ${code}`);
    if (level !== 'district' && !seen.has(parent)) throw fail(`parent ${parent} not defined before ${code}`);
    seen.add(code);
    out.push({ code, name, level: level as Division['level'], parentCode: parent === '' ? null : parent });
  });
  if (out.length === 0) throw new AppError('REFERENCE_FILE_INVALID', { file, line: 1, reason: 'no rows' });
  return out;
}

export function readDivisions(path = defaultDivisionsPath()): Division[] {
  return parseDivisions(readFileSync(path, 'utf8'), path);
}

/** 泉河街道 → 泉河, 北房镇 → 北房, 富乐社区居委会 → 富乐社区, 北房村委会 → 北房村. */
export function shortNameOf(d: Division): string {
  const n = d.name;
  switch (d.level) {
    case 'street':
      return n.replace(/街道$/, '');
    case 'area':
      return n.replace(/地区$/, '');
    case 'town':
      return n.replace(/镇$/, '');
    case 'township':
      return n.replace(/满族乡$|乡$/, '');
    case 'community':
      return n.replace(/居委会$|居民委员会$/, '');
    case 'village': {
      // 南大街村委会 → 南大街村, but 东四村村委会 → 东四村 (the village is already named …村)
      const base = n.replace(/村委会$|村民委员会$/, '');
      return base === n || base.endsWith('村') ? base : `${base}村`;
    }
    default:
      return n.replace(/^北京市/, '');
  }
}
