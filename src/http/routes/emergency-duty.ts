/**
 * The on-duty roster 值班表 and the escalation chains: who is on duty now
 * for any unit, the roster with its gaps and overlaps, an admin's edits and
 * CSV imports, and the chain of each level.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DutyShiftRow } from '../../db/schema-emergency.js';
import type { RosterGap, RosterOverlap } from '../../domain/emergency/roster.js';
import { DUTY_POST_LABELS, type DutyPost, LINK_TARGET_LABELS } from '../../domain/emergency/vocabulary.js';
import { AppError } from '../../domain/errors.js';
import { INCIDENT_POLICY } from '../../domain/policies/incident-policy.js';
import type { ServiceContext } from '../../services/context.js';
import { dutyNow, rosterView } from '../../services/emergency/duty-now.js';
import { importRoster } from '../../services/emergency/import-roster.js';
import { loadChains } from '../../services/emergency/load-chains.js';
import type { RosterActor } from '../../services/emergency/roster-change.js';
import { deleteShift, saveShift } from '../../services/emergency/save-shift.js';
import { updateEscalationPolicy } from '../../services/emergency/update-escalation-policy.js';
import type { ReferenceData } from '../../services/reference-cache.js';
import { requireUser } from '../plugins/auth.js';
import { labelOf } from '../presenters/incident.js';
import {
  chainBody,
  dutyNowQuery,
  importBody,
  levelParams,
  rosterQuery,
  shiftBody,
  shiftIdParams,
} from '../schemas/emergency.js';

const MAX_ROSTER_DAYS = 62;

function rosterReader(req: FastifyRequest) {
  const p = requireUser(req);
  if (INCIDENT_POLICY[p.role].roster === 'none') throw new AppError('FORBIDDEN');
  return p;
}

function rosterEditor(req: FastifyRequest): RosterActor {
  const p = requireUser(req);
  if (INCIDENT_POLICY[p.role].roster !== 'edit') throw new AppError('FORBIDDEN');
  return { userId: p.userId, role: p.role, ip: req.ip };
}

/** A unit by id or by code; unknown is a clear 400. */
function unitOf(ref: ReferenceData, key: string) {
  const unit = /^\d+$/.test(key) ? ref.units.get(Number(key)) : ref.unitsByCode.get(key);
  if (!unit) throw new AppError('UNIT_NOT_FOUND', { unit: key });
  return unit;
}

function unitRef(ref: ReferenceData, id: number) {
  const u = ref.units.get(id);
  return { id, code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.name_en ?? '' };
}

function presentShift(ref: ReferenceData, s: DutyShiftRow, users: Map<number, string>) {
  return {
    id: s.id,
    unit: unitRef(ref, s.unit_id),
    post: s.post,
    postLabel: labelOf(DUTY_POST_LABELS, s.post),
    user: { id: s.user_id, name: users.get(s.user_id) ?? String(s.user_id) },
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    note: s.note,
  };
}

function presentReport(ref: ReferenceData, gaps: readonly RosterGap[], overlaps: readonly RosterOverlap[]) {
  return {
    gaps: gaps.map((g) => ({
      unit: unitRef(ref, g.unitId),
      post: g.post,
      from: g.from,
      to: g.to,
      fallback: g.fallback,
    })),
    overlaps: overlaps.map((o) => ({
      unit: unitRef(ref, o.unitId),
      post: o.post,
      shiftIds: o.shiftIds,
      from: o.from,
      to: o.to,
    })),
  };
}

