/**
 * The admin and reference APIs as the admin screens read them: mirrors
 * src/http/presenters/reference.ts and admin.ts and the route answers.
 */
import type { Label, Role } from './types';

export interface AdminUnit {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
  peerGroup: string;
  peerGroupLabel: Label;
  parentId: number | null;
  path: string;
  depth: number;
  phone: string | null;
  active: boolean;
  areaCodes: string[];
}

export interface AdminAttribute {
  id: number;
  code: string;
  datatype: string;
  required: boolean;
  variable: boolean;
  description: string;
  descriptionEn: string | null;
  datatypeDescription: string | null;
  order: number;
  values: { key: string; name: string }[] | null;
}

export interface AdminCategory {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: number;
  parentId: number | null;
  description: string | null;
  keywords: string[];
  policyCode: string | null;
  utilityOutage: boolean;
  sort: number;
  active: boolean;
  attributes?: AdminAttribute[];
  children: AdminCategory[];
}

export interface Policy {
  code: string;
  name: string;
  nameEn: string;
  mode: 'calendar' | 'working';
  sign: string;
  response: string;
  reply: string;
  replyComplex: string | null;
  returnWindow: string;
  callback: string;
  yellowAt: number;
  updatedAt: string;
}

export interface RoutingRule {
  id: number;
  categoryId: number | null;
  areaCode: string | null;
  unitId: number | null;
  toTownship: boolean;
  priority: number;
  note: string | null;
}

export interface CalendarYear {
  year: number;
  periods: { start: string; end: string; startMinute: number; endMinute: number }[];
  days: { date: string; kind: 'holiday' | 'workday'; name: string | null }[];
  workingDays: number;
}

export interface Setting {
  key: string;
  value: unknown;
  updatedAt: string | null;
}

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: Label;
  unit: { id: number; code: string; name: string; nameEn: string } | null;
  email: string | null;
  phone: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  activeSessions?: number;
}

export interface ApiKeyItem {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: unknown;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: unknown;
  ip: string | null;
}

export interface Vocabulary {
  roles: { code: Role; label: Label; assignable: boolean }[];
  peerGroups: { code: string; label: Label }[];
  attributeDatatypes: string[];
  apiScopes: string[];
}

/** A knowledge-base article as /api/admin/knowledge sends it (its columns, snake_case); `score` only on a search. */
export interface KnowledgeArticle {
  id: number;
  question: string;
  answer: string;
  question_en: string | null;
  answer_en: string | null;
  keywords: string[];
  category_id: number | null;
  active: boolean;
  updated_at: string;
  score?: number;
}
