/**
 * Text normalisation: one canonical form for traditional, full-width,
 * pre-segmented, emoji-laden and huge inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compact,
  compactCodes,
  joinTitleBody,
  MAX_INPUT_CHARS,
  normalise,
  toSimplified,
} from '../../src/nlp/normalise.js';

const codesOf = (text: string): string => {
  const out = new Uint16Array(MAX_INPUT_CHARS);
  const n = compactCodes(text, out);
  return String.fromCharCode(...out.subarray(0, n));
};

describe('normalise', () => {
  it('converts traditional characters to simplified', () => {
    expect(normalise('懷柔區人民政府發佈的報告')).toBe('怀柔区人民政府发布的报告');
    expect(toSimplified('頭髮乾淨，衝突')).toBe('头发干净，冲突');
  });

  it('leaves simplified text alone, including characters that are traditional elsewhere', () => {
    // 著作, 么 and 乾隆 must not be "converted" (the Taiwan table turns 么 into 幺).
    expect(normalise('著作 什么 乾隆')).toBe('著作 什么 乾隆');
  });

  it('folds full-width letters and digits to half-width and lower case', () => {
    expect(normalise('ＡＢＣ１２３ｘｙｚ')).toBe('abc123xyz');
    expect(normalise('iPhone 12 Pro')).toBe('iphone 12 pro');
  });

  it('drops emoji, punctuation and symbols, keeping one space between runs', () => {
    expect(normalise('路灯坏了😡😡！！请尽快修理🙏')).toBe('路灯坏了 请尽快修理');
    expect(normalise('👍')).toBe('');
  });

  it('keeps CJK extension characters outside the BMP', () => {
    expect(normalise('𠀀村')).toBe('𠀀村');
  });

  it('removes Excel escapes and URLs', () => {
    expect(normalise('噪音_x000D_扰民 见 https://example.com/a?b=1 网址')).toBe('噪音 扰民 见 网址');
    expect(normalise('ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ 投诉')).toBe('投诉');
  });

  it('gives the empty string for empty, blank and non-string input', () => {
    expect(normalise('')).toBe('');
    expect(normalise(' \t\n\u3000 ')).toBe('');
    expect(normalise(undefined)).toBe('');
    expect(normalise(42)).toBe('');
  });

  it('caps a 100,000-character text', () => {
    const long = '噪音扰民'.repeat(25_000);
    const out = normalise(long);
    expect(out.length).toBe(MAX_INPUT_CHARS);
    expect(codesOf(long).length).toBe(MAX_INPUT_CHARS);
  });

  it('makes segmented and raw forms of a message compact to the same string', () => {
    const raw = 'A3区魏家坡小区脏乱差，消防通道被占用！';
    const segmented = 'A3 区 魏家坡 小区 脏乱差 消防通道 被 占用';
    expect(compact(normalise(raw))).toBe(compact(normalise(segmented)));
  });

  it('compactCodes agrees with compact(normalise()) on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(codesOf(s)).toBe(compact(normalise(s)));
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const once = normalise(s);
        expect(normalise(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('joins title and body, title first', () => {
    expect(joinTitleBody(' 标题 ', '正文')).toBe('标题\n正文');
    expect(joinTitleBody(undefined, '正文')).toBe('正文');
    expect(joinTitleBody('标题', '')).toBe('标题');
  });
});
