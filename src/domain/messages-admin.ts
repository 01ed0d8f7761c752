/** Error codes of administration 系统管理 and account upkeep (see ./messages.ts). */
export const ADMIN_MESSAGES = {
  USER_NOT_FOUND: { status: 404, zh: '未找到用户 {user}', en: 'User {user} not found' },
  API_KEY_NOT_FOUND: {
    status: 404,
    zh: '未找到 API 密钥 {id}，或已吊销',
    en: 'API key {id} not found or already revoked',
  },
  ROUTING_RULE_NOT_FOUND: { status: 404, zh: '未找到派单规则 {id}', en: 'Routing rule {id} not found' },
  ATTRIBUTE_NOT_FOUND: {
    status: 404,
    zh: '该分类下没有扩展字段 {id}',
    en: 'The category has no attribute {id}',
  },
  SETTING_UNKNOWN: { status: 404, zh: '未知的设置项：{key}', en: 'Unknown setting: {key}' },
  CALENDAR_DAY_NOT_SET: {
    status: 404,
    zh: '{date} 没有节假日或调休设置',
    en: '{date} has no holiday or workday entry',
  },
  UNIT_CODE_TAKEN: { status: 409, zh: '单位代码 {code} 已存在', en: 'Unit code {code} is taken' },
  UNIT_TREE_CYCLE: {
    status: 409,
    zh: '不能把单位 {unit} 移到它自己或它的下级单位之下',
    en: 'Unit {unit} cannot be moved under itself or one of its own sub-units',
  },
  UNIT_HAS_ACTIVE_CHILDREN: {
    status: 409,
    zh: '单位 {unit} 还有 {count} 个启用的下级单位，请先停用或移走',
    en: 'Unit {unit} still has {count} active sub-units; deactivate or move them first',
  },
  CATEGORY_CODE_TAKEN: {
    status: 409,
    zh: '分类代码 {code} 已存在',
    en: 'Category code {code} is taken',
  },
  CATEGORY_CODE_IN_USE: {
    status: 409,
    zh: '分类代码 {code} 已被 {count} 张工单使用，不能修改',
    en: 'Category code {code} is used by {count} tickets and cannot change',
  },
  ATTRIBUTE_CODE_TAKEN: {
    status: 409,
    zh: '该分类已有扩展字段 {code}',
    en: 'The category already has an attribute {code}',
  },
  POLICY_CODE_TAKEN: {
    status: 409,
    zh: '时限规则代码 {code} 已存在',
    en: 'Deadline policy code {code} is taken',
  },
  LAST_ADMIN: {
    status: 409,
    zh: '至少要保留一个启用的管理员账号',
    en: 'At least one active administrator account must remain',
  },
  CURRENT_PASSWORD_WRONG: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_UNCHANGED: {
    status: 400,
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  PASSWORD_OPTION_REQUIRED: {
    status: 400,
    zh: '非交互方式运行时须提供 --password-env 或 --password',
    en: 'When not run interactively, give --password-env or --password',
  },
  PASSWORD_ENV_MISSING: {
    status: 400,
    zh: '环境变量 {name} 未设置或为空',
    en: 'The environment variable {name} is not set or empty',
  },
  PASSWORDS_DIFFER: {
    status: 400,
    zh: '两次输入的密码不一致',
    en: 'The two passwords you typed differ',
  },
} as const;
