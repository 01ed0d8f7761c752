/**
 * Place knowledge for the intake place parser and the segmenter dictionary:
 * how people name Huairou's streets and towns, where their seats are, and
 * the roads, compounds, scenic spots and facilities callers mention.
 *
 * Every code is a row of `divisions.csv`. Coordinates are approximate WGS84
 * (good to a few hundred metres at best): they centre maps and break ties,
 * they are not surveyed positions. Where a landmark's village is not known
 * for certain, it carries the township-level code only.
 */

export interface TownshipPlace {
  code: string;
  shortName: string;
  aliases: string[];
  lat: number;
  lng: number;
}

export interface Landmark {
  name: string;
  kind: 'road' | 'landmark' | 'residential' | 'scenic' | 'school' | 'hospital' | 'market';
  areaCode: string;
  aliases?: string[];
  lat?: number;
  lng?: number;
}

/**
 * The district and its 17 township-level divisions. `shortName` is what
 * callers say. 怀柔地区 keeps "地区" in its short name because a bare "怀柔"
 * means the whole district; its everyday name 怀柔镇 is an alias.
 */
export const TOWNSHIP_PLACES: readonly TownshipPlace[] = [
  // Seat: the district government on 府前街. 怀柔县 became 怀柔区 in 2001.
  {
    code: '110116',
    shortName: '怀柔',
    aliases: ['怀柔区', '北京市怀柔区', '怀柔县'],
    lat: 40.316,
    lng: 116.632,
  },
  { code: '110116001', shortName: '泉河', aliases: ['泉河街道', '泉河街道办'], lat: 40.322, lng: 116.631 },
  { code: '110116002', shortName: '龙山', aliases: ['龙山街道', '龙山街道办'], lat: 40.305, lng: 116.638 },
  {
    code: '110116003',
    shortName: '怀柔地区',
    aliases: ['怀柔镇', '怀柔地区办事处'],
    lat: 40.336,
    lng: 116.618,
  },
  {
    code: '110116004',
    shortName: '雁栖',
    aliases: ['雁栖镇', '雁栖地区', '雁栖地区办事处'],
    lat: 40.362,
    lng: 116.672,
  },
  {
    code: '110116005',
    shortName: '庙城',
    aliases: ['庙城镇', '庙城地区', '庙城地区办事处'],
    lat: 40.283,
    lng: 116.614,
  },
  { code: '110116102', shortName: '北房', aliases: ['北房镇'], lat: 40.294, lng: 116.688 },
  { code: '110116103', shortName: '杨宋', aliases: ['杨宋镇'], lat: 40.262, lng: 116.664 },
  { code: '110116105', shortName: '桥梓', aliases: ['桥梓镇'], lat: 40.321, lng: 116.56 },
  { code: '110116106', shortName: '怀北', aliases: ['怀北镇'], lat: 40.397, lng: 116.689 },
  { code: '110116107', shortName: '汤河口', aliases: ['汤河口镇'], lat: 40.731, lng: 116.632 },
  { code: '110116108', shortName: '渤海', aliases: ['渤海镇'], lat: 40.404, lng: 116.531 },
  { code: '110116109', shortName: '九渡河', aliases: ['九渡河镇'], lat: 40.366, lng: 116.449 },
  { code: '110116110', shortName: '琉璃庙', aliases: ['琉璃庙镇'], lat: 40.576, lng: 116.604 },
  { code: '110116111', shortName: '宝山', aliases: ['宝山镇'], lat: 40.722, lng: 116.479 },
  {
    code: '110116211',
    shortName: '长哨营',
    aliases: ['长哨营乡', '长哨营满族乡'],
    lat: 40.795,
    lng: 116.716,
  },
  {
    code: '110116213',
    shortName: '喇叭沟门',
    aliases: ['喇叭沟门乡', '喇叭沟门满族乡'],
    lat: 40.97,
    lng: 116.6,
  },
  {
    code: '110116400',
    shortName: '雁栖开发区',
    aliases: ['开发区', '雁栖经济开发区', '北京雁栖经济开发区', '怀柔开发区'],
    lat: 40.343,
    lng: 116.661,
  },
];

/**
 * Roads, compounds, scenic spots and facilities. Long roads crossing several
 * towns carry the town where most calls about them come from; the parser
 * should treat a road alone as weak evidence of place.
 */
