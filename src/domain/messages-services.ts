/** Error codes of 全程网办 online services (see ./messages.ts). Add, never rename. */
export const SERVICE_MESSAGES = {
  MATTER_NOT_FOUND: { status: 404, zh: '未找到服务事项 {matter}', en: 'Service matter {matter} not found' },
  MATTER_INACTIVE: {
    status: 409,
    zh: '服务事项 {matter} 已停止办理',
    en: 'Service matter {matter} is no longer offered',
  },
  MATTER_CODE_TAKEN: {
    status: 409,
    zh: '事项编码 {matter} 已存在',
    en: 'Matter code {matter} already exists',
  },
  MATTER_VERSION_CONFLICT: {
    status: 409,
    zh: '事项已有新版本 {version}，请刷新后再修改',
    en: 'The matter has a newer version ({version}); reload before editing',
  },
  APPLICATION_NOT_FOUND: {
    status: 404,
    zh: '未找到办件 {application}',
    en: 'Application {application} not found',
  },
  APPLICATION_TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '办件当前状态为“{status}”，不能执行“{action}”',
    en: 'An application in status "{status}" does not allow "{action}"',
  },
  APPLICATION_ROLE_NOT_ALLOWED: {
    status: 403,
    zh: '角色“{role}”无权对办件执行“{action}”',
    en: 'Role "{role}" may not perform "{action}" on an application',
  },
  APPLICATION_NOT_APPLICANT: {
    status: 403,
    zh: '只有申请人或受托代办员可以操作此办件',
    en: 'Only the applicant or the authorised village agent may do this',
  },
  APPLICATION_NOT_DEPARTMENT: {
    status: 403,
    zh: '只有实施部门的审批人可以审批此办件',
    en: 'Only a reviewer of the implementing department may do this',
  },
  APPLICATION_CHANGED: {
    status: 409,
    zh: '办件已被他人更新，请刷新后重试',
    en: 'The application was changed by someone else; reload and try again',
  },
  FORM_INVALID: {
    status: 400,
    zh: '申请表填写有误，请按提示修改',
    en: 'The application form has errors; see the fields',
  },
  MATERIALS_MISSING: {
    status: 400,
    zh: '缺少必需的申请材料：{materials}',
    en: 'Required materials are missing: {materials}',
  },
  CORRECTION_ITEMS_REQUIRED: {
    status: 400,
    zh: '补正告知须逐项列明需补正的内容',
    en: 'A correction request must list what to correct, item by item',
  },
  CORRECTION_ITEM_UNKNOWN: {
    status: 400,
    zh: '补正项 {item} 不是该事项的表单字段或材料',
    en: 'Correction item {item} is not a field or material of this matter',
  },
  REVIEW_STEP_LAST: {
    status: 409,
    zh: '已是最后一个审查环节，请作出决定',
    en: 'This is the last review step; decide instead',
  },
  REVIEW_STEPS_PENDING: {
    status: 409,
    zh: '审查尚未完成（第 {step}/{steps} 环节），不能作出准予决定',
    en: 'Review is not complete (step {step} of {steps}); cannot approve yet',
  },
  APPLICANT_KIND_NOT_ALLOWED: {
    status: 400,
    zh: '该事项不受理此类申请人（{kind}）',
    en: 'This matter does not accept applicants of kind {kind}',
  },
  MATERIAL_UNKNOWN: {
    status: 400,
    zh: '该事项没有材料 {material}',
    en: 'This matter has no material {material}',
  },
  UPLOAD_EMPTY: { status: 400, zh: '上传的文件为空', en: 'The uploaded file is empty' },
  UPLOAD_TOO_LARGE: {
    status: 413,
    zh: '文件过大：{material} 每个文件不超过 {limitKb} KB',
    en: 'File too large: {material} allows at most {limitKb} KB per file',
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '文件类型不符：{material} 只接受 {formats}，上传的文件为 {actual}',
    en: 'Wrong file type: {material} accepts {formats} only; the file is {actual}',
  },
  UPLOAD_TYPE_MISMATCH: {
    status: 415,
    zh: '文件内容为 {actual}，与声明的类型 {claimed} 不符',
    en: 'The file contains {actual}, not the {claimed} it claims to be',
  },
  UPLOAD_MALFORMED: {
    status: 400,
    zh: '文件已损坏或不完整：{reason}',
    en: 'The file is damaged or incomplete: {reason}',
  },
  UPLOAD_TOO_MANY: {
    status: 409,
    zh: '{material} 最多上传 {max} 个文件',
    en: '{material} takes at most {max} files',
  },
  SERVICE_FILE_NOT_FOUND: { status: 404, zh: '未找到材料文件 {file}', en: 'Material file {file} not found' },
  AUTHORISATION_REQUIRED: {
    status: 400,
    zh: '代办须有村民的有效授权',
    en: 'Filing for a villager needs the villager’s authorisation',
  },
  AUTHORISATION_NOT_FOUND: {
    status: 404,
    zh: '未找到代办授权 {authorisation}',
    en: 'Authorisation {authorisation} not found',
  },
  AUTHORISATION_EXPIRED: {
    status: 409,
    zh: '代办授权不在有效期内，请重新取得村民授权',
    en: 'The authorisation is not in force; obtain a new one from the villager',
  },
  AUTHORISATION_WITHDRAWN: {
    status: 409,
    zh: '村民已撤回代办授权',
    en: 'The villager has withdrawn the authorisation',
  },
  AUTHORISATION_WRONG_MATTER: {
    status: 409,
    zh: '该授权不适用于此事项',
    en: 'The authorisation does not cover this matter',
  },
  AUTHORISATION_PERIOD_INVALID: {
    status: 400,
    zh: '授权有效期无效：须晚于现在且不超过 {days} 天',
    en: 'Invalid authorisation period: it must end in the future and within {days} days',
  },
  AUTHORISATION_LINK_INVALID: {
    status: 404,
    zh: '授权查询链接无效或已过期，或手机号后四位不符',
    en: 'The authorisation link is not valid or has expired, or the phone digits do not match',
  },
  CERTIFICATE_CODE_MISTYPED: {
    status: 400,
    zh: '验证码有误（校验位不符），请核对证照上的验证码',
    en: 'The verification code is mistyped (check symbol mismatch); compare it with the certificate',
  },
  CERTIFICATE_CODE_FORMAT: {
    status: 400,
    zh: '验证码格式不正确，应为 13 位字母数字，如 7K3M-9QXD-2T4B-5',
    en: 'A verification code has 13 letters and digits, e.g. 7K3M-9QXD-2T4B-5',
  },
  CERTIFICATE_NOT_FOUND: {
    status: 404,
    zh: '未找到该验证码对应的电子证照，证照可能系伪造',
    en: 'No certificate has this verification code; the certificate may be forged',
  },
  CERTIFICATE_FONT_MISSING: {
    status: 503,
    zh: '服务器缺少中文字体，暂不能生成电子证照',
    en: 'The server lacks a Chinese font and cannot produce certificates now',
  },
  RATING_NOT_ALLOWED: {
    status: 409,
    zh: '只有办结后 {days} 天内可以评价',
    en: 'A service can be rated only once completed, within {days} days',
  },
  RATING_EXISTS: { status: 409, zh: '已评价过，不能重复评价', en: 'This has already been rated' },
  RATING_SUBJECT_NOT_FOUND: {
    status: 404,
    zh: '未找到可评价的办件或工单',
    en: 'Nothing to rate was found; check the number and the phone digits',
  },
  SERVICE_PERIOD_INVALID: { status: 400, zh: '统计周期无效：{period}', en: 'Invalid period: {period}' },
} as const;
