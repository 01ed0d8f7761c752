/**
 * Routing rules: category × area → suggested main unit (主办单位).
 *
 * - `area: null` covers the whole district; every leaf has one such rule at
 *   priority 10, so a suggestion always exists.
 * - Area-specific overrides use priority 20 and a township-level (9-digit) or
 *   village-level (12-digit) division code; the higher priority wins.
 * - `unit: '@township'` means the street/town unit whose area contains the
 *   ticket's place. Under 街乡吹哨、部门报到 neighbourhood matters go to the
 *   street/town government first and it "blows the whistle" for departments.
 */

export interface RoutingSeed {
  category: string;
  area: string | null;
  unit: string;
  priority: number;
  note?: string;
}

/** The street/town government of the ticket's place. */
export const TOWNSHIP_UNIT = '@township';

const DISTRICT_PRIORITY = 10;
const AREA_PRIORITY = 20;

/**
 * The nine towns and two Manchu townships: villages here heat with
 * coal-to-electricity (煤改电) equipment or gas wall boilers maintained through
 * the town, not from a heat network.
 */
const RURAL_TOWNS = [
  '110116102', // 北房镇
  '110116103', // 杨宋镇
  '110116105', // 桥梓镇
  '110116106', // 怀北镇
  '110116107', // 汤河口镇
  '110116108', // 渤海镇
  '110116109', // 九渡河镇
  '110116110', // 琉璃庙镇
  '110116111', // 宝山镇
  '110116211', // 长哨营满族乡
  '110116213', // 喇叭沟门满族乡
] as const;

/**
 * The northern and western mountain towns: their villages draw water from
 * village wells and small water works run by the village under the town
 * (村级供水站), and they carry the district's flood and forest-fire risk.
 */
const MOUNTAIN_TOWNS = [
  '110116107', // 汤河口镇
  '110116108', // 渤海镇
  '110116109', // 九渡河镇
  '110116110', // 琉璃庙镇
  '110116111', // 宝山镇
  '110116211', // 长哨营满族乡
  '110116213', // 喇叭沟门满族乡
] as const;

/**
 * Villages in the Yanqi river valley north of Yanqi Lake. 雁栖地区 as a whole
 * is on the town network, but these mountain villages have their own water
 * works and electric heating, so they are overridden one by one.
 */
const YANQI_MOUNTAIN_VILLAGES = [
  '110116004212', // 莲花池
  '110116004213', // 神堂峪
  '110116004214', // 官地
  '110116004215', // 石片
  '110116004216', // 北湾
  '110116004217', // 大地
  '110116004218', // 头道梁
  '110116004219', // 西栅子
  '110116004220', // 八道河
  '110116004221', // 交界河
] as const;

function district(category: string, unit: string, note?: string): RoutingSeed {
  return note === undefined
    ? { category, area: null, unit, priority: DISTRICT_PRIORITY }
    : { category, area: null, unit, priority: DISTRICT_PRIORITY, note };
}

function inAreas(category: string, areas: readonly string[], unit: string, note: string): RoutingSeed[] {
  return areas.map((area) => ({ category, area, unit, priority: AREA_PRIORITY, note }));
}

