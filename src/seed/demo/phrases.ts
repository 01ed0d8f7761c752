/**
 * What staff write in the steps that carry a reason: first contact, progress
 * notes, returns (退单), extensions (延期), co-handling (协办), supervision
 * (督办), invalid tickets, exemptions, merges and reopening (重办). Written in
 * the register of 12345 work orders.
 */

export const CONTACT_NOTES: readonly string[] = [
  '已电话联系诉求人，了解具体情况，约定现场查看时间。',
  '已与诉求人取得联系，告知已受理并正在核实处理。',
  '电话联系诉求人，诉求人详细说明了情况，承办人已记录。',
  '已联系诉求人，工作人员将于当日到现场核实。',
  '已电话回复诉求人，说明办理流程和预计时间。',
];

export const PROGRESS_NOTES: readonly string[] = [
  '工作人员已到现场核实，情况属实，正在协调责任单位处理。',
  '已约谈相关责任方，责令限期整改。',
  '已协调相关科室会商处理方案，待落实。',
  '现场查看后已拍照留存，正在联系产权单位。',
  '已向上级部门请示，待答复后继续办理。',
];

export const RETURN_REASONS: readonly string[] = [
  '经核实，该事项不属于本单位职责范围，建议改派属地街乡。',
  '诉求地点不在本辖区，申请退回重新派单。',
  '该事项属于行业主管部门监管职责，建议改派区相关部门。',
  '经现场核实，涉及设施产权不属于本单位，申请退单。',
];

export const REJECT_RETURN_REASONS: readonly string[] = [
  '经核实该事项属于贵单位职责，请继续办理。',
  '根据职责清单，该诉求应由属地先行处置，退单理由不成立。',
];

export const EXTENSION_REASONS: readonly string[] = [
  '需协调多个部门联合处置，申请延期办理。',
  '涉及工程维修，施工周期较长，申请延期。',
  '需等待检测结果后才能处理，申请延期。',
  '涉及资金审批，需履行相关程序，申请延期。',
];

export const REJECT_EXTENSION_REASONS: readonly string[] = [
  '延期理由不充分，请在原时限内办结。',
  '该事项可先行处置，请按原时限反馈。',
];

export const CO_UNIT_REASONS: readonly string[] = [
  '该事项涉及其他部门职责，申请增派协办单位。',
  '需相关行业部门配合执法，申请协办。',
];

export const CO_REPLIES: readonly string[] = [
  '协办单位已配合主办单位到现场核查，并提供了相关资料。',
  '已按主办单位要求完成职责范围内的处置工作。',
  '协办单位已派员参与联合执法，相关情况已反馈主办单位。',
];

export const SUPERVISE_REASONS: readonly string[] = [
  '诉求人多次来电催办，予以督办。',
  '涉及群众切身利益，列入重点督办事项。',
  '同类诉求反复发生，督促承办单位从根本上解决。',
];

export const INVALID_REASONS: readonly string[] = [
  '来电人无实质诉求，多次重复来电骚扰，经核实标记为无效工单。',
  '诉求内容不实，属恶意投诉，经核实标记为无效工单。',
  '来电内容与政府职责无关且言语辱骂，标记为无效工单。',
];

export const EXEMPT_REASONS: readonly string[] = [
  '涉及历史遗留问题，现行政策无法解决，申请不纳入考核。',
  '诉求超出法定职责范围，属政策性问题，申请不纳入考核。',
  '诉求人要求明显不合理，已依法依规解释，申请不纳入考核。',
];

export const MERGE_REASONS: readonly string[] = [
  '与已受理工单反映同一问题，合并办理。',
  '同一诉求人重复反映，合并至原工单办理。',
  '同一地点同一问题多人反映，合并办理。',
];

export const REOPEN_REASONS: readonly string[] = [
  '回访诉求人表示问题未解决，退回重办。',
  '诉求人反映承办单位未实际处理，要求重新办理。',
  '回访不满意，问题仍然存在，重办。',
];

export const CALLBACK_COMMENTS: readonly string[] = [
  '诉求人表示问题已解决，对办理结果满意。',
  '诉求人认可办理结果。',
  '诉求人表示问题仍未解决。',
  '诉求人对处理态度认可，但希望彻底解决。',
];

export const PRAISE_ANSWERS: readonly string[] = [
  '已记录来电人的表扬内容，并转达被表扬单位。',
  '感谢来电人对相关工作的认可，已转达相关单位及工作人员。',
];

/** A generic matter for a category the demo texts do not cover. */
export function genericTexts(categoryName: string): {
  titles: string[];
  bodies: string[];
  replies: string[];
  unresolvedReplies: string[];
} {
  return {
    titles: [`{place}${categoryName}问题`, `反映{town}${categoryName}方面的问题`],
    bodies: [
      `来电人反映{town}{place}附近${categoryName}方面存在问题，已持续{days}天，希望相关部门尽快核实处理。`,
      `我是{place}的居民，想反映一下${categoryName}的情况，{time}前后最明显，麻烦有关部门管一管。`,
    ],
    replies: [`经核实，诉求人反映的${categoryName}问题已协调处理完毕，已电话告知诉求人，诉求人表示认可。`],
    unresolvedReplies: [
      `诉求人反映的${categoryName}问题涉及多方职责，正在协调推进，暂无法一次解决，已向诉求人解释说明。`,
    ],
  };
}
