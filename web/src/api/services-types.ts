/**
 * 全程网办 on the wire, as the web app reads it: mirrors
 * src/http/presenters/service-matter.ts, service-application.ts,
 * service-authorisation.ts and the metrics service. Only types are taken
 * from the domain, so nothing of the server's code enters the bundle here.
 */
import type { ApplicationAction, ApplicationStatus, CorrectionItem } from '@domain/applications';
import type { FormData, FormSchema } from '@domain/form-schema';
import type { RatingLevel } from '@domain/ratings';
import type { ServiceCounts, ServiceRates } from '@domain/service-metrics';
import type { Label } from './types';

export type { ApplicationAction, ApplicationStatus, CorrectionItem, FormData, FormSchema, RatingLevel };

export type FileFormat = 'pdf' | 'jpeg' | 'png';

export interface MatterSummary {
  code: string;
  version: number;
  currentVersion: number;
  active: boolean;
  name: Label;
  type: string;
  typeLabel: Label;
  department: { id: number; code: string; name: Label };
  applicantKind: 'person' | 'organisation' | 'both';
  applicantKindLabel: Label;
  summary: Label;
  legalDays: number;
  promisedDays: number;
  visits: number;
  fullyOnline: boolean;
  fee: { yuan: number; note?: Label };
  tags: string[];
}

export interface MaterialSpec {
  code: string;
  name: Label;
  required: boolean;
  formats: FileFormat[];
  maxSizeKb: number;
  maxCount: number;
  copies: number;
  original: boolean;
  note?: Label;
  mediaTypes?: string[];
}

export interface MatterGuide extends MatterSummary {
  acceptDays: number;
  conditions: Label[];
  materials: MaterialSpec[];
  steps: Label[];
  reviewSteps: Label[];
  legalBasis: Label[];
  result: { name: Label; validity?: Label };
  form: FormSchema;
  publishedAt: string;
  note: string | null;
}

export interface MatterVersionItem {
  version: number;
  name: Label;
  promisedDays: number;
  legalDays: number;
  visits: number;
  note: string | null;
  publishedAt: string;
}

export interface MatterVersions {
  code: string;
  currentVersion: number;
  active: boolean;
  items: MatterVersionItem[];
}

export type Card = 'none' | 'yellow' | 'red';

export interface ApplicationSummary {
  id: number;
  number: string;
  status: ApplicationStatus;
  statusLabel: Label;
  matter: { id: number; version: number; name: Label | null };
  department: { id: number; name: Label };
  applicantMasked: string | null;
  filedBy: 'citizen' | 'village_agent';
  card: Card | null;
  submittedAt: string | null;
  acceptDueAt: string | null;
  decisionDueAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface ApplicationList {
  items: ApplicationSummary[];
  nextBefore: number | null;
}

export interface ApplicationFile {
  id: number;
  fileName: string;
  size: number;
  mediaType: string;
  sha256: string;
  round: number;
  uploadedAt: string;
  url: string;
}

export interface ApplicationMaterial {
  code: string;
  name: Label;
  required: boolean;
  formats: FileFormat[];
  maxSizeKb: number;
  maxCount: number;
  files: ApplicationFile[];
}

export interface ApplicationEvent {
  seq: number;
  action: string;
  label: Label;
  from: string | null;
  to: string | null;
  at: string;
  actorRole: string;
  reason: string | null;
  data?: Record<string, unknown>;
}

export interface Application extends Omit<ApplicationSummary, 'matter'> {
  matter: { id: number; code: string; version: number; currentVersion: number; name: Label };
  applicant: {
    kind: string;
    name: string | null;
    idNumber: string | null;
    phone: string | null;
    masked: boolean;
  };
  authorisation: { id: number; validUntil: string; withdrawnAt: string | null } | null;
  form: FormData;
  schema: FormSchema;
  materials: ApplicationMaterial[];
  review: { step: number; steps: Label[]; current: Label | null };
  round: number;
  correction: { note: string; items: CorrectionItem[]; at: string; round: number } | null;
  decision: {
    at: string;
    reason: string | null;
    onTime: boolean | null;
    workingDaysUsed: number | null;
  } | null;
  clocks: {
    firstSubmittedAt: string | null;
    submittedAt: string | null;
    acceptDueAt: string | null;
    acceptedAt: string | null;
    decisionDueAt: string | null;
    legalDueAt: string | null;
    decidedAt: string | null;
    certificateDueAt: string | null;
    certifiedAt: string | null;
    withdrawnAt: string | null;
    promisedDays: number;
    legalDays: number;
  };
  certificate: { number: string; code: string; issuedAt: string; verifyUrl: string; pdfUrl: string } | null;
  rating: {
    level: RatingLevel;
    label: Label;
    comment: string | null;
    ratedAt: string;
    rectificationTicket: { id: number; number: string | null } | null;
  } | null;
  actions: ApplicationAction[];
  timeline: ApplicationEvent[];
  createdAt: string;
}

export type AuthorisationStatus = 'active' | 'expired' | 'withdrawn' | 'pending';
export type ConsentKind = 'signed_form' | 'in_person' | 'video_call';

export interface Authorisation {
  id: number;
  status: AuthorisationStatus;
  matter: { code: string; name: Label } | null;
  villager: { name: string; phone: string; idNumber: string | null; hasAccount: boolean };
  agent: { userId: number; name: string | null };
  areaCode: string | null;
  consent: ConsentKind;
  note: string | null;
  validFrom: string;
  validUntil: string;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
  applications: { id: number; number: string; status: ApplicationStatus }[];
}

export interface CertificateCheck {
  valid: boolean;
  code: string;
  number: string;
  issuedAt: string;
  revokedAt: string | null;
  holder: string | null;
  content: {
    title: Label;
    matter: Label;
    matterCode: string;
    applicationNumber: string;
    decision: Label;
    decidedAt: string;
    issuedAt: string;
    department: Label;
    validity: Label | null;
  };
  pdfSha256: string;
  pdfUrl: string;
}

export interface Figures {
  counts: ServiceCounts;
  rates: ServiceRates;
}

export interface ServiceMetrics {
  period: { label: string; from: string; to: string };
  total: Figures;
  departments: (Figures & {
    unit: { id: number; code: string; name: Label };
    matters: (Figures & { code: string; name: Label; visits: number; fullyOnline: boolean })[];
    ticketRatings: { ratings: number; good: number; poor: number; goodRatingRate: number | null };
  })[];
}
