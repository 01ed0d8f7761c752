/**
 * 代办授权 Village agents' authorisations (足不出村办政务): the agent records
 * one and sees their own; the villager sees and withdraws it through the SMS
 * link (with the last four digits of the phone) or, after binding it to a
 * citizen account, from the account. Anyone else gets 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import type { AuthorisationRow } from '../../db/schema-services.js';
import { AppError } from '../../domain/errors.js';
import type { Principal } from '../../services/auth/principal.js';
import { authorisationByLink } from '../../services/authorisations/authorisation-links.js';
import { claimAuthorisation } from '../../services/authorisations/claim-authorisation.js';
import { createAuthorisation } from '../../services/authorisations/create-authorisation.js';
import { withdrawAuthorisation } from '../../services/authorisations/withdraw-authorisation.js';
import type { ServiceContext } from '../../services/context.js';
import { requireRole, requireUser } from '../plugins/auth.js';
import { presentAuthorisation } from '../presenters/service-authorisation.js';
import {
  applicationParams,
  authorisationBody,
  claimBody,
  linkToken,
  optionalReasonBody,
  phoneDigitsBody,
  withdrawByLinkBody,
} from '../schemas/services.js';

type Side = 'agent' | 'villager';

/** Which side of the authorisation the caller is on, or null when neither. */
function sideOf(p: Principal, a: AuthorisationRow): Side | null {
  if (p.userId === null) return null;
  if (p.role === 'village_agent' && a.agent_user_id === p.userId) return 'agent';
  if (p.role === 'citizen' && a.villager_user_id === p.userId) return 'villager';
  return null;
}

async function present(ctx: ServiceContext, a: AuthorisationRow, clear: boolean) {
  const [matter, agent, applications] = await Promise.all([
    ctx.db
      .selectFrom('service_matters as m')
      .innerJoin('service_matter_versions as v', (j) =>
        j.onRef('v.matter_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'),
      )
      .select(['m.code', 'v.name', 'v.name_en'])
      .where('m.id', '=', a.matter_id)
      .executeTakeFirst(),
    ctx.db.selectFrom('users').select('display_name').where('id', '=', a.agent_user_id).executeTakeFirst(),
    ctx.db
      .selectFrom('service_applications')
      .select(['id', 'number', 'status'])
      .where('authorisation_id', '=', a.id)
      .orderBy('id')
      .execute(),
  ]);
  return presentAuthorisation(a, {
    now: ctx.clock(),
    clear,
    cipher: ctx.cipher,
    matter: matter ? { code: matter.code, name: { zh: matter.name, en: matter.name_en } } : null,
    agentName: agent?.display_name ?? null,
    applications,
  });
}

async function findFor(db: Executor, p: Principal, id: number, lock = false): Promise<AuthorisationRow> {
  let q = db.selectFrom('service_authorisations').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || sideOf(p, row) === null) throw new AppError('AUTHORISATION_NOT_FOUND', { authorisation: id });
  return row;
}

export function serviceAuthorisationRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['services-authorisations'];

    app.post(
      '/api/services/authorisations',
      {
        schema: {
          tags,
          summary: '登记代办授权 Record a villager’s authorisation (village agent)',
          body: authorisationBody,
        },
      },
      async (req, reply) => {
        const p = requireRole(req, ['village_agent']);
        const b = req.body;
        const row = await createAuthorisation(ctx, {
          agent: { userId: p.userId as number, role: 'village_agent' },
          matterCode: b.matterCode,
          villager: b.villager,
          areaCode: b.areaCode,
          consent: b.consent,
          note: b.note,
          validUntil: b.validUntil,
        });
        return reply
          .code(201)
          .header('location', `/api/services/authorisations/${row.id}`)
          .send(await present(ctx, row, true));
      },
    );

    app.get(
      '/api/services/authorisations',
      {
        schema: {
          tags,
          summary:
            '我的代办授权 Authorisations the caller recorded (agent) or holds (villager with an account)',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(200).default(50),
              lang: z.enum(['zh', 'en']).optional(),
            })
            .strict(),
        },
      },
      async (req) => {
        const p = requireUser(req);
        if ((p.role !== 'village_agent' && p.role !== 'citizen') || p.userId === null) return { items: [] };
        const column = p.role === 'village_agent' ? 'agent_user_id' : 'villager_user_id';
        const rows = await ctx.db
          .selectFrom('service_authorisations')
          .selectAll()
          .where(column, '=', p.userId)
          .orderBy('id', 'desc')
          .limit(req.query.limit)
          .execute();
        return { items: await Promise.all(rows.map((r) => present(ctx, r, true))) };
      },
    );

    app.get(
      '/api/services/authorisations/:id',
      {
        schema: {
          tags,
          summary: '代办授权详情 One authorisation (its agent or its villager)',
          params: applicationParams,
        },
      },
      async (req) => {
        const p = requireUser(req);
        return present(ctx, await findFor(ctx.db, p, req.params.id), true);
      },
    );

    app.post(
      '/api/services/authorisations/:id/withdraw',
      {
        schema: {
          tags,
          summary: '撤回授权 Withdraw an authorisation (its villager, or its agent ending it)',
          params: applicationParams,
          body: optionalReasonBody.optional(),
        },
      },
      async (req) => {
        const p = requireUser(req);
        const first = await findFor(ctx.db, p, req.params.id);
        const side = sideOf(p, first) as Side;
        const r = await withdrawAuthorisation(ctx, {
          find: (trx) => findFor(trx, p, req.params.id, true),
          by: side,
          actor: { userId: p.userId, role: p.role },
          reason: req.body?.reason,
        });
        return present(ctx, r.authorisation, true);
      },
    );

    app.post(
      '/api/services/authorisations/claim',
      {
        schema: {
          tags,
          summary:
            '关联账号 Bind an authorisation to the villager’s own account (citizen, with the SMS link token)',
          body: claimBody,
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req) => {
        const p = requireRole(req, ['citizen']);
        const row = await claimAuthorisation(ctx, { ...req.body, citizenUserId: p.userId as number });
        return present(ctx, row, true);
      },
    );

    app.post(
      '/api/public/authorisations/:token',
      {
        schema: {
          tags: ['public'],
          summary:
            '查看代办授权 See an authorisation through the SMS link (villager, with the phone’s last four digits)',
          params: linkToken,
          body: phoneDigitsBody,
        },
        config: { idempotency: 'none', rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req) => {
        const row = await authorisationByLink(ctx, {
          token: req.params.token,
          phoneLast4: req.body.phoneLast4,
        });
        return present(ctx, row, false);
      },
    );

    app.post(
      '/api/public/authorisations/:token/withdraw',
      {
        schema: {
          tags: ['public'],
          summary: '撤回代办授权 Withdraw an authorisation through the SMS link (villager)',
          params: linkToken,
          body: withdrawByLinkBody,
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req) => {
        const r = await withdrawAuthorisation(ctx, {
          find: (trx) =>
            authorisationByLink(ctx, {
              token: req.params.token,
              phoneLast4: req.body.phoneLast4,
              db: trx,
              lock: true,
            }),
          by: 'villager',
          actor: { userId: null, role: 'citizen' },
          reason: req.body.reason,
        });
        return present(ctx, r.authorisation, false);
      },
    );
  };
}