export const LANDMARKS: readonly Landmark[] = [
  // ---- Roads in the new town (泉河 / 龙山) ----
  { name: '青春路', kind: 'road', areaCode: '110116001' },
  { name: '府前街', kind: 'road', areaCode: '110116001' },
  { name: '北大街', kind: 'road', areaCode: '110116001', aliases: ['怀柔北大街'] },
  { name: '南大街', kind: 'road', areaCode: '110116001' },
  { name: '开放路', kind: 'road', areaCode: '110116001' },
  { name: '富乐大街', kind: 'road', areaCode: '110116001' },
  { name: '新贤街', kind: 'road', areaCode: '110116001' },
  { name: '后城街', kind: 'road', areaCode: '110116001' },
  { name: '迎宾路', kind: 'road', areaCode: '110116002', aliases: ['迎宾中路', '迎宾南路', '迎宾北路'] },
  { name: '南华大街', kind: 'road', areaCode: '110116002' },
  { name: '商业街', kind: 'road', areaCode: '110116002' },
  { name: '车站路', kind: 'road', areaCode: '110116002' },
  { name: '东大街', kind: 'road', areaCode: '110116002' },
  // ---- Roads of the development zone and the science city ----
  { name: '雁栖大街', kind: 'road', areaCode: '110116400' },
  { name: '乐园大街', kind: 'road', areaCode: '110116400' },
  { name: '杨雁路', kind: 'road', areaCode: '110116103' },
  // ---- Arterial and mountain roads ----
  // G101 and G111 share the route from Beijing to the new town.
  { name: '京密路', kind: 'road', areaCode: '110116005', aliases: ['101国道', 'G101'] },
  // G111 runs north from 河防口 (怀北) through 琉璃庙 and 汤河口 to 喇叭沟门.
  { name: '京加路', kind: 'road', areaCode: '110116106', aliases: ['111国道', 'G111', '京漠线'] },
  // The stretch of G111 north of 汤河口 is still called 怀丰路/怀丰公路 locally.
  { name: '怀丰公路', kind: 'road', areaCode: '110116107', aliases: ['怀丰路'] },
  { name: '京承高速', kind: 'road', areaCode: '110116103', aliases: ['G45'] },
  { name: '怀长路', kind: 'road', areaCode: '110116105' },
  { name: '怀黄路', kind: 'road', areaCode: '110116109' },
  { name: '怀沙路', kind: 'road', areaCode: '110116108' },
  { name: '范崎路', kind: 'road', areaCode: '110116004' },
  { name: '天北路', kind: 'road', areaCode: '110116105' },

  // ---- Residential compounds (named after, and coded as, their community) ----
  { name: '富乐北里', kind: 'residential', areaCode: '110116001002' },
  { name: '金台园', kind: 'residential', areaCode: '110116001011' },
  { name: '馥郁苑', kind: 'residential', areaCode: '110116001013' },
  { name: '于家园二区', kind: 'residential', areaCode: '110116001015', aliases: ['于家园2区'] },
  { name: '新贤家园', kind: 'residential', areaCode: '110116001017' },
  { name: '龙湖新村', kind: 'residential', areaCode: '110116002005' },
  { name: '南华园一区', kind: 'residential', areaCode: '110116002007', aliases: ['南华园1区', '南华一区'] },
  { name: '南华园三区', kind: 'residential', areaCode: '110116002015', aliases: ['南华园3区', '南华三区'] },
  { name: '南华园四区', kind: 'residential', areaCode: '110116002009', aliases: ['南华园4区', '南华四区'] },
  { name: '红螺家园', kind: 'residential', areaCode: '110116003001' },
  { name: '滨河馨居', kind: 'residential', areaCode: '110116003002' },
  { name: '幸福东园', kind: 'residential', areaCode: '110116102001' },
  { name: '裕华园', kind: 'residential', areaCode: '110116102002' },

  // ---- Great Wall ----
  {
    name: '慕田峪长城',
    kind: 'scenic',
    areaCode: '110116108',
    aliases: ['慕田峪', '慕田峪景区', '慕田峪长城景区'],
    lat: 40.432,
    lng: 116.566,
  },
  {
    name: '黄花城水长城',
    kind: 'scenic',
    areaCode: '110116109',
    aliases: ['水长城', '黄花城长城'],
    lat: 40.42,
    lng: 116.338,
  },
  // Approached from 西栅子村, the usual starting point for hikers.
  {
    name: '箭扣长城',
    kind: 'scenic',
    areaCode: '110116004',
    aliases: ['箭扣', '箭扣野长城'],
    lat: 40.45,
    lng: 116.5,
  },
  { name: '响水湖长城', kind: 'scenic', areaCode: '110116108209', aliases: ['响水湖', '响水湖景区'] },
  // ---- Lakes, temples, valleys and forests ----
  {
    name: '雁栖湖',
    kind: 'scenic',
    areaCode: '110116004',
    aliases: ['雁栖湖景区', '雁栖湖公园'],
    lat: 40.405,
    lng: 116.668,
  },
  {
    name: '雁栖湖国际会都',
    kind: 'landmark',
    areaCode: '110116004',
    aliases: ['国际会都', '雁栖湖国际会展中心', '日出东方酒店', 'APEC会址'],
  },
  {
    name: '红螺寺',
    kind: 'scenic',
    areaCode: '110116003',
    aliases: ['红螺寺景区', '红螺山'],
    lat: 40.386,
    lng: 116.617,
  },
  { name: '青龙峡', kind: 'scenic', areaCode: '110116106', aliases: ['青龙峡景区'] },
  { name: '幽谷神潭', kind: 'scenic', areaCode: '110116106', aliases: ['幽谷神潭景区'] },
  { name: '神堂峪', kind: 'scenic', areaCode: '110116004213', aliases: ['神堂峪景区', '神堂峪自然风景区'] },
  { name: '不夜谷', kind: 'scenic', areaCode: '110116004', aliases: ['雁栖不夜谷'] },
  { name: '云蒙山', kind: 'scenic', areaCode: '110116110201', aliases: ['云蒙山国家森林公园', '云蒙山景区'] },
  { name: '鳞龙山', kind: 'scenic', areaCode: '110116109215', aliases: ['鳞龙山自然风景区'] },
  { name: '白河峡谷', kind: 'scenic', areaCode: '110116110', aliases: ['白河湾'] },
  {
    name: '喇叭沟门原始森林',
    kind: 'scenic',
    areaCode: '110116213',
    aliases: ['喇叭沟门森林公园', '原始森林', '原始次生林'],
  },
  { name: '百泉山', kind: 'scenic', areaCode: '110116105', aliases: ['百泉山景区'] },
  {
    name: '中国影都',
    kind: 'landmark',
    areaCode: '110116103',
    aliases: ['中影基地', '影视基地', '中影数字基地'],
  },
  // The district's highest peak (about 1,700 m), on the Hebei border.
  { name: '猴顶山', kind: 'scenic', areaCode: '110116213' },

  // ---- Water bodies (for 河道/水库/防汛 calls) ----
  { name: '怀柔水库', kind: 'landmark', areaCode: '110116003', lat: 40.318, lng: 116.588 },
  { name: '北台上水库', kind: 'landmark', areaCode: '110116004' },
  { name: '怀河', kind: 'landmark', areaCode: '110116001' },
  { name: '雁栖河', kind: 'landmark', areaCode: '110116004' },
  { name: '怀沙河', kind: 'landmark', areaCode: '110116108', aliases: ['虹鳟鱼一条沟'] },
  { name: '怀九河', kind: 'landmark', areaCode: '110116109' },
  { name: '白河', kind: 'landmark', areaCode: '110116110' },
  { name: '汤河', kind: 'landmark', areaCode: '110116107' },
  { name: '天河', kind: 'landmark', areaCode: '110116111', aliases: ['天河川'] },

  // ---- Science city ----
  // The science city spans several towns, so it resolves to the district only.
  { name: '怀柔科学城', kind: 'landmark', areaCode: '110116', aliases: ['科学城', '怀柔综合性国家科学中心'] },
  {
    name: '中国科学院大学雁栖湖校区',
    kind: 'school',
    areaCode: '110116004',
    aliases: ['国科大', '国科大雁栖湖校区', '中科院大学'],
    lat: 40.408,
    lng: 116.683,
  },
  { name: '综合极端条件实验装置', kind: 'landmark', areaCode: '110116400', aliases: ['极端条件装置'] },
  { name: '高能同步辐射光源', kind: 'landmark', areaCode: '110116400', aliases: ['光源', 'HEPS'] },

  // ---- Schools ----
  { name: '航天工程大学', kind: 'school', areaCode: '110116001012', aliases: ['装备学院'] },
  { name: '北京电影学院怀柔校区', kind: 'school', areaCode: '110116103', aliases: ['北影怀柔校区'] },
  { name: '怀柔区第一中学', kind: 'school', areaCode: '110116001', aliases: ['怀柔一中'] },

  // ---- Hospitals and health centres ----
  {
    name: '怀柔区医院',
    kind: 'hospital',
    areaCode: '110116001',
    aliases: ['北京怀柔医院', '怀柔医院', '区医院'],
  },
  { name: '怀柔区中医医院', kind: 'hospital', areaCode: '110116001', aliases: ['怀柔中医院', '区中医院'] },
  { name: '怀柔区妇幼保健院', kind: 'hospital', areaCode: '110116001', aliases: ['区妇幼', '妇幼保健院'] },
  { name: '泉河街道社区卫生服务中心', kind: 'hospital', areaCode: '110116001' },
  { name: '龙山街道社区卫生服务中心', kind: 'hospital', areaCode: '110116002' },
  { name: '庙城社区卫生服务中心', kind: 'hospital', areaCode: '110116005' },
  { name: '北房镇社区卫生服务中心', kind: 'hospital', areaCode: '110116102' },
  { name: '渤海镇社区卫生服务中心', kind: 'hospital', areaCode: '110116108' },
  { name: '汤河口镇社区卫生服务中心', kind: 'hospital', areaCode: '110116107' },
  { name: '喇叭沟门满族乡社区卫生服务中心', kind: 'hospital', areaCode: '110116213' },

  // ---- Transport hubs and public buildings ----
  { name: '怀柔站', kind: 'landmark', areaCode: '110116002', aliases: ['怀柔火车站'] },
  {
    name: '怀柔区政府',
    kind: 'landmark',
    areaCode: '110116001',
    aliases: ['区政府'],
    lat: 40.316,
    lng: 116.632,
  },
  { name: '开放环岛', kind: 'landmark', areaCode: '110116001' },
  { name: '慕田峪环岛', kind: 'landmark', areaCode: '110116003' },
  { name: '河防口', kind: 'landmark', areaCode: '110116106208', aliases: ['河防口长城'] },
];

