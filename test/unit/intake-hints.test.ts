/** Urgency and type hints, and the words the search index stores for Chinese text. */
import { describe, expect, it } from 'vitest';
import { huairouSegmenter } from '../../src/nlp/dictionary.js';
import { typeHint, urgencyHint } from '../../src/nlp/intake-hints.js';
import { documentVector, documentWords, queryTerms, searchQuery } from '../../src/nlp/search-terms.js';

describe('urgency hint', () => {
  it('flags danger now, with the words that triggered it', () => {
    expect(urgencyHint('家里闻到很重的煤气味，邻居也有')).toEqual({ urgency: 'urgent', matched: ['煤气味'] });
    expect(urgencyHint('电梯困人了，里面有老人').urgency).toBe('urgent');
    expect(urgencyHint('樓下起火了，冒煙很大').matched).toEqual(['起火', '冒烟']);
  });
  it('leaves ordinary requests and safety-education questions normal', () => {
    expect(urgencyHint('楼道灯坏了一个月').urgency).toBe('normal');
    expect(urgencyHint('社区想组织一次燃气泄漏应急演练').urgency).toBe('normal');
    expect(urgencyHint('').urgency).toBe('normal');
  });
});

describe('type hint', () => {
  it('tells inquiries, reports, suggestions and praise from complaints', () => {
    expect(typeHint('请问残疾证怎么办理？需要什么材料').type).toBe('inquiry');
    expect(typeHint('我要举报有工厂晚上偷排污水').type).toBe('report');
    expect(typeHint('建议在小区门口增加一个公交站').type).toBe('suggestion');
    expect(typeHint('感谢社区工作人员，给你们点赞').type).toBe('praise');
    expect(typeHint('物业不作为，楼道灯坏了没人管').type).toBe('complaint');
  });
  it('defaults to complaint with no cue, and never throws', () => {
    expect(typeHint('😡😡').type).toBe('complaint');
    expect(typeHint('x'.repeat(100_000)).confidence).toBe(0);
  });
});

describe('search words', () => {
  it('keeps Huairou place names whole', () => {
    expect(huairouSegmenter().cut('雁栖镇八道河村路灯坏了')).toEqual([
      '雁栖镇',
      '八道河村',
      '路灯',
      '坏',
      '了',
    ]);
  });
  it('indexes the shorter words inside a long one at its position, so 雁栖 finds 雁栖镇', () => {
    const words = documentWords('雁栖镇八道河村物业费太高');
    expect(words.get('雁栖镇')).toEqual([1]);
    expect(words.get('雁栖')?.[0]).toBe(1);
    expect(words.get('八道河')).toEqual([2]);
    expect(words.get('物业')?.[0]).toBe(words.get('物业费')?.[0]);
  });
  it('indexes every character bigram in a range of positions of its own', () => {
    const words = documentWords('路灯不亮');
    // jieba cuts 路/灯不亮; the bigrams 路灯, 灯不, 不亮 are there anyway, in order
    expect(words.get('路灯')).toEqual([8001]);
    expect(words.get('不亮')).toEqual([8003]);
    expect(documentVector('噪音，噪音！')).toBe("'噪音':1,2,8001,8003");
  });
  it('matches a part by its words or as the exact substring', () => {
    expect(queryTerms('请问 雁栖 的 噪音')).toEqual(['雁栖', '噪音']);
    expect(searchQuery('雁栖 噪音')).toBe("( ( '雁栖' ) ) & ( ( '噪音' ) )");
    expect(searchQuery('广场舞')).toBe("( ( '广场' & '舞' ) | ( '广场' <-> '场舞' ) )");
    expect(searchQuery('😡 !!')).toBeNull();
  });
  it('indexes traditional text under simplified words', () => {
    const words = documentWords('雁棲鎮 噪音擾民');
    for (const w of ['雁栖镇', '噪音', '扰民']) expect(words.has(w)).toBe(true);
  });
});
