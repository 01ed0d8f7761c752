/**
 * Matters of the villages: farmland subsidies, homesteads, land transfers,
 * tree felling and farm machinery — the ones village agents file most for
 * villagers who stay at home (足不出村办政务).
 */
import {
  f,
  form,
  idCard,
  l,
  material,
  matter,
  REVIEW_ONE,
  REVIEW_THREE,
  type SeedMatter,
} from './guide-builders.js';

const bankCard = () =>
  material(
    'bank-card',
    l('一卡通（惠民惠农财政补贴资金“一卡通”）', 'Subsidy bank card ("one card" for farm subsidies)'),
    {
      formats: ['jpeg', 'png'],
      maxCount: 1,
      maxSizeKb: 2048,
    },
  );

export const RURAL_MATTERS: SeedMatter[] = [
  matter('arable-land-subsidy', {
    name: l('耕地地力保护补贴申领', 'Arable land fertility protection subsidy'),
    type: 'benefit',
    departmentCode: 'dept-nyncj',
    applicantKind: 'person',
    summary: l(
      '拥有耕地承包权的农户按实际种植面积申领耕地地力保护补贴，补贴通过“一卡通”发放。',
      'Farm households with contracted farmland claim the subsidy for the area actually farmed; it is paid to the "one card".',
    ),
    conditions: [
      l('拥有耕地承包权并实际种植', 'Holds contracted farmland and farms it'),
      l('耕地未改变用途、未撂荒', 'The land keeps its use and is not abandoned'),
    ],
    materials: [
      idCard(),
      material('land-contract', l('土地承包经营权证或承包合同', 'Land contract certificate or contract'), {
        maxCount: 3,
      }),
      bankCard(),
    ],
    legalDays: 20,
    promisedDays: 10,
    visits: 0,
    reviewSteps: REVIEW_THREE,
    legalBasis: [
      l(
        '《关于全面推开农业“三项补贴”改革工作的通知》',
        'Notice on the reform of the three agricultural subsidies',
      ),
    ],
    result: { name: l('耕地地力保护补贴核定通知书', 'Arable land subsidy decision') },
    tags: ['village', 'agriculture'],
    form: form([
      ['name', f.personName('承包户主姓名', 'Head of the farm household'), true],
      ['idNumber', f.residentId(), true],
      ['village', f.text('所在村', 'Village', 50), true],
      ['contractedArea', f.number('承包面积（亩）', 'Contracted area (mu)', 0.1, 10_000), true],
      ['plantedArea', f.number('实际种植面积（亩）', 'Area farmed (mu)', 0.1, 10_000), true],
      [
        'crop',
        f.choice('主要作物', 'Main crop', [
          ['corn', '玉米', 'Maize'],
          ['wheat', '小麦', 'Wheat'],
          ['vegetable', '蔬菜', 'Vegetables'],
          ['other', '其他', 'Other'],
        ]),
        true,
      ],
      [
        'bankAccount',
        f.text('一卡通账号', '"One card" account', 30, { pattern: '^\\d{12,24}$', 'x-personal': true }),
        true,
      ],
      ['pledge', f.pledge(), true],
    ]),
  }),
  matter('homestead-application', {
    name: l(
      '农村宅基地和建房（规划许可）审批（渤海镇）',
      'Village homestead and house-building approval (Bohai Town)',
    ),
    type: 'licence',
    departmentCode: 'tw-bohai',
    applicantKind: 'person',
    summary: l(
      '渤海镇农村村民申请宅基地新建、改建、扩建住宅，经村民小组、村委会、镇政府审查后批准。',
      'Villagers of Bohai Town apply to build, rebuild or extend a house on a homestead; the village group, the village committee and the town review it.',
    ),
    conditions: [
      l('本村集体经济组织成员', 'Member of the village collective'),
      l('一户一宅，符合村庄规划', 'One house per household, in line with the village plan'),
    ],
    materials: [
      idCard(),
      material('hukou-book', l('户口簿', 'Household register'), { maxCount: 6 }),
      material(
        'village-opinion',
        l('村民小组会议记录及村委会意见', 'Minutes of the village group and the committee’s opinion'),
        { formats: ['pdf', 'jpeg'], maxCount: 3 },
      ),
      material('house-design', l('农房设计图或通用图集选型', 'House design or chosen standard design'), {
        formats: ['pdf'],
        maxSizeKb: 10_240,
      }),
    ],
    legalDays: 20,
    promisedDays: 20,
    acceptDays: 5,
    visits: 1,
    reviewSteps: REVIEW_THREE,
    legalBasis: [
      l('《中华人民共和国土地管理法》第六十二条', 'Land Administration Law of the PRC, article 62'),
    ],
    result: {
      name: l('农村宅基地批准书、乡村建设规划许可证', 'Homestead approval and village building permit'),
    },
    tags: ['village', 'housing'],
    form: form([
      ['name', f.personName('申请人姓名', 'Applicant’s name'), true],
      ['idNumber', f.residentId(), true],
      ['village', f.text('所在村', 'Village', 50), true],
      [
        'kind',
        f.choice('建房类型', 'Kind of works', [
          ['new', '新建', 'New house'],
          ['rebuild', '原址翻建', 'Rebuild in place'],
          ['extend', '改扩建', 'Extension'],
        ]),
        true,
      ],
      ['siteArea', f.number('宅基地面积（平方米）', 'Homestead area (m²)', 1, 500), true],
      ['floors', f.integer('层数', 'Storeys', 1, 3), true],
      ['pledge', f.pledge(), true],
    ]),
  }),
  matter('land-transfer-filing', {
    name: l('农村土地承包经营权流转备案', 'Filing of a farmland management-right transfer'),
    type: 'filing',
    departmentCode: 'dept-nyncj',
    applicantKind: 'both',
    summary: l(
      '承包方将土地经营权流转给他人的，流转合同报备，保障双方权益。',
      'A farmer who transfers the right to farm contracted land files the transfer contract, protecting both sides.',
    ),
    conditions: [
      l('流转双方已签订书面合同', 'A written contract between both parties'),
      l('不改变土地农业用途', 'The land stays in farming use'),
    ],
    materials: [
      material('transfer-contract', l('土地经营权流转合同', 'Transfer contract'), {
        formats: ['pdf', 'jpeg'],
        maxCount: 5,
      }),
      material('land-contract', l('土地承包经营权证', 'Land contract certificate'), { maxCount: 2 }),
      idCard(),
    ],
    legalDays: 15,
    promisedDays: 5,
    visits: 0,
    reviewSteps: REVIEW_ONE,
    legalBasis: [
      l('《农村土地经营权流转管理办法》', 'Measures on the Transfer of Rural Land Management Rights'),
    ],
    result: { name: l('土地经营权流转备案回执', 'Transfer filing receipt') },
    tags: ['village', 'agriculture'],
    form: form([
      ['transferor', f.personName('流出方', 'Transferor'), true],
      ['transferee', f.text('流入方', 'Transferee', 100), true],
      ['village', f.text('地块所在村', 'Village of the plot', 50), true],
      ['area', f.number('流转面积（亩）', 'Area (mu)', 0.1, 100_000), true],
      ['years', f.integer('流转年限', 'Years', 1, 30), true],
      ['annualRent', f.number('年租金（元/亩）', 'Annual rent (yuan per mu)', 0, 100_000), true],
    ]),
  }),
  matter('tree-felling-permit', {
    name: l('林木采伐许可证核发', 'Tree felling permit'),
    type: 'licence',
    departmentCode: 'dept-ylj',
    applicantKind: 'both',
    summary: l(
      '采伐林地上的林木（包括果树更新）须申请采伐许可；板栗等经济林更新采伐亦适用。',
      'Felling trees on forest land, including renewing chestnut and other orchards, needs a permit.',
    ),
    conditions: [
      l('林木权属清楚', 'Clear ownership of the trees'),
      l('符合采伐限额和采伐技术规程', 'Within the felling quota and technical rules'),
    ],
    materials: [
      idCard(),
      material('forest-right', l('林权证或林木权属证明', 'Forest right certificate'), { maxCount: 2 }),
      material('felling-plan', l('采伐作业设计（伐区调查表）', 'Felling design (stand survey)'), {
        formats: ['pdf'],
      }),
    ],
    legalDays: 20,
    promisedDays: 10,
    visits: 0,
    reviewSteps: REVIEW_THREE,
    legalBasis: [l('《中华人民共和国森林法》', 'Forest Law of the PRC')],
    result: {
      name: l('林木采伐许可证', 'Tree felling permit'),
      validity: l('采伐期限以许可证载明为准', 'for the felling period stated on the permit'),
    },
    tags: ['village', 'forestry'],
    form: form([
      ['applicant', f.text('申请人', 'Applicant', 100), true],
      ['village', f.text('林地所在村', 'Village', 50), true],
      [
        'species',
        f.choice('树种', 'Species', [
          ['chestnut', '板栗', 'Chestnut'],
          ['walnut', '核桃', 'Walnut'],
          ['poplar', '杨树', 'Poplar'],
          ['pine', '油松', 'Chinese pine'],
          ['other', '其他', 'Other'],
        ]),
        true,
      ],
      ['trees', f.integer('采伐株数', 'Number of trees', 1, 100_000), true],
      ['volume', f.number('采伐蓄积（立方米）', 'Volume (m³)', 0.01, 100_000), false],
      [
        'reason',
        f.choice('采伐类型', 'Kind of felling', [
          ['renewal', '更新采伐', 'Renewal'],
          ['thinning', '抚育间伐', 'Thinning'],
          ['sanitation', '卫生伐', 'Sanitation'],
        ]),
        true,
      ],
    ]),
  }),
  matter('farm-machinery-subsidy', {
    name: l('农机购置与应用补贴申领', 'Farm machinery purchase subsidy'),
    type: 'benefit',
    departmentCode: 'dept-nyncj',
    applicantKind: 'both',
    summary: l(
      '购置补贴目录内农业机械的农户和农业生产经营组织申领购置补贴。',
      'Farmers and farm businesses buying machinery on the subsidy list claim the subsidy.',
    ),
    conditions: [
      l('所购机具在补贴范围内', 'The machine is on the subsidy list'),
      l('已完成购置并取得发票', 'Bought and invoiced'),
    ],
    materials: [
      idCard(),
      material('invoice', l('购机发票', 'Purchase invoice'), { formats: ['pdf', 'jpeg'] }),
      material('machine-photo', l('人机合影', 'Photo of the buyer with the machine'), {
        formats: ['jpeg', 'png'],
        maxSizeKb: 4096,
      }),
      bankCard(),
    ],
    legalDays: 30,
    promisedDays: 15,
    visits: 0,
    legalBasis: [
      l('《农业机械购置与应用补贴实施指导意见》', 'Guidance on Farm Machinery Purchase and Use Subsidies'),
    ],
    result: { name: l('农机购置补贴核定通知', 'Machinery subsidy decision') },
    tags: ['village', 'agriculture'],
    form: form([
      ['buyer', f.text('购机者', 'Buyer', 100), true],
      ['machine', f.text('机具品目及型号', 'Machine type and model', 100), true],
      ['price', f.number('购机价格（元）', 'Price (yuan)', 1, 10_000_000), true],
      ['purchasedOn', f.date('购机日期', 'Bought on'), true],
      ['phone', f.mobile(), true],
    ]),
  }),
];