async function userNames(ctx: ServiceContext, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

export function dutyRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/duty/now',
      { schema: { tags: ['emergency'], summary: '当前值班 Who is on duty now', querystring: dutyNowQuery } },
      async (req) => {
        rosterReader(req);
        const ref = await ctx.reference.get();
        const unit = unitOf(ref, req.query.unit);
        const at = req.query.at ?? ctx.clock();
        const d = await dutyNow(ctx.db, unit.id, at);
        const who = (post: DutyPost) => {
          const s = d[post];
          if (!s) return null;
          const u = d.users.get(s.userId);
          return {
            shiftId: s.id,
            user: { id: s.userId, name: u?.name ?? '', username: u?.username ?? '' },
            startsAt: s.startsAt,
            endsAt: s.endsAt,
          };
        };
        return {
          unit: unitRef(ref, unit.id),
          at,
          primary: who('primary'),
          deputy: who('deputy'),
          leader: who('leader'),
          onDuty: d.onDuty ? { ...who(d.via === 'deputy' ? 'deputy' : 'primary'), via: d.via } : null,
          gap: d.primary === null,
        };
      },
    );

    app.get(
      '/api/duty/shifts',
      {
        schema: {
          tags: ['emergency'],
          summary: '值班表（含空档与重叠）Roster with gaps and overlaps',
          querystring: rosterQuery,
        },
      },
      async (req) => {
        rosterReader(req);
        const ref = await ctx.reference.get();
        const { from, to } = req.query;
        if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_ROSTER_DAYS * 86_400_000) {
          throw new AppError('SHIFT_INVALID', {
            reason: `from < to, at most ${MAX_ROSTER_DAYS} days / 最长 ${MAX_ROSTER_DAYS} 天`,
          });
        }
        const unitIds = req.query.unit
          ? [unitOf(ref, req.query.unit).id]
          : [
              ...new Set(
                (await ctx.db.selectFrom('duty_shifts').select('unit_id').distinct().execute()).map(
                  (r) => r.unit_id,
                ),
              ),
            ];
        const view = await rosterView(ctx.db, unitIds, from, to);
        const users = await userNames(
          ctx,
          view.shifts.map((s) => s.user_id),
        );
        return {
          from,
          to,
          items: view.shifts.map((s) => presentShift(ref, s, users)),
          ...presentReport(ref, view.report.gaps, view.report.overlaps),
        };
      },
    );

    app.post(
      '/api/duty/shifts',
      { schema: { tags: ['emergency'], summary: '新增值班 Add a shift (admin)', body: shiftBody } },
      async (req, reply) => {
        const actor = rosterEditor(req);
        const row = await saveShift(ctx, { actor, shift: req.body });
        const ref = await ctx.reference.get();
        return reply.code(201).send(presentShift(ref, row, await userNames(ctx, [row.user_id])));
      },
    );

    app.put(
      '/api/duty/shifts/:id',
      {
        schema: {
          tags: ['emergency'],
          summary: '修改值班 Change a shift (admin)',
          params: shiftIdParams,
          body: shiftBody,
        },
      },
      async (req) => {
        const actor = rosterEditor(req);
        const row = await saveShift(ctx, { actor, shiftId: req.params.id, shift: req.body });
        const ref = await ctx.reference.get();
        return presentShift(ref, row, await userNames(ctx, [row.user_id]));
      },
    );

    app.delete(
      '/api/duty/shifts/:id',
      { schema: { tags: ['emergency'], summary: '删除值班 Remove a shift (admin)', params: shiftIdParams } },
      async (req, reply) => {
        const actor = rosterEditor(req);
        await deleteShift(ctx, { actor, shiftId: req.params.id });
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/duty/import',
      {
        schema: { tags: ['emergency'], summary: '导入值班表 CSV Import a roster (admin)', body: importBody },
      },
      async (req) => {
        const actor = rosterEditor(req);
        const r = await importRoster(ctx, { actor, csv: req.body.csv, dryRun: req.body.dryRun });
        const ref = await ctx.reference.get();
        return {
          dryRun: r.dryRun,
          rows: r.rows,
          units: r.units,
          from: r.from,
          to: r.to,
          replaced: r.replaced,
          imported: r.imported,
          ...presentReport(ref, r.gaps, r.overlaps),
        };
      },
    );

    app.get(
      '/api/escalation-policies',
      { schema: { tags: ['emergency'], summary: '各级上报链 Escalation chains' } },
      async (req) => {
        rosterReader(req);
        const chains = await loadChains(ctx.db);
        return {
          items: Object.entries(chains).map(([level, links]) => ({
            level,
            links: links.map((l) => ({ ...l, targetLabel: labelOf(LINK_TARGET_LABELS, l.target) })),
          })),
        };
      },
    );

    app.put(
      '/api/escalation-policies/:level',
      {
        schema: {
          tags: ['emergency'],
          summary: '设置上报链 Set a chain (admin)',
          params: levelParams,
          body: chainBody,
        },
      },
      async (req) => {
        const p = requireUser(req);
        if (!INCIDENT_POLICY[p.role].chains) throw new AppError('FORBIDDEN');
        const saved = await updateEscalationPolicy(ctx, {
          actor: { userId: p.userId, role: p.role, ip: req.ip },
          level: req.params.level,
          links: req.body.links,
        });
        return { level: saved.level, links: saved.links };
      },
    );
  };
}
