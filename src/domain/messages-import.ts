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
  EXPORT_RANGE_INVALID: {
    status: 400,
    zh: '导出范围无效：{reason}',
    en: 'Invalid export range: {reason}',
  },
} as const;
