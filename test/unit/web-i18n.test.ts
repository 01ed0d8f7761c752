/** The two UI languages have the same keys, no empty text, and the same placeholders. */
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { zh } from '../../web/src/i18n/zh.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('web app messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('has no empty message', () => {
    for (const table of [zh, en] as Record<string, string>[]) {
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('has Chinese text in the Chinese table', () => {
    const chinese = Object.values(zh).filter((v) => /[\u4e00-\u9fff]/.test(v)).length;
    expect(chinese / Object.keys(zh).length).toBeGreaterThan(0.9);
  });
});