export const ROUTING_SEEDS: readonly RoutingSeed[] = [
  // ---- 城乡建设 ----
  // Beijing's property-management regulation (2020) puts property companies
  // under the supervision of the street/town.
  district('urban-property', TOWNSHIP_UNIT, '物业服务由属地街乡监督管理'),
  district('urban-property-fee', TOWNSHIP_UNIT, '物业收费争议由属地街乡协调，涉及价格违法转市场监管局'),
  district('urban-elevator', TOWNSHIP_UNIT, '属地街乡督促物业维修，区市场监管局（特种设备）协办'),
  district('urban-old-community', 'dept-zjw'),
  district('urban-house-safety', 'dept-zjw'),

  district('urban-heating', 'util-heat'),
  ...inAreas('urban-heating', RURAL_TOWNS, TOWNSHIP_UNIT, '农村煤改电、壁挂炉取暖由镇乡负责协调维修'),
  ...inAreas('urban-heating', YANQI_MOUNTAIN_VILLAGES, TOWNSHIP_UNIT, '山区村煤改电取暖由雁栖镇协调'),
  district('urban-heating-outage', 'util-heat'),
  ...inAreas('urban-heating-outage', RURAL_TOWNS, TOWNSHIP_UNIT, '农村煤改电、壁挂炉取暖由镇乡负责协调维修'),
  ...inAreas('urban-heating-outage', YANQI_MOUNTAIN_VILLAGES, TOWNSHIP_UNIT, '山区村煤改电取暖由雁栖镇协调'),

  district('urban-gas', 'util-gas'),
  district('urban-gas-leak', 'util-gas', '紧急：燃气抢修，必要时同步通知119'),
  district('urban-gas-outage', 'util-gas'),

  district('urban-water', 'util-water'),
  ...inAreas('urban-water', MOUNTAIN_TOWNS, TOWNSHIP_UNIT, '山区村级供水站由镇乡管理'),
  ...inAreas('urban-water', YANQI_MOUNTAIN_VILLAGES, TOWNSHIP_UNIT, '山区村级供水站由雁栖镇管理'),
  district('urban-water-outage', 'util-water'),
  ...inAreas('urban-water-outage', MOUNTAIN_TOWNS, TOWNSHIP_UNIT, '山区村级供水站由镇乡管理'),
  ...inAreas('urban-water-outage', YANQI_MOUNTAIN_VILLAGES, TOWNSHIP_UNIT, '山区村级供水站由雁栖镇管理'),

  district('urban-power', 'util-power'),
  district('urban-power-outage', 'util-power'),

  // ---- 城市管理 ----
  // Enforcement has been devolved to street/town enforcement teams since 2020.
  district('city-illegal-building', TOWNSHIP_UNIT, '属地街乡负责违法建设查处'),
  district('city-encroachment', TOWNSHIP_UNIT),
  district('city-street-vending', TOWNSHIP_UNIT),
  ...inAreas('city-street-vending', ['110116001'], 'tw-quanhe-zfd', '城区占道经营直派街道综合行政执法队'),
  ...inAreas('city-street-vending', ['110116002'], 'tw-longshan-zfd', '城区占道经营直派街道综合行政执法队'),
  district('city-garbage', TOWNSHIP_UNIT, '属地街乡督促保洁和清运单位，区环卫中心协办'),
  district('city-waste-sorting', TOWNSHIP_UNIT),
  district('city-streetlight', 'dept-cgw'),
  district('city-greening', 'dept-ylj'),

  // ---- 环境保护 ----
  district('env-construction-noise', TOWNSHIP_UNIT, '夜间施工由属地执法队查处，涉及施工许可由区住建委协办'),
  district('env-noise', TOWNSHIP_UNIT),
  district('env-cooking-fumes', TOWNSHIP_UNIT),
  ...inAreas('env-cooking-fumes', ['110116001'], 'tw-quanhe-zfd', '城区餐饮油烟直派街道综合行政执法队'),
  ...inAreas('env-cooking-fumes', ['110116002'], 'tw-longshan-zfd', '城区餐饮油烟直派街道综合行政执法队'),
  district('env-air', 'dept-sthjj', '露天焚烧由属地街乡协办'),
  district('env-water', 'dept-sthjj-zfd'),

  // ---- 交通运输 ----
  district('transport-bus', 'util-bus'),
  district('transport-road', 'dept-jtj', '公路由区交通局（公路养护）负责'),
  ...inAreas('transport-road', ['110116001', '110116002'], 'dept-cgw', '城区市政道路由区城管委负责养护'),
  district('transport-parking', TOWNSHIP_UNIT, '违法停车转交通支队'),
  district('transport-signal', 'dept-gaj-jtzd'),
  district('transport-taxi', 'dept-jtj'),
  district('transport-bike', 'dept-jtj', '区交通局督促运营企业调度清运'),

  // ---- 劳动和社会保障 ----
  district('labour-wages', 'dept-rsj', '由劳动保障监察大队办理；工程建设领域欠薪区住建委协办'),
  district('labour-insurance', 'dept-rsj'),
  district('labour-employment', 'dept-rsj'),

  // ---- 教育文体 ----
  district('education-enrolment', 'dept-jw'),
  district('education-training', 'dept-jw'),
  district('education-sports', TOWNSHIP_UNIT, '社区和村健身器材由属地街乡维护'),

  // ---- 卫生健康 ----
  district('health-medical', 'dept-wjw'),
  district('health-vaccine', 'dept-wjw'),
  district('health-insurance', 'dept-ybj'),

  // ---- 商贸旅游 ----
  district('commerce-consumer', 'dept-scjgj'),
  district('commerce-homestay', 'dept-wlj'),
  // The two towns with the densest homestay clusters (慕田峪 foot villages,
  // the Yanqi valley) run homestay service teams of their own.
  ...inAreas('commerce-homestay', ['110116108', '110116004'], TOWNSHIP_UNIT, '民宿集中镇设民宿服务管理专班'),
  district('commerce-scenic', 'dept-wlj'),
  district('commerce-greatwall', 'dept-wlj'),
  ...inAreas('commerce-greatwall', ['110116108'], 'dept-wlj-mtyc', '慕田峪长城由旅游区办事处管理'),
  ...inAreas('commerce-greatwall', ['110116109'], TOWNSHIP_UNIT, '黄花城水长城等由属地镇协调景区'),
  district('commerce-tourism', 'dept-wlj'),
  district('commerce-express', 'dept-shangwu', '涉及邮政业务的转市邮政管理部门'),

  // ---- 农村农业 ----
  district('rural-homestead', TOWNSHIP_UNIT, '宅基地由镇乡审批管理，区农业农村局协办'),
  district('rural-land-transfer', TOWNSHIP_UNIT, '镇乡农村经营管理站调处'),
  district('rural-subsidy', 'dept-nyncj'),
  district('rural-orchard', 'dept-ylj', '北京果树产业归园林绿化部门管理'),
  district('rural-village-affairs', TOWNSHIP_UNIT),

  // ---- 市场监管 ----
  district('market-food', 'dept-scjgj'),
  district('market-price', 'dept-scjgj'),

  // ---- 民政和社会事务 ----
  district('civil-elderly', 'dept-mzj'),
  district('civil-assistance', TOWNSHIP_UNIT, '低保和临时救助由户籍所在街乡受理审核'),
  district('civil-disability', 'dept-cl'),
  district('civil-veterans', 'dept-tyjrj'),

  // ---- 公共安全 ----
  district('public-security-hukou', 'dept-gaj', '由户籍所在派出所办理'),
  district('public-security-dog', 'dept-gaj'),
  district('public-security-hazard', 'dept-yjj'),

  // ---- 林业水务 ----
  district('ecology-wildlife', 'dept-ylj'),
  district('ecology-forest-fire', 'dept-ylj'),
  ...inAreas('ecology-forest-fire', MOUNTAIN_TOWNS, TOWNSHIP_UNIT, '山区镇乡护林防火队先期处置'),
  district('ecology-reservoir', 'dept-swj'),
  district('ecology-river', 'dept-swj', '河长制：属地街乡河长协办'),
  district('ecology-flood', 'dept-yjj'),
  ...inAreas('ecology-flood', MOUNTAIN_TOWNS, TOWNSHIP_UNIT, '山区镇乡负责险村险户转移避险'),

  // ---- 其他 ----
  district('other-telecom', 'dept-jxj', '区经信局协调通信运营商'),
  // Praise is recorded by the centre and forwarded to the unit praised.
  district('other-praise', 'centre'),
  district('other-misc', 'centre'),
];
