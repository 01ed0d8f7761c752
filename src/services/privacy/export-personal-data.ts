/**
 * 个人信息查阅复制 Everything held about one phone number, for the person
 * it belongs to (PIPL art. 45): accounts with that number, 12345 tickets
 * (collect-tickets.ts), 全程网办 applications and village-agent
 * authorisations, and every view of those details. Decrypted — it is the
 * person's own data — so the export itself is audited, and only admins and
 * the operator's command line can run it.
 *
 * Numbers stored without a lookup hash (user accounts, an applicant's
 * phone) are found by decrypting and comparing: slow on millions of rows,
 * but an export is a rare, deliberate act.
 */
import type { Executor } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { maskPhone, normalisePhone, type PersonalDataCipher } from '../../security/personal-data.js';
import { recordAudit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { collectTickets, type ExportedTicket } from './collect-tickets.js';

export interface PersonalDataExport {
  subject: { phoneMasked: string };
  generatedAt: Date;
  accounts: {
    username: string;
    displayName: string;
    role: string;
    email: string | null;
    createdAt: Date;
    lastLoginAt: Date | null;
  }[];
  tickets: ExportedTicket[];
  applications: {
    number: string;
    matterId: number;
    status: string;
    applicantName: string;
    applicantIdNumber: string | null;
    form: unknown;
    createdAt: Date;
    submittedAt: Date | null;
    decidedAt: Date | null;
  }[];
  authorisations: {
    id: number;
    matterId: number;
    villagerName: string;
    validFrom: Date;
    validUntil: Date;
    withdrawnAt: Date | null;
  }[];
  /** look-ups of the caller's history by this number 来电历史查询 */
  historyLookups: { at: Date; actorRole: string; actorUserId: number | null }[];
}

export interface ExportPersonalDataOptions {
  phone: string;
  /** who asked, for the audit log */
  actor: { userId: number | null; role: string; ip?: string | null };
}

const BATCH = 500;

function parseForm(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Rows whose sealed column decrypts to the number, read in id order a batch at a time. */
async function scanSealed<T extends { id: number }>(
  read: (afterId: number) => Promise<T[]>,
  sealed: (row: T) => string | null,
  cipher: PersonalDataCipher,
  digits: string,
): Promise<T[]> {
  const out: T[] = [];
  let after = 0;
  for (;;) {
    const rows = await read(after);
    for (const r of rows) {
      const value = sealed(r);
      if (value && normalisePhone(cipher.decrypt(value)) === digits) out.push(r);
    }
    if (rows.length < BATCH) return out;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export async function exportPersonalData(
  ctx: ServiceContext,
  o: ExportPersonalDataOptions,
): Promise<PersonalDataExport> {
  const digits = normalisePhone(o.phone);
  if (digits.length < 5) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: 'phone', code: 'format', message: 'a phone number / 电话号码' },
    ]);
  }
  const db: Executor = ctx.db;
  const hash = ctx.cipher.hashPhone(digits);
  const users = await scanSealed(
    (after) =>
      db
        .selectFrom('users')
        .selectAll()
        .where('phone_enc', 'is not', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute(),
    (u) => u.phone_enc,
    ctx.cipher,
    digits,
  );
  const userIds = users.map((u) => u.id);
  const tickets = await collectTickets(db, ctx.cipher, hash, digits, userIds);

  const authorisations = await db
    .selectFrom('service_authorisations')
    .selectAll()
    .where('villager_phone_hash', '=', hash)
    .orderBy('id')
    .execute();
  const byPhone = await scanSealed(
    (after) =>
      db
        .selectFrom('service_applications')
        .selectAll()
        .where('applicant_phone_enc', 'is not', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute(),
    (a) => a.applicant_phone_enc,
    ctx.cipher,
    digits,
  );
  const linked = await db
    .selectFrom('service_applications')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(userIds.length ? [eb('applicant_user_id', 'in', userIds)] : []),
        ...(authorisations.length
          ? [
              eb(
                'authorisation_id',
                'in',
                authorisations.map((a) => a.id),
              ),
            ]
          : []),
        eb.val(false),
      ]),
    )
    .execute();
  const applications = [...new Map([...byPhone, ...linked].map((a) => [a.id, a])).values()].sort(
    (a, b) => a.id - b.id,
  );
  const lookups = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_role', 'actor_user_id'])
    .where('subject_type', '=', 'phone')
    .where('subject_id', '=', hash.slice(0, 16))
    .orderBy('id')
    .execute();

  await recordAudit(db, {
    actorUserId: o.actor.userId,
    actorRole: o.actor.role,
    action: 'personal_data.export',
    subjectType: 'phone',
    subjectId: hash.slice(0, 16),
    detail: { tickets: tickets.length, applications: applications.length, accounts: users.length },
    ip: o.actor.ip ?? null,
  });

  const open = (v: string | null) => (v ? ctx.cipher.decrypt(v) : null);
  return {
    subject: { phoneMasked: maskPhone(digits) },
    generatedAt: ctx.clock(),
    accounts: users.map((u) => ({
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      email: u.email,
      createdAt: u.created_at,
      lastLoginAt: u.last_login_at,
    })),
    tickets,
    applications: applications.map((a) => ({
      number: a.number,
      matterId: a.matter_id,
      status: a.status,
      applicantName: ctx.cipher.decrypt(a.applicant_name_enc),
      applicantIdNumber: open(a.applicant_id_enc),
      form: a.form_enc ? parseForm(ctx.cipher.decrypt(a.form_enc)) : null,
      createdAt: a.created_at,
      submittedAt: a.submitted_at,
      decidedAt: a.decided_at,
    })),
    authorisations: authorisations.map((a) => ({
      id: a.id,
      matterId: a.matter_id,
      villagerName: ctx.cipher.decrypt(a.villager_name_enc),
      validFrom: a.valid_from,
      validUntil: a.valid_until,
      withdrawnAt: a.withdrawn_at,
    })),
    historyLookups: lookups.map((l) => ({ at: l.at, actorRole: l.actor_role, actorUserId: l.actor_user_id })),
  };
}
