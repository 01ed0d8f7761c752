/**
 * The words of emergency response 应急: incident types, severity levels,
 * statuses, duty posts and escalation targets, as stable English codes with
 * their Chinese and English labels. Codes are stored and sent on the wire;
 * labels are for screens and the printed report.
 */
import type { Label } from '../vocabulary.js';

/** Incident types 事件类型. */
export const INCIDENT_TYPES = [
  'flood', // 洪涝
  'fire', // 火灾
  'gas', // 燃气泄漏
  'geological', // 地质灾害
  'traffic', // 道路交通事故
  'public_health', // 公共卫生事件
  'utility_outage', // 水电气热停供
  'crowd_safety', // 人员密集场所安全
  'structural', // 道路塌陷、房屋倒塌
  'lift_entrapment', // 电梯困人
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_TYPE_LABELS: Record<IncidentType, Label> = {
  flood: { zh: '洪涝灾害', en: 'Flood' },
  fire: { zh: '火灾', en: 'Fire' },
  gas: { zh: '燃气泄漏', en: 'Gas leak' },
  geological: { zh: '地质灾害', en: 'Geological hazard' },
  traffic: { zh: '道路交通事故', en: 'Traffic accident' },
  public_health: { zh: '公共卫生事件', en: 'Public health' },
  utility_outage: { zh: '水电气热停供', en: 'Utilities outage' },
  crowd_safety: { zh: '人员密集场所安全', en: 'Crowd safety' },
  structural: { zh: '道路塌陷与房屋倒塌', en: 'Collapse (road or building)' },
  lift_entrapment: { zh: '电梯困人', en: 'Trapped lift' },
};

export function isIncidentType(value: string): value is IncidentType {
  return (INCIDENT_TYPES as readonly string[]).includes(value);
}

/** Severity levels 事件级别, I the gravest, as in the national emergency plan. */
export const INCIDENT_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

export const INCIDENT_LEVEL_LABELS: Record<IncidentLevel, Label> = {
  I: { zh: 'Ⅰ级（特别重大）', en: 'Level I (extremely serious)' },
  II: { zh: 'Ⅱ级（重大）', en: 'Level II (serious)' },
  III: { zh: 'Ⅲ级（较大）', en: 'Level III (major)' },
  IV: { zh: 'Ⅳ级（一般）', en: 'Level IV (general)' },
};

export function isIncidentLevel(value: string): value is IncidentLevel {
  return (INCIDENT_LEVELS as readonly string[]).includes(value);
}

/** 0 for level I: a smaller rank is graver. */
export function levelRank(level: IncidentLevel): number {
  return INCIDENT_LEVELS.indexOf(level);
}

/** Incident statuses 事件状态. */
export const INCIDENT_STATUSES = ['reported', 'confirmed', 'responding', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, Label> = {
  reported: { zh: '已报告', en: 'Reported' },
  confirmed: { zh: '已核实', en: 'Confirmed' },
  responding: { zh: '处置中', en: 'Responding' },
  contained: { zh: '已控制', en: 'Contained' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter(
  (s) => s !== 'closed',
);

export function isOpenIncident(status: IncidentStatus): boolean {
  return status !== 'closed';
}

/** Where an incident came from 事件来源. */
export const INCIDENT_SOURCES = ['ticket', 'unit_report', 'centre'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
export const INCIDENT_SOURCE_LABELS: Record<IncidentSource, Label> = {
  ticket: { zh: '12345 紧急工单', en: 'Urgent 12345 ticket' },
  unit_report: { zh: '单位报告', en: 'Unit report' },
  centre: { zh: '指挥中心', en: 'Command centre' },
};

/**
 * Duty posts 值班岗位 of a unit's roster: the officer on duty 值班员, the
 * deputy 副班 who covers a gap, and the leader in charge 带班领导.
 */
export const DUTY_POSTS = ['primary', 'deputy', 'leader'] as const;
export type DutyPost = (typeof DUTY_POSTS)[number];
export const DUTY_POST_LABELS: Record<DutyPost, Label> = {
  primary: { zh: '值班员', en: 'Officer on duty' },
  deputy: { zh: '副班', en: 'Deputy' },
  leader: { zh: '带班领导', en: 'Leader in charge' },
};

/** Links of an escalation chain 逐级上报链. */
export const LINK_TARGETS = ['unit_duty', 'unit_lead', 'centre_duty', 'district_leader'] as const;
export type LinkTarget = (typeof LINK_TARGETS)[number];
export const LINK_TARGET_LABELS: Record<LinkTarget, Label> = {
  unit_duty: { zh: '责任单位值班员', en: 'Unit on duty' },
  unit_lead: { zh: '责任单位负责人', en: 'Unit lead' },
  centre_duty: { zh: '区指挥中心值班', en: 'District command centre' },
  district_leader: { zh: '区领导', en: 'District leader' },
};
