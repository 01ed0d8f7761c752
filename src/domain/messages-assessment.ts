/** Error codes of assessment 考核, analytics and open data (see ./messages.ts). */
export const ASSESSMENT_MESSAGES = {
  PERIOD_INVALID: {
    status: 400,
    zh: '统计周期无效：{period}（应为 YYYY-MM 或 YYYY，或以 from/to 给出 YYYY-MM-DD 日期）',
    en: 'Invalid period: {period} (use YYYY-MM or YYYY, or from/to dates as YYYY-MM-DD)',
  },
  DATE_RANGE_INVALID: {
    status: 400,
    zh: '起始日期 {from} 晚于结束日期 {to}',
    en: 'The start date {from} is after the end date {to}',
  },
  DATE_RANGE_TOO_LONG: {
    status: 400,
    zh: '日期范围过长，最多 {days} 天',
    en: 'The date range is too long; at most {days} days',
  },
  PERIOD_IN_FUTURE: {
    status: 400,
    zh: '统计周期自 {from} 开始，尚未到来',
    en: 'The period starts on {from}, which is in the future',
  },
  ASSESSMENT_UNIT_NOT_FOUND: {
    status: 404,
    zh: '未找到单位 {unit} 的考核数据',
    en: 'No assessment found for unit {unit}',
  },
  ASSESSMENT_SETTINGS_INVALID: {
    status: 400,
    zh: '考核设置无效：{reason}',
    en: 'Invalid assessment settings: {reason}',
  },
  PROFILE_INDICATOR_NOT_FOUND: {
    status: 404,
    zh: '未找到区情指标 {code}',
    en: 'Profile indicator {code} not found',
  },
} as const;
