/** Matters of residents' lives: residence, births and schooling. */
import {
  f,
  form,
  idCard,
  l,
  material,
  matter,
  photo,
  REVIEW_ONE,
  type SeedMatter,
} from './guide-builders.js';

const HUKOU_BASIS = l('《中华人民共和国户口登记条例》', 'Regulations of the PRC on Household Registration');

export const PEOPLE_MATTERS: SeedMatter[] = [
  matter('residence-permit', {
    name: l('居住证申领', 'Residence permit application'),
    type: 'confirmation',
    departmentCode: 'dept-gaj',
    applicantKind: 'person',
    summary: l(
      '在怀柔区居住半年以上、有合法稳定就业或住所或连续就读的非本市户籍人员申领北京市居住证。',
      'For people without a Beijing hukou who have lived in Huairou for six months with a stable job, home or studies.',
    ),
    conditions: [
      l('在本区办理居住登记满半年', 'Residence registration in the district for at least six months'),
      l('有合法稳定就业、合法稳定住所或连续就读之一', 'A stable job, a stable home or continuous studies'),
    ],
    materials: [
      idCard(),
      photo(),
      material(
        'residence-proof',
        l('合法稳定住所证明（租赁合同或房产证）', 'Proof of residence (lease or title deed)'),
      ),
      material('employment-proof', l('就业或就读证明', 'Proof of employment or studies'), {
        required: false,
      }),
    ],
    legalDays: 15,
    promisedDays: 10,
    visits: 1,
    legalBasis: [
      l('《居住证暂行条例》', 'Interim Regulations on Residence Permits'),
      l(
        '《北京市实施〈居住证暂行条例〉办法》',
        'Beijing Measures implementing the Interim Regulations on Residence Permits',
      ),
    ],
    result: {
      name: l('北京市居住证', 'Beijing residence permit'),
      validity: l('一年，可签注延期', 'one year, renewable'),
    },
    tags: ['residence'],
    form: form([
      ['name', f.personName(), true],
      ['idNumber', f.residentId(), true],
      ['phone', f.mobile(), true],
      ['address', f.address('在怀居住地址', 'Address in Huairou'), true],
      [
        'basis',
        f.choice('申领依据', 'Basis', [
          ['job', '合法稳定就业', 'Stable job'],
          ['home', '合法稳定住所', 'Stable home'],
          ['study', '连续就读', 'Continuous studies'],
        ]),
        true,
      ],
      ['registeredSince', f.date('居住登记日期', 'Residence registered since'), true],
      ['pledge', f.pledge(), true],
    ]),
  }),
  matter('newborn-hukou', {
    name: l('新生儿出生登记（落户）', 'Newborn household registration'),
    type: 'confirmation',
    departmentCode: 'dept-gaj',
    applicantKind: 'person',
    summary: l(
      '为在本区出生、随父或母落户怀柔的新生儿办理出生登记，"出生一件事"全程网办。',
      'Registers a newborn into the household of a parent registered in Huairou, fully online as part of the "birth as one matter" service.',
    ),
    conditions: [
      l('父母一方户籍在本区', 'One parent is registered in Huairou'),
      l('出生一个月内申报', 'Declared within one month of birth'),
    ],
    materials: [
      material('birth-certificate', l('出生医学证明', 'Medical birth certificate'), { maxCount: 1 }),
      material('hukou-book', l('落户地户口簿', 'Household register of the receiving household'), {
        maxCount: 4,
      }),
      material('marriage-certificate', l('父母结婚证', 'Parents’ marriage certificate'), {
        required: false,
        maxCount: 2,
      }),
    ],
    legalDays: 10,
    promisedDays: 3,
    acceptDays: 1,
    visits: 0,
    legalBasis: [HUKOU_BASIS],
    result: { name: l('户口簿（新生儿页）', 'Household register page of the newborn') },
    tags: ['family'],
    form: form([
      ['childName', f.personName('新生儿姓名', 'Child’s name'), true],
      ['birthDate', f.date('出生日期', 'Date of birth'), true],
      [
        'sex',
        f.choice('性别', 'Sex', [
          ['m', '男', 'Male'],
          ['f', '女', 'Female'],
        ]),
        true,
      ],
      ['parentName', f.personName('申报人（父/母）姓名', 'Declaring parent'), true],
      ['parentId', f.residentId('申报人身份号码', 'Declaring parent’s ID number'), true],
      ['pledge', f.pledge(), true],
    ]),
  }),
  matter('birth-registration', {
    name: l('生育登记', 'Birth registration (family planning)'),
    type: 'public_service',
    departmentCode: 'dept-wjw',
    applicantKind: 'person',
    summary: l(
      '夫妻生育子女的登记服务，凭登记享受孕产期保健等服务。',
      'Registers a couple’s birth plan, giving access to maternity care services.',
    ),
    conditions: [l('夫妻一方户籍在本区或在本区居住', 'One spouse is registered or lives in Huairou')],
    materials: [
      idCard(),
      material('marriage-certificate', l('结婚证', 'Marriage certificate'), { maxCount: 2, required: false }),
    ],
    legalDays: 5,
    promisedDays: 1,
    acceptDays: 1,
    visits: 0,
    reviewSteps: REVIEW_ONE,
    legalBasis: [l('《北京市人口与计划生育条例》', 'Beijing Regulations on Population and Family Planning')],
    result: { name: l('生育服务登记回执', 'Birth registration receipt') },
    tags: ['family'],
    form: form([
      ['name', f.personName(), true],
      ['idNumber', f.residentId(), true],
      ['spouseName', f.personName('配偶姓名', 'Spouse’s name'), false],
      ['childOrder', f.integer('本次为第几孩', 'Child number', 1, 10), true],
      ['expectedDate', f.date('预产期', 'Expected date'), false],
    ]),
  }),
  matter('school-transfer-in', {
    name: l('义务教育学籍转入', 'School transfer into Huairou (compulsory education)'),
    type: 'public_service',
    departmentCode: 'dept-jw',
    applicantKind: 'person',
    summary: l(
      '随迁子女或外区学生转入怀柔区义务教育学校的学籍转接。',
      'Transfers a pupil’s school record into a Huairou primary or middle school.',
    ),
    conditions: [l('已取得转入学校接收意见', 'The receiving school has agreed to admit the pupil')],
    materials: [
      material('admission-letter', l('转入学校接收证明', 'Admission letter of the receiving school'), {
        maxCount: 1,
      }),
      material('hukou-book', l('户口簿', 'Household register'), { maxCount: 4 }),
      material('residence-proof', l('在怀居住证明', 'Proof of residence in Huairou'), { required: false }),
    ],
    legalDays: 15,
    promisedDays: 5,
    visits: 0,
    legalBasis: [l('《中小学生学籍管理办法》', 'Measures on the Administration of Pupils’ School Records')],
    result: { name: l('学籍转接确认单', 'School record transfer confirmation') },
    tags: ['family', 'education'],
    form: form([
      ['pupilName', f.personName('学生姓名', 'Pupil’s name'), true],
      ['pupilId', f.residentId('学生身份号码', 'Pupil’s ID number'), true],
      ['fromSchool', f.text('原就读学校', 'Current school', 100), true],
      ['toSchool', f.text('转入学校', 'Receiving school', 100), true],
      [
        'grade',
        f.choice('转入年级', 'Grade', [
          ['1', '一年级', 'Grade 1'],
          ['2', '二年级', 'Grade 2'],
          ['3', '三年级', 'Grade 3'],
          ['4', '四年级', 'Grade 4'],
          ['5', '五年级', 'Grade 5'],
          ['6', '六年级', 'Grade 6'],
          ['7', '初一', 'Grade 7'],
          ['8', '初二', 'Grade 8'],
          ['9', '初三', 'Grade 9'],
        ]),
        true,
      ],
      ['guardianPhone', f.mobile('监护人手机', 'Guardian’s mobile'), true],
    ]),
  }),
];
