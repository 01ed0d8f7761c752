/** Error codes of emergency response 应急 (see ./messages.ts). Add, never rename. */
export const EMERGENCY_MESSAGES = {
  INCIDENT_NOT_FOUND: { status: 404, zh: '未找到突发事件 {incident}', en: 'Incident {incident} not found' },
  INCIDENT_TYPE_UNKNOWN: {
    status: 400,
    zh: '未知的事件类型：{type}（可选：{types}）',
    en: 'Unknown incident type: {type} (one of {types})',
  },
  INCIDENT_TYPE_REQUIRED: {
    status: 400,
    zh: '无法从工单内容判断事件类型，请指定事件类型',
    en: 'The ticket does not say what kind of incident this is; give the incident type',
  },
  INCIDENT_LEVEL_UNKNOWN: {
    status: 400,
    zh: '未知的事件级别：{level}（可选：{levels}）',
    en: 'Unknown severity level: {level} (one of {levels})',
  },
  INCIDENT_LEVEL_UNCHANGED: {
    status: 409,
    zh: '事件已是 {level} 级',
    en: 'The incident is already level {level}',
  },
  INCIDENT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '事件当前状态为“{status}”，不能执行“{action}”',
    en: 'An incident in status "{status}" does not allow "{action}"',
  },
  INCIDENT_ROLE_NOT_ALLOWED: {
    status: 403,
    zh: '角色“{role}”无权对事件执行“{action}”',
    en: 'Role "{role}" may not perform "{action}" on an incident',
  },
  INCIDENT_NOT_LEAD_UNIT: {
    status: 403,
    zh: '只有指挥中心或牵头单位可以执行“{action}”',
    en: 'Only the command centre or the lead unit may perform "{action}"',
  },
  INCIDENT_DRILL_NO_TICKETS: {
    status: 409,
    zh: '演练事件不能关联市民工单',
    en: 'A drill incident cannot take citizens’ tickets',
  },
  TICKET_ALREADY_IN_INCIDENT: {
    status: 409,
    zh: '工单 {ticket} 已关联突发事件 {incident}',
    en: 'Ticket {ticket} already belongs to incident {incident}',
  },
  INCIDENT_NOT_NOTIFIED: {
    status: 403,
    zh: '您未收到该事件的值班通知，无需确认',
    en: 'You were not notified of this incident, so there is nothing to acknowledge',
  },
  INCIDENT_ALREADY_ACKNOWLEDGED: {
    status: 409,
    zh: '您已确认收到该事件的通知',
    en: 'You have already acknowledged this incident',
  },
  ESCALATION_CHAIN_INVALID: {
    status: 400,
    zh: '{level} 级上报链设置有误',
    en: 'The escalation chain of level {level} is not valid',
  },
  SHIFT_NOT_FOUND: { status: 404, zh: '未找到值班记录 {shift}', en: 'Shift {shift} not found' },
  SHIFT_INVALID: {
    status: 400,
    zh: '值班时间有误：{reason}',
    en: 'The shift times are not valid: {reason}',
  },
  ROSTER_OVERLAP: {
    status: 409,
    zh: '值班表存在重叠：同一岗位同一时间安排了多人（{count} 处），未作任何修改',
    en: 'The roster overlaps: one post has two people at once ({count} places); nothing was changed',
  },
  ROSTER_FILE_INVALID: {
    status: 400,
    zh: '值班表文件有误（{count} 处），未作任何修改',
    en: 'The roster file has errors ({count}); nothing was changed',
  },
} as const;
