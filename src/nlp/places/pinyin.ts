/**
 * Township names in pinyin, for requests from international residents
 * (English second in every screen): "Yanqi镇八道河村", "Huairou district".
 * Matched as whole Latin words only, so yanqi never fires inside yanqing
 * (延庆, the neighbouring district).
 */
export const PINYIN_TOWNSHIPS: readonly { form: string; code: string }[] = [
  { form: 'huairou', code: '110116' },
  { form: 'quanhe', code: '110116001' },
  { form: 'longshan', code: '110116002' },
  { form: 'yanqi', code: '110116004' },
  { form: 'miaocheng', code: '110116005' },
  { form: 'beifang', code: '110116102' },
  { form: 'yangsong', code: '110116103' },
  { form: 'qiaozi', code: '110116105' },
  { form: 'huaibei', code: '110116106' },
  { form: 'tanghekou', code: '110116107' },
  { form: 'bohai', code: '110116108' },
  { form: 'jiuduhe', code: '110116109' },
  { form: 'liulimiao', code: '110116110' },
  { form: 'baoshan', code: '110116111' },
  { form: 'changshaoying', code: '110116211' },
  { form: 'labagoumen', code: '110116213' },
  { form: 'mutianyu', code: '110116108' },
  { form: 'hongluosi', code: '110116003' },
];
