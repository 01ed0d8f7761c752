/** Error codes of sign-in, permissions and the HTTP edge (see ./messages.ts). */
export const ACCESS_MESSAGES = {
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已锁定至 {until}',
    en: 'Too many failed sign-ins; the account is locked until {until}',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    zh: '密码至少 {min} 位，且须包含字母和数字，不能与用户名相同',
    en: 'Passwords need at least {min} characters with letters and digits, and must differ from the username',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名 {username} 已存在', en: 'Username {username} is taken' },
  ROLE_UNKNOWN: { status: 400, zh: '未知角色：{role}', en: 'Unknown role: {role}' },
  UNIT_REQUIRED_FOR_ROLE: {
    status: 400,
    zh: '角色“{role}”必须指定所属单位',
    en: 'Role "{role}" needs a unit',
  },
  CSRF_FAILED: {
    status: 403,
    zh: '请求缺少有效的 CSRF 令牌，请刷新页面后重试',
    en: 'Missing or wrong CSRF token; reload the page and try again',
  },
  API_KEY_INVALID: { status: 401, zh: 'API 密钥无效或已吊销', en: 'The API key is invalid or revoked' },
  SCOPE_MISSING: { status: 403, zh: 'API 密钥缺少权限范围 {scope}', en: 'The API key lacks scope {scope}' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '幂等键已用于另一个不同的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同幂等键的请求正在处理中，请稍后重试',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests; try again in {seconds} s',
  },
  TRACKING_NOT_FOUND: {
    status: 404,
    zh: '未找到与工单号和手机号后四位相符的诉求',
    en: 'No request matches that ticket number and the last four digits of the phone',
  },
  NOT_ACCEPTABLE: {
    status: 406,
    zh: '不支持请求的响应格式',
    en: 'The requested response format is not available',
  },
} as const;
