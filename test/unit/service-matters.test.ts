/** The seeded catalogue: at least 30 valid, bilingual matters of real Huairou departments; and the guide rules. */
import { describe, expect, it } from 'vitest';
import { checkGuide, MATTER_CODE } from '../../src/domain/service-matters.js';
import { UNIT_SEEDS } from '../../src/seed/reference/units.js';
import { SEED_MATTERS } from '../../src/seed/services/matters.js';

const units = new Map(UNIT_SEEDS.map((u) => [u.code, u]));

describe('the seeded matter catalogue', () => {
  it('has at least 30 matters with unique codes', () => {
    expect(SEED_MATTERS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SEED_MATTERS.map((m) => m.code)).size).toBe(SEED_MATTERS.length);
    for (const m of SEED_MATTERS) expect(m.code).toMatch(MATTER_CODE);
  });

  it.each(SEED_MATTERS.map((m) => [m.code, m]))(
    '%s is a valid guide of an existing department',
    (_code, m) => {
      expect(checkGuide(m.guide).issues).toEqual([]);
      const unit = units.get(m.guide.departmentCode);
      expect(unit, m.guide.departmentCode).toBeDefined();
      expect(['department', 'township']).toContain(unit?.peerGroup);
      expect(m.guide.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.guide.name.en).toMatch(/^[\x20-\x7e’]+$/);
      for (const field of Object.values(m.guide.form.properties))
        expect(field['x-title-en']).toMatch(/[A-Za-z]/);
    },
  );

  it('is mostly fully online, with a few matters that need one visit', () => {
    const visits = SEED_MATTERS.filter((m) => m.guide.visits > 0).map((m) => m.code);
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.length).toBeLessThanOrEqual(5);
    expect(SEED_MATTERS.filter((m) => m.guide.tags.includes('international')).length).toBeGreaterThanOrEqual(
      3,
    );
    expect(SEED_MATTERS.filter((m) => m.guide.tags.includes('village')).length).toBeGreaterThanOrEqual(8);
  });
});

describe('checkGuide', () => {
  const base = SEED_MATTERS[0]?.guide;
  if (!base) throw new Error('no seed');

  it('refuses limits that do not fit together and duplicate materials', () => {
    const r = checkGuide({
      ...base,
      promisedDays: base.legalDays + 1,
      acceptDays: 30,
      visits: 9,
      reviewSteps: [],
      materials: [base.materials[0], base.materials[0]].filter((m) => m !== undefined),
      name: { zh: '', en: 'x' },
    });
    expect(r.guide).toBeNull();
    expect(r.issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual(
      [
        'acceptDays:range',
        'materials.1.code:duplicate',
        'name:required',
        'promisedDays:too_long',
        'reviewSteps:length',
        'visits:range',
      ].sort(),
    );
  });
});
