/** Severity criteria per type, type suggestion from words, and the summaries of the figures. */
import { describe, expect, it } from 'vitest';
import { percentile, summariseBy, summariseMinutes } from '../../src/domain/emergency/metrics.js';
import {
  criteriaFor,
  SEVERITY_CRITERIA,
  suggestIncidentType,
  suggestLevel,
} from '../../src/domain/emergency/severity.js';
import {
  INCIDENT_LEVELS,
  INCIDENT_TYPES,
  isIncidentLevel,
  isIncidentType,
} from '../../src/domain/emergency/vocabulary.js';

describe('severity criteria', () => {
  it('every type has criteria, gravest first, none at level IV (the default)', () => {
    for (const type of INCIDENT_TYPES) {
      const list = criteriaFor(type);
      expect(list.length).toBeGreaterThan(0);
      const ranks = list.map((c) => INCIDENT_LEVELS.indexOf(c.level));
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      expect(list.every((c) => c.level !== 'IV')).toBe(true);
      expect(SEVERITY_CRITERIA[type]).toBeDefined();
    }
  });

  it('casualties make any type grave', () => {
    for (const type of INCIDENT_TYPES) {
      expect(suggestLevel(type, { deaths: 30 }).level).toBe('I');
      expect(suggestLevel(type, { deaths: 10 }).level).toBe('II');
      expect(suggestLevel(type, { injured: 10 }).level).toBe('III');
      expect(suggestLevel(type, {}).level).toBe('IV');
    }
  });

  it('per-type thresholds, and combined ones need every fact', () => {
    expect(suggestLevel('gas', { affected: 150 }).level).toBe('III');
    expect(suggestLevel('gas', { households: 12_000 }).level).toBe('II');
    expect(suggestLevel('utility_outage', { households: 12_000 }).level).toBe('III');
    expect(suggestLevel('utility_outage', { households: 12_000, hours: 30 }).level).toBe('II');
    expect(suggestLevel('utility_outage', { households: 120_000 }).level).toBe('I');
    expect(suggestLevel('lift_entrapment', { trapped: 2 }).level).toBe('IV');
    const s = suggestLevel('flood', { affected: 4_000, deaths: 1 });
    expect(s.level).toBe('II');
    expect(s.because.map((c) => c.text.zh)).toEqual(['受灾转移 3000 人以上']);
  });

  it('suggests the type from the words of an urgent ticket', () => {
    expect(suggestIncidentType('小区楼道里有很浓的燃气味，怀疑漏气')?.type).toBe('gas');
    expect(suggestIncidentType('我被困在电梯里了，电梯困人')?.type).toBe('lift_entrapment');
    expect(suggestIncidentType('京加路路面塌陷一个大坑')?.type).toBe('structural');
    expect(suggestIncidentType('暴雨后桥下积水很深，有车被淹')?.type).toBe('flood');
    expect(suggestIncidentType('一氧化碳中毒')?.type).toBe('gas');
    expect(suggestIncidentType('路灯坏了')).toBeNull();
  });

  it('knows its own codes', () => {
    expect(isIncidentType('gas')).toBe(true);
    expect(isIncidentType('meteor')).toBe(false);
    expect(isIncidentLevel('IV')).toBe(true);
    expect(isIncidentLevel('4')).toBe(false);
  });
});

describe('figures', () => {
  it('summarises minutes', () => {
    expect(summariseMinutes([])).toEqual({
      count: 0,
      meanMinutes: null,
      medianMinutes: null,
      p90Minutes: null,
      maxMinutes: null,
    });
    expect(summariseMinutes([4, 1, 3, 2, 10])).toEqual({
      count: 5,
      meanMinutes: 4,
      medianMinutes: 3,
      p90Minutes: 10,
      maxMinutes: 10,
    });
    expect(summariseMinutes([-1, Number.NaN, 2])).toMatchObject({ count: 1, meanMinutes: 2 });
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('groups by key in first-seen order', () => {
    const m = summariseBy([
      { key: 'II', minutes: 5 },
      { key: 'I', minutes: 1 },
      { key: 'II', minutes: 7 },
    ]);
    expect([...m.keys()]).toEqual(['II', 'I']);
    expect(m.get('II')?.meanMinutes).toBe(6);
  });
});
