/** Error codes of bulk import 批量导入 and export 导出 of tickets (see ./messages.ts). */
export const IMPORT_MESSAGES = {
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取导入文件 {file}：{reason}',
    en: 'Cannot read the import file {file}: {reason}',
  },
  IMPORT_FORMAT_UNKNOWN: {
    status: 400,
    zh: '无法判断文件格式 {file}，请用 --format jsonl 或 --format csv 指定',
    en: 'Cannot tell the format of {file}; pass --format jsonl or --format csv',
  },
  IMPORT_HEADER_INVALID: {
    status: 400,
    zh: 'CSV 表头有误：{reason}',
    en: 'The CSV header is not valid: {reason}',
  },
  IMPORT_ALREADY_RUN: {
    status: 409,
    zh: '该文件已有导入记录（第 {run} 次导入，状态 {status}）：继续中断的导入请加 --resume，重新导入请加 --force',
    en: 'This file was imported before (run {run}, {status}): add --resume to continue an interrupted import, --force to import it again',
  },
  IMPORT_NOTHING_TO_RESUME: {
    status: 409,
    zh: '没有可继续的导入：{file} 没有未完成的导入记录',
    en: 'Nothing to resume: {file} has no unfinished import',
  },
  IMPORT_FILE_CHANGED: {
    status: 409,
    zh: '文件在上次导入后已被修改（{what}），不能继续；请用 --force 重新导入',
    en: 'The file changed since the interrupted import ({what}); it cannot be resumed, use --force to start over',
  },
  IMPORT_INITIAL_LOAD_NOT_EMPTY: {
    status: 409,
    zh: '首次导入（--initial-load）只能导入空的工单表，但 {table} 中已有数据：请去掉 --initial-load 按常规方式分批导入',
    en: 'An initial load (--initial-load) needs empty ticket tables, but {table} has rows: import without --initial-load (batched) instead',
  },
  IMPORT_INITIAL_LOAD_POSTGRES_ONLY: {
    status: 400,
    zh: '首次导入（--initial-load）仅支持 PostgreSQL（设置 DATABASE_URL）；内置数据库请去掉 --initial-load 导入',
    en: 'An initial load (--initial-load) needs PostgreSQL (set DATABASE_URL); on the embedded database import without --initial-load',
  },
  IMPORT_INITIAL_LOAD_NO_RESUME: {
    status: 400,
    zh: '首次导入（--initial-load）是一个整体事务，中断后不留任何数据，无法续传：请重新运行',
    en: 'An initial load (--initial-load) is one transaction that leaves nothing when interrupted, so there is nothing to resume: run it again',
  },
  IMPORT_INITIAL_LOAD_REJECTED: {
    status: 422,
    zh: '首次导入已撤销，未导入任何数据：{rejected} 行不合格，原因见 {file}；修正后重新运行',
    en: 'The initial load was rolled back and imported nothing: {rejected} rows were rejected, see {file}; fix them and run it again',
  },
  EXPORT_RANGE_INVALID: {
    status: 400,
    zh: '导出范围无效：{reason}',
    en: 'Invalid export range: {reason}',
  },
} as const;