/**
 * Village-level units callers name differently from the statistical list.
 * Several village names repeat across towns (四渡河, 大地, 北湾, 八道河,
 * 杨树下, 四道河); they need the town in the text to resolve and have no
 * alias here.
 */
export const VILLAGE_ALIASES: readonly { code: string; aliases: string[] }[] = [
  // 航天工程大学 was 装备学院 until 2017.
  { code: '110116001012', aliases: ['装备学院社区', '航天工程大学'] },
  { code: '110116103209', aliases: ['张各庄', '张各庄村'] },
  { code: '110116103214', aliases: ['太平庄', '太平庄村'] },
  { code: '110116105001', aliases: ['茶坞', '茶坞铁路'] },
  { code: '110116106001', aliases: ['怀北铁路'] },
  { code: '110116400498', aliases: ['开发区虚拟社区', '开发区社区'] },
  { code: '110116108221', aliases: ['慕田峪村'] },
  { code: '110116109211', aliases: ['黄花城村'] },
  { code: '110116004219', aliases: ['西栅子村', '箭扣脚下'] },
  { code: '110116002007', aliases: ['南华园一区社区'] },
  { code: '110116002015', aliases: ['南华园三区社区'] },
  { code: '110116002009', aliases: ['南华园四区社区'] },
];

