/**
 * Knowledge-base answers for inquiries (咨询) that an agent reads out or sends
 * while the caller is on the line, so the ticket can be closed directly
 * (直接办结) instead of dispatched.
 *
 * Answers give the route and the kind of materials, not figures that change
 * every year (contribution bases, subsidy amounts, quotas): those the agent
 * must look up in the current notice, and the answers say so. `category` is
 * the leaf the question belongs to, or null for cross-cutting matters.
 */

export interface KnowledgeSeed {
  question: string;
  answer: string;
  keywords: string[];
  category: string | null;
  questionEn?: string;
  answerEn?: string;
}

export const KNOWLEDGE_SEEDS: readonly KnowledgeSeed[] = [
  // ---- Utilities ----
  {
    question: '北京的供暖季是什么时候开始和结束？',
    answer:
      '本市法定供暖期为每年11月15日至次年3月15日。遇气温偏低时，市政府可决定提前供暖或延长供暖，以当年通知为准。供暖期内居室温度应不低于18℃，如暖气不热可联系供热单位报修，也可拨打12345反映。',
    keywords: ['供暖季', '供暖时间', '什么时候来暖气', '停暖时间', '暖气'],
    category: 'urban-heating',
    questionEn: 'When does the heating season start and end in Beijing?',
    answerEn:
      'The statutory heating season runs from 15 November to 15 March. The city may start early or extend it in cold weather; check the current notice. Rooms must reach at least 18°C; if not, report it to your heating company or call 12345.',
  },
  {
    question: '供暖费怎么交？家里不住能不能报停？',
    answer:
      '集中供暖的供暖费一般在供暖季开始前缴纳，可通过供热单位营业厅、银行代收或供热单位的线上缴费渠道办理。长期不住的住户可在供暖季开始前向供热单位申请报停，报停后一般仍需缴纳一定比例的基础热费，具体以供热单位规定为准。',
    keywords: ['供暖费', '采暖费', '交暖气费', '报停', '缴费'],
    category: 'urban-heating',
  },
  {
    question: '怎么查询计划停电信息？停电了找谁？',
    answer:
      '计划停电信息可通过“网上国网”App、国网北京电力官方公众号查询，小区或村内一般也会提前张贴停电通知。突然停电请先确认是否为本户跳闸：邻居有电而本户没电，多为户内故障，可联系物业电工；整片停电可拨打供电服务热线95598报修。',
    keywords: ['停电', '停电查询', '计划停电', '95598', '没电'],
    category: 'urban-power-outage',
    questionEn: 'How do I find out about planned power cuts, and whom do I call when the power is out?',
    answerEn:
      'Planned outages are published in the State Grid “网上国网” app and posted in your compound or village. If only your home is dark, check your own circuit breaker or call your property electrician; if the whole area is out, call the power hotline 95598.',
  },
  {
    question: '怎么知道什么时候停水？停水了怎么办？',
    answer:
      '计划停水一般由供水单位提前在小区或村内张贴通知。城区住户突然停水可联系供水单位报修；山区村由村级供水站供水的，可联系村委会或镇政府。也可拨打12345反映，话务员会帮您联系责任单位并了解恢复时间。',
    keywords: ['停水', '没水', '什么时候来水', '停水通知', '供水'],
    category: 'urban-water-outage',
  },
  {
    question: '家里闻到燃气味怎么办？',
    answer:
      '请立即关闭燃气总阀门，打开门窗通风；不要开关任何电器、不要使用明火、不要在室内拨打电话。迅速离开房间，到室外安全地点后拨打燃气抢修电话96777或119报警。',
    keywords: ['燃气泄漏', '煤气味', '燃气味', '漏气', '96777'],
    category: 'urban-gas-leak',
    questionEn: 'What should I do if I smell gas at home?',
    answerEn:
      'Close the main gas valve and open doors and windows. Do not touch light switches or appliances, use flames or make phone calls indoors. Leave, and once outside call the gas emergency line 96777 or 119.',
  },
  {
    question: '新房怎么开通天然气？',
    answer:
      '新房开通天然气需由产权人或其委托人向燃气公司申请，一般需提供房屋产权证明（或购房合同）和身份证件。燃气公司受理后会预约上门安装燃气表、检查户内设施并点火通气。可通过燃气公司营业厅或服务热线96777咨询办理。',
    keywords: ['开通燃气', '通气', '燃气开户', '燃气表', '天然气'],
    category: 'urban-gas',
  },

  // ---- Housing and property ----
  {
    question: '物业费收费标准由谁定？物业涨价合法吗？',
    answer:
      '普通住宅前期物业服务收费执行政府指导价，业主大会成立后物业费由业主与物业服务企业在合同中约定。物业企业调整收费，应按规定公开服务成本并经业主共同决定。对收费有异议的，可先与物业协商，也可向属地街道乡镇或12345反映。',
    keywords: ['物业费', '收费标准', '物业涨价', '物业收费'],
    category: 'urban-property-fee',
  },
  {
    question: '小区怎么成立业委会或物管会？',
    answer:
      '成立业主大会、选举业主委员会需由业主向属地街道乡镇提出申请，街道乡镇指导成立筹备组，按程序召开首次业主大会。暂不具备成立条件的，可由街道乡镇组织成立物业管理委员会，临时代行相关职责。具体可咨询所在社区居委会。',
    keywords: ['业委会', '物管会', '业主大会', '成立业委会'],
    category: 'urban-property',
  },
  {
    question: '老楼加装电梯怎么申请？',
    answer:
      '老楼加装电梯以单元为单位，由业主自愿提出，需征得本单元业主同意（具体比例按本市现行规定），并确定实施主体。可先向所在社区或街道乡镇咨询，由其协助征求意见、办理规划等手续；符合条件的可申请政府补贴，标准以区住建委当年政策为准。',
    keywords: ['加装电梯', '老楼电梯', '电梯补贴', '申请电梯'],
    category: 'urban-elevator',
  },

  // ---- City management ----
  {
    question: '北京的垃圾怎么分类？',
    answer:
      '本市生活垃圾分为四类：厨余垃圾（剩菜剩饭、果皮、菜叶等）、可回收物（纸类、塑料瓶、金属、玻璃、织物等）、有害垃圾（废电池、废灯管、过期药品、油漆桶等）、其他垃圾（用过的纸巾、尘土、一次性餐具等）。厨余垃圾请去除包装袋后投放。',
    keywords: ['垃圾分类', '厨余垃圾', '可回收物', '有害垃圾', '其他垃圾'],
    category: 'city-waste-sorting',
    questionEn: 'How is household waste sorted in Beijing?',
    answerEn:
      'Four bins: kitchen waste (leftovers, peel, vegetable scraps), recyclables (paper, plastic bottles, metal, glass, textiles), hazardous waste (batteries, lamps, expired medicine, paint cans) and other waste (used tissues, dust, disposable tableware). Remove bags before putting kitchen waste in its bin.',
  },
  {
    question: '装修垃圾和大件家具怎么处理？',
    answer:
      '装修垃圾应装袋后堆放到小区指定地点，由物业或社区联系有资质的单位清运，一般需要付费；大件家具可预约物业或社区的大件垃圾清运服务，也可联系再生资源回收企业上门回收。请勿随意堆放在楼道或路边。',
    keywords: ['装修垃圾', '大件垃圾', '旧家具', '建筑垃圾', '清运'],
    category: 'city-garbage',
  },
  {
    question: '发现违法建设怎么举报？',
    answer:
      '可拨打12345或通过网站、App反映，请尽量说明具体位置（小区楼号或村名门牌）、建设内容、是否正在施工。违法建设由属地街道乡镇组织查处，举报人信息依法保密。',
    keywords: ['违建', '违法建设', '举报违建', '私搭乱建'],
    category: 'city-illegal-building',
  },

  // ---- Transport ----
  {
    question: '怎么查询怀柔的公交线路和到站时间？',
    answer:
      '可使用“北京公交”App或各类地图App查询线路、站点和实时到站信息。怀柔区内公交线路多以“H”开头，往返市区可乘坐916快等线路。对公交服务有意见可拨打北京公交集团服务热线96166。',
    keywords: ['公交线路', '公交查询', '916', '到站时间', '怀柔公交'],
    category: 'transport-bus',
    questionEn: 'How can I look up bus routes and arrival times in Huairou?',
    answerEn:
      'Use the “北京公交” (Beijing Bus) app or a map app for routes, stops and real-time arrivals. Local routes in Huairou mostly start with “H”; route 916 Express links Huairou with central Beijing. Service complaints: Beijing Public Transport hotline 96166.',
  },
  {
    question: '出租车上丢了东西怎么找？',
    answer:
      '如保留了出租车发票，可根据发票上的车号和公司联系出租车公司查找；网约车可直接通过平台App联系司机或客服。无发票的，可拨打12345说明乘车时间、上下车地点，由相关部门协助查找。',
    keywords: ['出租车', '丢东西', '失物', '发票', '网约车'],
    category: 'transport-taxi',
  },
  {
    question: '共享单车扣费有问题找谁？',
    answer:
      '请先通过共享单车App内的客服渠道申诉，保留骑行记录和截图。如企业未妥善处理，可拨打12345反映，由交通部门督促运营企业处理；涉及消费纠纷的也可向市场监管部门投诉。',
    keywords: ['共享单车', '扣费', '押金', '单车客服'],
    category: 'transport-bike',
  },

  // ---- Labour and social security ----
  {
    question: '社保缴费基数是多少？怎么查？',
    answer:
      '社会保险缴费基数上下限每年调整一次，以市人力社保局当年公布的标准为准。职工缴费基数一般按本人上一年度月平均工资确定。个人可通过“北京人社”网站或App、国家社会保险公共服务平台查询本人参保和缴费记录。',
    keywords: ['社保基数', '缴费基数', '社保查询', '缴费记录'],
    category: 'labour-insurance',
  },
  {
    question: '社保断缴了能补缴吗？',
    answer:
      '用人单位应缴未缴的，可由单位向社保经办机构申请补缴，劳动者也可向劳动保障监察机构投诉要求补缴。个人以灵活就业身份参保的，补缴条件以现行政策为准。具体可携带身份证件到户籍或参保所在地的街乡社保所咨询。',
    keywords: ['补缴', '断缴', '社保补缴', '欠缴'],
    category: 'labour-insurance',
  },
  {
    question: '灵活就业人员怎么参加社保？',
    answer:
      '符合条件的本市户籍灵活就业人员可以个人身份参加养老、医疗等社会保险，一般到户籍所在街道乡镇社保所办理就业登记和参保手续，也可通过北京人社网上服务平台办理。缴费档次和金额以当年公布标准为准。',
    keywords: ['灵活就业', '个人交社保', '自由职业', '个体社保'],
    category: 'labour-insurance',
  },
  {
    question: '被拖欠工资怎么办？',
    answer:
      '请保留劳动合同、考勤记录、工资条、聊天记录、工友证言等证据。可拨打12345或直接到区劳动保障监察大队投诉，也可向区劳动人事争议仲裁院申请仲裁。农民工讨薪遇到困难可申请法律援助。',
    keywords: ['欠薪', '拖欠工资', '讨薪', '劳动监察', '仲裁'],
    category: 'labour-wages',
    questionEn: 'My employer has not paid my wages. What can I do?',
    answerEn:
      'Keep your contract, attendance records, pay slips, messages and witnesses. Complain through 12345 or to the district labour inspection brigade, or apply for labour arbitration. Migrant workers can ask for legal aid.',
  },
  {
    question: '失业了怎么申领失业保险金？',
    answer:
      '非因本人意愿中断就业、参加失业保险并按规定缴费满一年、已办理失业登记并有求职要求的，可申领失业保险金。可通过北京人社网上服务平台或到户籍或常住地街乡社保所办理，一般需身份证件和解除劳动关系证明。',
    keywords: ['失业金', '失业保险', '失业登记', '领失业金'],
    category: 'labour-employment',
  },
  {
    question: '外籍人才在怀柔怎么办理工作许可？',
    answer:
      '外国人来华工作许可由用人单位通过“外国人来华工作管理服务系统”在线申请，一般需提供学历证明、工作资历证明、无犯罪记录证明、体检证明和劳动合同等材料。怀柔区设有面向国际人才的一站式服务窗口，可在区政务服务中心咨询工作许可和居留许可的联办。',
    keywords: ['外籍人才', '工作许可', '外国人工作', '国际人才', '居留许可'],
    category: null,
    questionEn: 'How do foreign professionals get a work permit in Huairou?',
    answerEn:
      'The employer applies online through the Foreigner’s Work Management Service System, usually with degree and work-experience certificates, a criminal-record check, a medical report and the employment contract. Huairou’s government service centre has a one-stop window for international talent that handles the work and residence permits together.',
  },
  {
    question: '外国人居留许可在哪里办理？',
    answer:
      '在华工作、学习的外国人应在入境后按规定办理居留许可，由公安机关出入境管理部门受理。一般需护照、签证、工作许可或学习证明、住宿登记证明、照片等。可拨打12345或到区政务服务中心国际人才服务窗口咨询具体材料和预约方式。',
    keywords: ['居留许可', '外国人居留', '签证', '出入境', '住宿登记'],
    category: null,
    questionEn: 'Where do foreigners apply for a residence permit?',
    answerEn:
      'Foreigners working or studying in China apply to the exit-entry administration of the public security bureau after arrival, usually with passport, visa, work permit or study certificate, proof of accommodation registration and photos. Ask 12345 or the international talent window at the district service centre for the current list and booking.',
  },
  {
    question: '住房公积金怎么提取？',
    answer:
      '购买、建造、翻建、大修自住住房，偿还购房贷款，租房自住，以及退休等情形可申请提取住房公积金。可通过北京住房公积金网上业务系统、App或到公积金管理部门柜台办理，所需材料根据提取类型不同而不同，以北京住房公积金管理中心公布为准。',
    keywords: ['公积金', '公积金提取', '租房提取', '取公积金'],
    category: null,
  },

  // ---- Health and medical insurance ----
  {
    question: '异地就医备案怎么办？',
    answer:
      '参保人可通过国家医保服务平台App、北京医保公共服务平台等线上渠道办理跨省异地就医备案，也可到区医保经办机构办理。备案类型包括异地长期居住、临时外出就医等，备案后在就医地联网定点医疗机构可直接结算。',
    keywords: ['异地就医', '备案', '外地看病', '医保备案', '直接结算'],
    category: 'health-insurance',
  },
  {
    question: '城乡居民医保怎么缴费？',
    answer:
      '城乡居民医疗保险一般在每年规定的集中缴费期内缴纳下一年度的费用，具体时间以区医保局当年通知为准。可通过街道乡镇社保所、村委会或线上渠道缴费。新生儿、新落户人员等可按规定随时参保。',
    keywords: ['城乡居民医保', '医保缴费', '居民医保', '老人医保'],
    category: 'health-insurance',
  },
  {
    question: '医保报销需要什么材料？',
    answer:
      '在本市定点医疗机构持医保凭证就医的，费用一般实时结算，无需另行报销。因故未能实时结算的，可持医疗费收据、费用明细、诊断证明、病历等材料到单位或街乡社保所申报手工报销。报销比例因医院级别和参保类型不同而不同。',
    keywords: ['医保报销', '报销材料', '手工报销', '报销比例'],
    category: 'health-insurance',
  },
  {
    question: '孩子打疫苗在哪里打？怎么预约？',
    answer:
      '儿童免疫规划疫苗在居住地所属的社区卫生服务中心预防接种门诊免费接种，需携带预防接种证。从外地迁入的儿童请携带原接种证到居住地接种门诊建档，按程序续种。预约方式以接种门诊公布为准。',
    keywords: ['疫苗', '打疫苗', '预防接种', '接种证', '儿童疫苗'],
    category: 'health-vaccine',
  },
  {
    question: '被狗咬了怎么办？去哪里打狂犬疫苗？',
    answer:
      '被犬只咬伤或抓伤后，请立即用肥皂水和流动清水交替冲洗伤口至少15分钟，然后尽快到设有狂犬病暴露预防处置门诊的医疗机构处置，由医生评估是否需要接种狂犬疫苗和免疫球蛋白。同时记下犬只和饲养人信息。',
    keywords: ['狂犬疫苗', '狗咬', '被狗咬', '犬伤门诊'],
    category: 'health-vaccine',
  },

  // ---- Education ----
  {
    question: '孩子上小学怎么登记？什么时候登记？',
    answer:
      '义务教育阶段入学一般每年春季启动信息采集，需在北京市义务教育入学服务平台填报信息，具体时间和材料以区教委当年发布的入学工作实施细则为准。非本市户籍儿童需提供父母在京工作、居住等证明材料，并按规定审核。',
    keywords: ['入学登记', '上小学', '入学时间', '信息采集', '学位'],
    category: 'education-enrolment',
    questionEn: 'How and when do I register my child for primary school?',
    answerEn:
      'Registration usually opens in spring on the Beijing compulsory-education enrolment platform; dates and documents follow the district education commission’s notice for that year. Children without Beijing hukou need proof of their parents’ work and residence in Beijing.',
  },
  {
    question: '幼儿园怎么报名？',
    answer:
      '幼儿园报名一般在每年春夏季进行，适龄幼儿家长可关注区教委和各幼儿园发布的招生信息，按要求登记报名。公办园和普惠性民办园收费较低，名额有限的按规则录取。具体以当年招生通知为准。',
    keywords: ['幼儿园', '入园', '幼儿园报名', '普惠园'],
    category: 'education-enrolment',
  },
  {
    question: '怎么判断校外培训机构是否合规？',
    answer:
      '可通过全国校外教育培训监管与服务综合平台查询机构是否经审批登记。报名前请查看办学许可证、营业执照，签订规范合同，并尽量通过平台或监管账户缴费，不要一次性预交大额费用。发现违规培训可拨打12345举报。',
    keywords: ['校外培训', '培训机构', '资质查询', '预收费'],
    category: 'education-training',
  },

  // ---- Civil affairs ----
  {
    question: '养老助残卡（老年卡）怎么办理？',
    answer:
      '符合条件的老年人可申领北京通-养老助残卡，可通过所在社区（村）、街道乡镇或“北京通”线上渠道申请，一般需身份证件和照片。持卡可享受本市规定的养老优待，例如65周岁以上老年人可免费乘坐本市地面公交，具体优待以本市现行政策为准。',
    keywords: ['养老助残卡', '老年卡', '北京通', '老人乘车卡'],
    category: 'civil-elderly',
    questionEn: 'How do I get an elderly (养老助残) card?',
    answerEn:
      'Eligible older residents apply through their community or village committee, the subdistrict/town office, or online via Beijing Tong, usually with ID and a photo. The card carries Beijing’s benefits for the elderly, for example free local buses from age 65.',
  },
  {
    question: '高龄津贴怎么申请？',
    answer:
      '本市户籍高龄老年人可享受高龄津贴，一般在符合年龄条件后由社区（村）或街道乡镇协助办理，津贴按月发放到老人的养老助残卡或指定账户，标准以本市现行政策为准。如未按时到账，可联系户籍所在街道乡镇民政科室查询。',
    keywords: ['高龄津贴', '高龄补贴', '老人补贴', '80岁补贴'],
    category: 'civil-elderly',
  },
  {
    question: '怎么申请低保？',
    answer:
      '家庭人均收入低于本市低保标准且家庭财产符合规定的，可向户籍所在街道乡镇的社会救助窗口提出申请，一般需提供身份证件、户口簿、家庭收入和财产情况等材料，经家庭经济状况核对和审核后确定。具体标准以当年公布为准。',
    keywords: ['低保', '申请低保', '最低生活保障', '低收入'],
    category: 'civil-assistance',
  },
  {
    question: '家里突发困难怎么申请临时救助？',
    answer:
      '因火灾、交通事故、突发重病等原因导致基本生活暂时困难的家庭，可向户籍所在地或居住地街道乡镇申请临时救助。情况紧急的可先行救助、后补手续。可先联系所在社区（村）了解办理流程。',
    keywords: ['临时救助', '突发困难', '救助', '困难补助'],
    category: 'civil-assistance',
  },
  {
    question: '残疾人证怎么办？',
    answer:
      '申请人（或监护人）可向户籍所在地街道乡镇残联提出申请，到指定的评残医院进行残疾评定，评定符合标准后由区残联审核发放残疾人证。办理一般需身份证件、户口簿和照片，也可咨询区残联线上办理渠道。',
    keywords: ['残疾证', '残疾评定', '办残疾证', '评残'],
    category: 'civil-disability',
  },
  {
    question: '退役军人优待证怎么申领？',
    answer:
      '退役军人可向户籍所在地的街道乡镇退役军人服务站提出申请，也可通过线上渠道申请，一般需身份证件和退役证件等材料，经审核后制发优待证。持证可享受国家和本市规定的优待，具体以现行政策为准。',
    keywords: ['优待证', '退役军人', '申领优待证', '退役军人服务站'],
    category: 'civil-veterans',
  },
  {
    question: '结婚登记需要预约吗？需要带什么？',
    answer:
      '结婚登记可到区民政局婚姻登记处办理，建议提前通过网上预约。双方需本人到场，携带本人身份证和户口簿等材料，并提供近期合影照片。具体以婚姻登记机关公布的要求为准。',
    keywords: ['结婚登记', '领结婚证', '婚姻登记', '预约'],
    category: null,
  },

  // ---- Household registration and public safety ----
  {
    question: '新生儿怎么落户？',
    answer:
      '新生儿可在父亲或母亲的户口所在地派出所申报出生登记，一般需携带出生医学证明、父母的户口簿和身份证、结婚证等材料。部分业务可通过线上渠道预约或办理，具体以公安机关公布为准。',
    keywords: ['新生儿落户', '上户口', '出生登记', '孩子户口'],
    category: 'public-security-hukou',
  },
  {
    question: '居住证怎么办理？',
    answer:
      '非本市户籍人员在本市办理居住登记满半年，并有合法稳定就业、合法稳定住所或连续就读之一的，可以申领北京市居住证。可到居住地派出所或社区居住证受理点办理，一般需身份证件、照片和就业、住所或就读证明。',
    keywords: ['居住证', '办居住证', '居住登记', '暂住证'],
    category: 'public-security-hukou',
    questionEn: 'How do I apply for a Beijing residence permit (居住证)?',
    answerEn:
      'Non-Beijing hukou residents who have been registered at their address for six months and have stable employment, stable housing or continuous schooling can apply at the local police station or community service point, with ID, photos and proof of work, housing or study.',
  },
  {
    question: '身份证丢了怎么补办？',
    answer:
      '居民身份证丢失可到户籍所在地派出所补领，也可按规定跨省异地办理。急需乘车的，可在车站公安制证窗口办理临时乘车证明。补领时需本人到场采集照片和指纹。',
    keywords: ['身份证丢了', '补办身份证', '临时身份证', '身份证'],
    category: 'public-security-hukou',
  },
  {
    question: '养狗需要登记吗？怎么登记？',
    answer:
      '本市实行养犬登记和年检制度。居住在养犬重点管理区的，每户限养一只，不得饲养大型犬和烈性犬。养犬人应为犬只注射狂犬病疫苗，持免疫证明等材料到公安机关指定的登记点办理登记。遛狗时应束犬链、及时清理犬便。',
    keywords: ['养犬登记', '狗证', '办狗证', '养狗', '犬只年检'],
    category: 'public-security-dog',
    questionEn: 'Do I need to register my dog, and how?',
    answerEn:
      'Yes. Beijing requires dog registration and an annual inspection. In the key management zones each household may keep one dog and no large or dangerous breeds. Vaccinate the dog against rabies and register it at a police-designated office with the vaccination certificate. Keep it on a lead and clean up after it.',
  },

  // ---- Commerce and tourism ----
  {
    question: '开民宿需要什么条件和手续？',
    answer:
      '乡村民宿经营一般需利用合法的农村住宅，房屋安全、消防、卫生等条件符合要求，经所在村和镇乡审核同意后，办理营业执照，涉及住宿的办理特种行业许可（治安管理），提供餐饮的办理食品经营许可。具体条件可咨询区文旅局和所在镇乡。',
    keywords: ['民宿', '开民宿', '民宿办证', '农家院', '民宿手续'],
    category: 'commerce-homestay',
  },
  {
    question: '个体工商户怎么注册？',
    answer:
      '可通过北京市企业服务e窗通平台线上申请，或到区政务服务中心市场监管窗口办理。一般需经营者身份证件和经营场所证明，经营涉及许可项目的还需另行办理相应许可。',
    keywords: ['个体工商户', '营业执照', '注册', '开店', '办执照'],
    category: null,
  },
  {
    question: '消费纠纷怎么投诉？',
    answer:
      '请保留购物凭证、发票、合同、聊天记录等证据，先与商家协商。协商不成的，可通过全国12315平台或拨打12345向市场监管部门投诉，也可向消费者协会申请调解，或依法提起诉讼。',
    keywords: ['消费纠纷', '投诉商家', '12315', '退货', '维权'],
    category: 'commerce-consumer',
    questionEn: 'How do I complain about a shop or service?',
    answerEn:
      'Keep receipts, invoices, contracts and messages and try to settle with the business first. If that fails, complain to market regulation through the national 12315 platform or 12345, ask the consumer association to mediate, or go to court.',
  },
  {
    question: '快递丢了或者延误了怎么投诉？',
    answer:
      '请先向快递企业客服投诉并保留记录。企业未处理或对处理结果不满意的，可通过国家邮政局邮政业用户申诉渠道（12305）申诉。保价快件按保价规则赔偿，未保价的按相关规定赔偿。',
    keywords: ['快递', '丢件', '快递投诉', '12305', '延误'],
    category: 'commerce-express',
  },
  {
    question: '去慕田峪长城需要预约吗？怎么去？',
    answer:
      '慕田峪长城景区门票和索道、滑道等项目票可通过景区官方渠道购买，节假日建议提前预约，具体预约要求以景区公告为准。自驾可经京承高速到怀柔后按指示前往渤海镇方向；公共交通可从东直门乘坐916快到怀柔后换乘前往景区的线路。',
    keywords: ['慕田峪', '长城预约', '门票', '怎么去长城', '索道'],
    category: 'commerce-greatwall',
    questionEn: 'Do I need to book for the Mutianyu Great Wall, and how do I get there?',
    answerEn:
      'Tickets for the wall, cable car and toboggan are sold through the scenic area’s official channels; booking ahead is advisable on holidays (see the area’s notices). By car take the Jingcheng Expressway to Huairou and follow signs towards Bohai; by bus take 916 Express from Dongzhimen to Huairou and change to a line serving the scenic area.',
  },

  // ---- Rural affairs ----
  {
    question: '农村宅基地怎么申请？',
    answer:
      '农村宅基地实行“一户一宅”。符合条件的农户向所在村集体经济组织或村委会提出申请，经村民代表会议讨论通过并公示后，报镇乡政府审核批准。翻建房屋也需按程序申请。具体条件可咨询所在镇乡政府。',
    keywords: ['宅基地', '申请宅基地', '盖房', '翻建', '一户一宅'],
    category: 'rural-homestead',
  },
  {
    question: '承包地怎么流转？需要签合同吗？',
    answer:
      '土地经营权流转应当依法、自愿、有偿，双方应签订书面流转合同，写明流转期限、用途、价款及支付方式等，并向镇乡农村经营管理部门备案。流转不得改变土地的农业用途。有纠纷的可向镇乡申请调解或申请农村土地承包仲裁。',
    keywords: ['土地流转', '流转合同', '承包地', '租地'],
    category: 'rural-land-transfer',
  },
  {
    question: '板栗树生病了哪里能找到技术指导？',
    answer:
      '在本市，板栗、核桃等果树生产技术由园林绿化部门的果树技术推广机构负责，可联系区园林绿化局或所在镇乡农业服务中心，申请技术人员上门诊断或参加果树修剪、病虫害防治培训。',
    keywords: ['板栗', '果树', '病虫害', '技术指导', '修剪'],
    category: 'rural-orchard',
  },

  // ---- Forestry and water ----
  {
    question: '森林防火期是什么时候？有什么禁止行为？',
    answer:
      '本市森林防火期一般为每年11月1日至次年5月31日，具体以市园林绿化部门公布为准。防火期内林区严禁野外用火，包括上坟烧纸、烧荒、野炊、吸烟等。发现山火请立即拨打119或12345报告。',
    keywords: ['森林防火期', '防火期', '烧纸', '野外用火', '山火'],
    category: 'ecology-forest-fire',
  },
  {
    question: '汛期什么时候？山区遇到暴雨怎么办？',
    answer:
      '本市汛期一般为每年6月1日至9月15日。山区居民和游客遇暴雨预警时应远离河道、沟谷和山坡，不在河滩宿营、不涉水过河，听从村镇工作人员的转移安排。发现山洪、泥石流、塌方险情请立即拨打12345或110报告。',
    keywords: ['汛期', '暴雨', '防汛', '山洪', '转移避险'],
    category: 'ecology-flood',
    questionEn: 'When is the flood season, and what should I do in a mountain storm?',
    answerEn:
      'The flood season runs from 1 June to 15 September. In a rainstorm warning, keep away from rivers, gullies and slopes, do not camp on river beds or wade across, and follow village staff when told to move. Report flash floods, debris flows or landslides to 12345 or 110.',
  },
  {
    question: '发现受伤的野生动物怎么办？',
    answer:
      '请不要自行捕捉、喂养或带回家，与动物保持距离，记下位置后拨打12345或联系区园林绿化局，由野生动物救护机构处置。野生动物伤人或有伤人危险的，请立即拨打110。',
    keywords: ['野生动物', '救助', '受伤动物', '野猪', '救护'],
    category: 'ecology-wildlife',
  },

  // ---- Cross-cutting ----
  {
    question: '不动产登记（房产证）在哪里办？',
    answer:
      '不动产登记由区不动产登记机构办理，可通过北京市不动产登记网上服务渠道预约或申请，也可到区政务服务中心不动产登记窗口办理。所需材料根据登记类型（买卖转移、继承、抵押等）不同而不同，以登记机构公布为准。',
    keywords: ['不动产登记', '房产证', '过户', '产权证'],
    category: null,
  },
  {
    question: '12345反映的问题多久能办好？怎么查进度？',
    answer:
      '12345受理后一般会在当天派发给承办单位，承办单位会联系您并在规定时限内办理和答复，紧急事项和水电气热抢修时限更短。您可凭工单编号通过热线或网站查询办理进度，办结后热线会回访您是否解决、是否满意。',
    keywords: ['12345', '办理时限', '查进度', '工单', '回访'],
    category: null,
    questionEn: 'How long does 12345 take, and how do I follow my request?',
    answerEn:
      'Requests are usually dispatched the same day; the responsible unit contacts you and replies within set time limits (shorter for emergencies and utility outages). Track progress with your ticket number by phone or online; after the reply the hotline calls you back to ask whether it was resolved and whether you are satisfied.',
  },
];
