/**
 * Matters of work and talent: social insurance, employment, skills subsidies,
 * talent settlement, and the international-talent services of the science
 * city (怀柔科学城) offered through one portal in English (一网通办).
 */
import {
  businessLicence,
  f,
  form,
  idCard,
  l,
  material,
  matter,
  photo,
  REVIEW_ONE,
  REVIEW_TWO,
  type SeedMatter,
} from './guide-builders.js';

const SOCIAL_INSURANCE_LAW = l('《中华人民共和国社会保险法》', 'Social Insurance Law of the PRC');
const FOREIGNER_RULES = l(
  '《外国人在中国就业管理规定》《外国人来华工作许可服务指南（暂行）》',
  'Provisions on the Employment of Foreigners in China; Service Guide to Work Permits for Foreigners (interim)',
);

export const WORK_MATTERS: SeedMatter[] = [
  matter('social-insurance-registration', {
    name: l('用人单位社会保险参保登记', 'Employer social insurance registration'),
    type: 'confirmation',
    departmentCode: 'dept-rsj',
    applicantKind: 'organisation',
    summary: l(
      '新设立的用人单位办理社会保险参保登记，开立单位社保账户。',
      'A new employer registers for social insurance and opens its account.',
    ),
    conditions: [l('已取得营业执照或登记证书', 'Holds a business licence or registration certificate')],
    materials: [
      businessLicence(),
      material('legal-rep-id', l('法定代表人身份证', 'Legal representative’s ID'), {
        formats: ['jpeg', 'png', 'pdf'],
        maxCount: 2,
      }),
    ],
    legalDays: 15,
    promisedDays: 1,
    acceptDays: 1,
    visits: 0,
    reviewSteps: REVIEW_ONE,
    legalBasis: [SOCIAL_INSURANCE_LAW],
    result: { name: l('社会保险登记证明', 'Social insurance registration record') },
    tags: ['business'],
    form: form([
      ['companyName', f.text('单位名称', 'Employer name', 100), true],
      ['creditCode', f.creditCode(), true],
      ['legalRepresentative', f.personName('法定代表人', 'Legal representative'), true],
      ['employees', f.integer('参保人数', 'Employees to insure', 1, 100_000), true],
      ['contactPhone', f.mobile('经办人手机', 'Contact mobile'), true],
    ]),
  }),
  matter('flexible-employment-insurance', {
    name: l('灵活就业人员社会保险参保登记', 'Social insurance for the flexibly employed'),
    type: 'confirmation',
    departmentCode: 'dept-rsj',
    applicantKind: 'person',
    summary: l(
      '本市户籍灵活就业人员以个人身份参加养老、医疗保险。',
      'Self-employed and gig workers with a Beijing hukou join pension and medical insurance in their own name.',
    ),
    conditions: [
      l('本市户籍、法定劳动年龄内', 'Beijing hukou, of working age'),
      l('未在用人单位参保', 'Not insured through an employer'),
    ],
    materials: [idCard()],
    legalDays: 15,
    promisedDays: 2,
    acceptDays: 1,
    visits: 0,
    reviewSteps: REVIEW_ONE,
    legalBasis: [SOCIAL_INSURANCE_LAW],
    result: { name: l('灵活就业参保登记凭证', 'Flexible-employment insurance record') },
    tags: ['insurance', 'village'],
    form: form([
      ['name', f.personName(), true],
      ['idNumber', f.residentId(), true],
      [
        'insurances',
        f.multi('参保险种', 'Insurances', [
          ['pension', '基本养老保险', 'Basic pension'],
          ['medical', '基本医疗保险', 'Basic medical'],
          ['unemployment', '失业保险', 'Unemployment'],
        ]),
        true,
      ],
      [
        'baseLevel',
        f.choice('缴费基数档次', 'Contribution base', [
          ['low', '下限', 'Minimum'],
          ['average', '平均工资', 'Average wage'],
          ['high', '上限', 'Maximum'],
        ]),
        true,
      ],
      ['phone', f.mobile(), true],
    ]),
  }),
  matter('employment-certificate', {
    name: l('就业创业证申领', 'Employment and entrepreneurship certificate'),
    type: 'public_service',
    departmentCode: 'dept-rsj',
    applicantKind: 'person',
    summary: l(
      '劳动年龄内有就业创业需求的人员申领就业创业证，凭证享受就业扶持政策。',
      'For job seekers and founders of working age: the certificate that gives access to employment support.',
    ),
    conditions: [l('法定劳动年龄内', 'Of working age')],
    materials: [idCard(), photo()],
    legalDays: 10,
    promisedDays: 3,
    acceptDays: 1,
    visits: 0,
    reviewSteps: REVIEW_ONE,
    legalBasis: [l('《就业服务与就业管理规定》', 'Provisions on Employment Services and Management')],
    result: { name: l('就业创业证', 'Employment and entrepreneurship certificate') },
    tags: ['village'],
    form: form([
      ['name', f.personName(), true],
      ['idNumber', f.residentId(), true],
      [
        'status',
        f.choice('就业状态', 'Employment status', [
          ['unemployed', '失业', 'Unemployed'],
          ['employed', '就业', 'Employed'],
          ['startup', '创业', 'Starting a business'],
        ]),
        true,
      ],
      [
        'education',
        f.choice('文化程度', 'Education', [
          ['primary', '小学及以下', 'Primary or less'],
          ['secondary', '初中/高中', 'Secondary'],
          ['college', '大专', 'College'],
          ['university', '本科及以上', 'University'],
        ]),
        true,
      ],
      ['phone', f.mobile(), true],
    ]),
  }),
  matter('skills-training-subsidy', {
    name: l('职业技能提升补贴申领', 'Vocational skills upgrading subsidy'),
    type: 'benefit',
    departmentCode: 'dept-rsj',
    applicantKind: 'person',
    summary: l(
      '参保职工取得职业资格证书或职业技能等级证书后申领技能提升补贴。',
      'Insured workers who earn a vocational qualification or skill-level certificate claim the subsidy.',
    ),
    conditions: [
      l('累计参加失业保险一年以上', 'At least one year in unemployment insurance'),
      l('取得证书之日起 12 个月内申领', 'Claimed within 12 months of the certificate'),
    ],
    materials: [
      idCard(),
      material('skill-certificate', l('职业技能等级证书', 'Skill-level certificate'), { maxCount: 1 }),
      material('bank-card', l('本人社保卡或银行卡', 'Own social security or bank card'), {
        formats: ['jpeg', 'png'],
        maxCount: 1,
      }),
    ],
    legalDays: 20,
    promisedDays: 10,
    visits: 0,
    legalBasis: [
      l(
        '《关于失业保险支持参保职工提升职业技能有关问题的通知》',
        'Notice on unemployment insurance supporting skills upgrading',
      ),
    ],
    result: { name: l('技能提升补贴核定通知', 'Skills subsidy decision') },
    form: form([
      ['name', f.personName(), true],
      ['idNumber', f.residentId(), true],
      ['certificateNo', f.text('证书编号', 'Certificate number', 40), true],
      [
        'level',
        f.choice('证书等级', 'Level', [
          ['5', '初级工', 'Level 5 (entry)'],
          ['4', '中级工', 'Level 4'],
          ['3', '高级工', 'Level 3'],
          ['2', '技师', 'Level 2 (technician)'],
          ['1', '高级技师', 'Level 1 (senior technician)'],
        ]),
        true,
      ],
      ['issuedOn', f.date('发证日期', 'Issued on'), true],
    ]),
  }),
  matter('talent-hukou', {
    name: l('引进人才落户', 'Hukou settlement for recruited talent'),
    type: 'confirmation',
    departmentCode: 'dept-rsj',
    applicantKind: 'person',
    summary: l(
      '经认定的科学城引进人才及其配偶、子女办理随迁落户。',
      'Recognised talent recruited by the science city, with spouse and children, settle their hukou in Huairou.',
    ),
    conditions: [
      l('用人单位已通过人才引进审核', 'The employer’s talent recruitment was approved'),
      l(
        '与本区用人单位签订三年以上劳动合同',
        'A labour contract of three years or more with a Huairou employer',
      ),
    ],
    materials: [
      idCard(),
      material('degree', l('学历学位证书', 'Degree certificates'), { maxCount: 4 }),
      material('labour-contract', l('劳动合同', 'Labour contract'), { formats: ['pdf'], maxCount: 1 }),
      material('recommendation', l('单位推荐函', 'Employer’s recommendation'), {
        formats: ['pdf'],
        maxCount: 1,
      }),
    ],
    legalDays: 30,
    promisedDays: 20,
    visits: 0,
    legalBasis: [
      l(
        '《北京市引进人才管理办法（试行）》',
        'Beijing Measures on the Administration of Recruited Talent (trial)',
      ),
    ],
    result: { name: l('准予落户通知书', 'Hukou settlement approval') },
    tags: ['talent', 'science-city'],
    form: form([
      ['name', f.personName(), true],
      ['idNumber', f.residentId(), true],
      ['employer', f.text('用人单位', 'Employer', 100), true],
      ['employerCreditCode', f.creditCode('用人单位统一社会信用代码', 'Employer’s credit code'), true],
      [
        'talentType',
        f.choice('人才类别', 'Talent category', [
          ['research', '科研人才', 'Researcher'],
          ['tech', '科技创新人才', 'Technology innovator'],
          ['skill', '高技能人才', 'Highly skilled worker'],
        ]),
        true,
      ],
      ['dependants', f.integer('随迁家属人数', 'Dependants settling with you', 0, 6), true],
    ]),
  }),
  matter('foreign-work-permit', {
    name: l('外国人来华工作许可', 'Work permit for foreigners (Z visa)'),
    type: 'licence',
    departmentCode: 'dept-kw',
    applicantKind: 'person',
    summary: l(
      '在怀柔科学城等区内单位工作的外国人申请工作许可通知，凭通知申请 Z 字签证；国际人才事项一网通办，可用英文办理。',
      'Foreigners employed by institutions in Huairou, including the Huairou Science City, apply for the Notification of Work Permit needed for a Z visa. International-talent matters are handled online through one portal, in English.',
    ),
    conditions: [
      l('年满 18 周岁，身体健康，无犯罪记录', 'Aged 18 or over, in good health, with no criminal record'),
      l('境内有确定的用人单位', 'Has a confirmed employer in China'),
      l('具有从事该工作所必需的专业技能或相适应的工作资历', 'Has the skills or experience the job requires'),
    ],
    materials: [
      material('passport', l('护照信息页', 'Passport data page'), {
        maxCount: 1,
        formats: ['pdf', 'jpeg', 'png'],
      }),
      material('degree', l('最高学位（学历）证书（经认证）', 'Highest degree certificate (authenticated)'), {
        maxCount: 2,
      }),
      material(
        'criminal-record',
        l('无犯罪记录证明（经认证）', 'Certificate of no criminal record (authenticated)'),
        { maxCount: 2 },
      ),
      material('contract', l('工作合同或任职证明', 'Employment contract or letter of appointment'), {
        formats: ['pdf'],
        maxCount: 1,
        maxSizeKb: 10_240,
      }),
      material('cv', l('工作资历证明', 'Proof of work experience'), {
        required: false,
        formats: ['pdf'],
        maxCount: 3,
      }),
      photo(),
    ],
    legalDays: 10,
    promisedDays: 5,
    acceptDays: 2,
    visits: 0,
    legalBasis: [FOREIGNER_RULES],
    result: {
      name: l('外国人工作许可通知', 'Notification of Work Permit for Foreigners'),
      validity: l('签发之日起 6 个月内申请签证', 'apply for the visa within six months of issue'),
    },
    tags: ['international', 'science-city', 'talent'],
    form: form([
      ['surname', f.personName('姓', 'Surname'), true],
      ['givenNames', f.personName('名', 'Given names'), true],
      ['nationality', f.text('国籍', 'Nationality', 60), true],
      ['passportNumber', f.passport(), true],
      ['dateOfBirth', f.date('出生日期', 'Date of birth'), true],
      ['employer', f.text('用人单位', 'Employer', 100), true],
      ['employerCreditCode', f.creditCode('用人单位统一社会信用代码', 'Employer’s credit code'), true],
      ['position', f.text('拟任职务', 'Position', 60), true],
      [
        'category',
        f.choice('人才类别', 'Permit category', [
          ['A', '外国高端人才（A类）', 'Category A: high-end talent'],
          ['B', '外国专业人才（B类）', 'Category B: professional'],
          ['C', '其他外国人员（C类）', 'Category C: other'],
        ]),
        true,
      ],
      ['contractStart', f.date('合同起始日期', 'Contract start'), true],
      ['contractEnd', f.date('合同终止日期', 'Contract end'), true],
      ['annualSalary', f.number('年薪（人民币元）', 'Annual salary (CNY)', 0, 100_000_000), true],
      ['email', f.email(), true],
      ['pledge', f.pledge(), true],
    ]),
  }),
  matter('foreign-high-end-talent', {
    name: l('外国高端人才确认函', 'Confirmation letter for foreign high-end talent (R visa)'),
    type: 'confirmation',
    departmentCode: 'dept-kw',
    applicantKind: 'person',
    summary: l(
      '符合外国高端人才（A类）标准者申请确认函，凭函申请 R 字签证。',
      'Foreign talent meeting the Category A standard obtains the confirmation letter needed for an R visa.',
    ),
    conditions: [l('符合外国高端人才（A类）标准', 'Meets the Category A standard for high-end talent')],
    materials: [
      material('passport', l('护照信息页', 'Passport data page'), { maxCount: 1 }),
      material(
        'talent-proof',
        l('高端人才证明材料（奖项、任职等）', 'Proof of high-end talent (awards, positions …)'),
        { formats: ['pdf'], maxCount: 5, maxSizeKb: 10_240 },
      ),
      material('invitation', l('邀请单位邀请函', 'Invitation letter of the host institution'), {
        formats: ['pdf'],
        maxCount: 1,
      }),
    ],
    legalDays: 10,
    promisedDays: 5,
    visits: 0,
    reviewSteps: REVIEW_TWO,
    legalBasis: [
      l(
        '《外国人入境出境管理条例》',
        'Regulations on the Administration of the Entry and Exit of Foreigners',
      ),
    ],
    result: { name: l('外国高端人才确认函', 'Confirmation letter for foreign high-end talent') },
    tags: ['international', 'science-city', 'talent'],
    form: form([
      ['fullName', f.personName('姓名（与护照一致）', 'Name as in passport'), true],
      ['passportNumber', f.passport(), true],
      ['nationality', f.text('国籍', 'Nationality', 60), true],
      ['host', f.text('邀请单位', 'Host institution', 100), true],
      ['field', f.text('研究领域', 'Field of research', 100), true],
      ['email', f.email(), true],
    ]),
  }),
  matter('foreign-residence-permit', {
    name: l('外国人工作类居留许可', 'Residence permit for foreigners (work)'),
    type: 'licence',
    departmentCode: 'dept-gaj',
    applicantKind: 'person',
    summary: l(
      '持工作类签证入境的外国人在入境后 30 日内申请工作类居留许可。',
      'Foreigners who entered on a work visa apply within 30 days of entry for a work-type residence permit.',
    ),
    conditions: [
      l('已取得外国人工作许可证', 'Holds a Foreigner’s Work Permit'),
      l('已办理住宿登记', 'Accommodation registered with the police'),
    ],
    materials: [
      material('passport', l('护照及签证页', 'Passport and visa page'), { maxCount: 3 }),
      material('work-permit', l('外国人工作许可证', 'Foreigner’s Work Permit'), { maxCount: 1 }),
      material('accommodation', l('住宿登记表', 'Accommodation registration form'), { maxCount: 1 }),
      photo(),
    ],
    legalDays: 15,
    promisedDays: 10,
    visits: 1,
    legalBasis: [l('《中华人民共和国出境入境管理法》', 'Exit and Entry Administration Law of the PRC')],
    result: {
      name: l('外国人居留许可', 'Residence permit for foreigners'),
      validity: l('与工作许可期限一致，最长五年', 'as long as the work permit, at most five years'),
    },
    tags: ['international', 'science-city'],
    form: form([
      ['fullName', f.personName('姓名（与护照一致）', 'Name as in passport'), true],
      ['passportNumber', f.passport(), true],
      ['entryDate', f.date('入境日期', 'Date of entry'), true],
      ['workPermitNo', f.text('工作许可证号', 'Work permit number', 30), true],
      ['address', f.address('在怀住址', 'Address in Huairou'), true],
      ['phone', f.mobile('中国手机号', 'Chinese mobile'), true],
    ]),
  }),
];