/**
 * Words the segmenter must keep whole: local places, products and the
 * vocabulary of Beijing's 接诉即办 work. Division and unit names come from
 * their own tables and are not repeated here.
 */
export const LOCAL_TERMS: readonly string[] = [
  // Places and sights
  '怀柔科学城',
  '雁栖湖',
  '雁栖湖国际会都',
  '红螺寺',
  '慕田峪',
  '慕田峪长城',
  '黄花城水长城',
  '水长城',
  '箭扣',
  '响水湖',
  '青龙峡',
  '神堂峪',
  '幽谷神潭',
  '云蒙山',
  '不夜谷',
  '喇叭沟门原始森林',
  '中国影都',
  '中影基地',
  '国科大',
  '虹鳟鱼一条沟',
  '怀沙河',
  '怀九河',
  '雁栖河',
  '怀丰公路',
  '京加路',
  '京密路',
  // Local products and rural life
  '板栗',
  '栗子',
  '栗蘑',
  '虹鳟鱼',
  '农家院',
  '农家乐',
  '精品民宿',
  '采摘园',
  '果树',
  '宅基地',
  '土地流转',
  '生态林',
  '护林员',
  '大棚房',
  '村级供水站',
  '大集',
  // Heating and utilities
  '煤改电',
  '煤改气',
  '空气源热泵',
  '蓄能电暖器',
  '壁挂炉',
  '清洁取暖',
  '供暖季',
  '暖气片',
  '燃气表',
  '电动自行车',
  '飞线充电',
  '充电桩',
  // Housing and city management
  '老旧小区',
  '加装电梯',
  '物业费',
  '物管会',
  '业委会',
  '违法建设',
  '私搭乱建',
  '占道经营',
  '餐饮油烟',
  '垃圾分类',
  '厨余垃圾',
  '桶站',
  '综合执法队',
  '疏整促',
  '僵尸车',
  '共享单车',
  // Social services
  '养老助残卡',
  '北京通',
  '养老驿站',
  '低保',
  '临时救助',
  '残疾证',
  '优待证',
  '居住证',
  '异地就医',
  '医保',
  '公积金',
  '社保',
  '灵活就业',
  '校外培训',
  // Safety and nature
  '森林防火',
  '山区防汛',
  '泥石流',
  '转移避险',
  '野猪',
  '养犬登记',
  // Hotline vocabulary
  '接诉即办',
  '街乡吹哨',
  '部门报到',
  '未诉先办',
  '每月一题',
  '12345',
];
