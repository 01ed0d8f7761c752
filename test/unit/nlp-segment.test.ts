/**
 * The shared jieba segmenter and its user words.
 */
import { describe, expect, it } from 'vitest';
import {
  createSegmenter,
  DEFAULT_USER_WORD_FREQ,
  defaultSegmenter,
  userDictLines,
} from '../../src/nlp/segment.js';

const TEXT = '怀柔区雁栖镇交界河村的村民反映琉璃庙镇道路破损';

describe('segmenter', () => {
  it('segments with the default dictionary', () => {
    const words = defaultSegmenter().cut('北京市怀柔区城市管理委员会');
    expect(words.join('')).toBe('北京市怀柔区城市管理委员会');
    expect(words).toContain('北京市');
  });

  it('keeps user words whole', () => {
    const before = defaultSegmenter().cut(TEXT);
    expect(before).not.toContain('雁栖镇');
    const seg = createSegmenter(['雁栖镇', '交界河村', '琉璃庙镇 5000 ns']);
    const after = seg.cut(TEXT);
    expect(after).toEqual(expect.arrayContaining(['雁栖镇', '交界河村', '琉璃庙镇']));
    expect(after.join('')).toBe(TEXT);
  });

  it('does not leak user words into the default segmenter', () => {
    createSegmenter(['雁栖镇']);
    expect(defaultSegmenter().cut(TEXT)).not.toContain('雁栖镇');
  });

  it('returns the same instance for the same words in any order, and the default for none', () => {
    expect(createSegmenter(['甲乙丙', '丁戊己'])).toBe(createSegmenter(['丁戊己', '甲乙丙']));
    expect(createSegmenter([])).toBe(defaultSegmenter());
    expect(createSegmenter(['  ', ''])).toBe(defaultSegmenter());
  });

  it('builds dictionary lines, skipping malformed entries', () => {
    expect(userDictLines(['雁栖镇', '雁栖镇', ' 琉璃庙镇 10 ns ', '坏 词 x y', '怀北镇 abc', ''])).toEqual([
      `雁栖镇 ${DEFAULT_USER_WORD_FREQ}`,
      '琉璃庙镇 10 ns',
    ]);
  });

  it('survives empty, whitespace-only and emoji input', () => {
    const seg = defaultSegmenter();
    expect(seg.cut('')).toEqual([]);
    expect(seg.cut('   ')).toEqual([]);
    expect(seg.cut('😀 路灯').join('')).toContain('路灯');
  });
});
