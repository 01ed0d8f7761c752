/** 新建时限规则 Create a deadline policy that categories can then point to. */
import type { PolicyRow } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.js';
import { type AdminActor, adminTransaction } from './admin-change.js';
import { requireCode } from './checks.js';
import { type PolicyText, policyColumns, policyFromText, policyText } from './update-policy.js';

export interface CreatePolicyOptions extends PolicyText {
  actor: AdminActor;
  code: string;
}

export async function createPolicy(ctx: ServiceContext, o: CreatePolicyOptions): Promise<PolicyRow> {
  const { actor, code: rawCode, ...text } = o;
  const code = requireCode(
    'code',
    rawCode,
    /^[a-z0-9_-]+$/,
    'lower-case letters, digits, _ and - / 小写字母、数字、_ 和 -',
  );
  const policy = policyFromText(code, text);
  return adminTransaction(ctx, actor, async (trx, audit) => {
    const taken = await trx
      .selectFrom('deadline_policies')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst();
    if (taken) throw new AppError('POLICY_CODE_TAKEN', { code });
    const row = await trx
      .insertInto('deadline_policies')
      .values({ code, ...policyColumns(policy) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: 'policy.create',
      subjectType: 'deadline_policy',
      subjectId: code,
      after: policyText(row),
    });
    return row;
  });
}
