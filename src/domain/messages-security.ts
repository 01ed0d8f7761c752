/** Error codes of backups, restores, the audit chain and personal-data exports (see ./messages.ts). */
export const SECURITY_MESSAGES = {
  BACKUP_INVALID: {
    status: 400,
    zh: '备份文件无效：{reason}',
    en: 'The backup file is not valid: {reason}',
  },
  BACKUP_KIND_MISMATCH: {
    status: 400,
    zh: '该备份来自 {from} 数据库，不能恢复到 {to} 数据库',
    en: 'This backup is of a {from} database and cannot be restored into a {to} database',
  },
  RESTORE_TARGET_NOT_EMPTY: {
    status: 409,
    zh: '目标数据库已有数据（{rows} 行）；确认覆盖请加 --force',
    en: 'The target database already holds data ({rows} rows); add --force to overwrite it',
  },
  RESTORE_VERIFY_FAILED: {
    status: 500,
    zh: '恢复后校验失败：表 {table} 与备份不一致',
    en: 'Verification after restore failed: table {table} differs from the backup',
  },
  TOOL_MISSING: {
    status: 500,
    zh: '找不到程序 {tool}（请安装 PostgreSQL 客户端，或设置 JIESU_PG_BIN）',
    en: 'Program {tool} not found (install the PostgreSQL client tools or set JIESU_PG_BIN)',
  },
  TOOL_FAILED: {
    status: 500,
    zh: '{tool} 执行失败：{reason}',
    en: '{tool} failed: {reason}',
  },
  RETENTION_TOO_SHORT: {
    status: 400,
    zh: '保留期至少 {min} 天（须长于重办期限）',
    en: 'The retention period must be at least {min} days (longer than the reopen window)',
  },
  RATE_LIMIT_CONFIG_INVALID: {
    status: 500,
    zh: 'JIESU_RATE_LIMITS 配置无效：{reason}',
    en: 'JIESU_RATE_LIMITS is not valid: {reason}',
  },
} as const;
