/**
 * 参考数据 Reference data read by everyone, signed in or not: vocabulary,
 * areas, units, categories, deadline policies and the working calendar.
 * Inactive units and categories are shown only to admins (`includeInactive`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listCalendarDays,
  listCategoriesWithAttributes,
  listUnitsWithAreas,
} from '../../db/repositories/reference-lists.js';
import { addDays, isWorkingDay } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { ACTION_LABELS, TRANSITIONS } from '../../domain/transitions.js';
import {
  CHANNEL_LABELS,
  PEER_GROUP_LABELS,
  REQUEST_TYPE_LABELS,
  ROLE_LABELS,
  SATISFACTION_LABELS,
  STATE_LABELS,
  TERMINAL_STATES,
  type TicketState,
  URGENCIES,
} from '../../domain/vocabulary.js';
import { ATTRIBUTE_DATATYPES } from '../../services/admin/add-category-attribute.js';
import { ASSIGNABLE_ROLES } from '../../services/admin/update-user.js';
import { API_SCOPES } from '../../services/auth/api-keys.js';
import type { ServiceContext } from '../../services/context.js';
import { sendCacheable } from '../cacheable.js';
import {
  nest,
  presentArea,
  presentCategory,
  presentPeriods,
  presentPolicy,
  presentUnit,
} from '../presenters/reference.js';

const URGENCY_LABELS = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
} as const;

function labelled<T extends string>(labels: Record<T, { zh: string; en: string }>) {
  return (Object.keys(labels) as T[]).map((code) => ({ code, label: labels[code] }));
}

function vocabulary() {
  return {
    states: (Object.keys(STATE_LABELS) as TicketState[]).map((code) => ({
      code,
      label: STATE_LABELS[code],
      terminal: TERMINAL_STATES.includes(code),
    })),
    actions: TRANSITIONS.map((r) => ({
      code: r.action,
      label: ACTION_LABELS[r.action],
      from: r.from,
      to: r.to,
      roles: r.roles,
      scope: r.scope,
      reasonRequired: r.reasonRequired,
      public: r.public,
    })),
    types: labelled(REQUEST_TYPE_LABELS),
    channels: labelled(CHANNEL_LABELS),
    urgencies: URGENCIES.map((code) => ({ code, label: URGENCY_LABELS[code] })),
    roles: labelled(ROLE_LABELS).map((r) => ({ ...r, assignable: ASSIGNABLE_ROLES.includes(r.code) })),
    satisfactions: labelled(SATISFACTION_LABELS),
    peerGroups: labelled(PEER_GROUP_LABELS),
    attributeDatatypes: ATTRIBUTE_DATATYPES,
    apiScopes: API_SCOPES,
  };
}

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const format = z.enum(['tree', 'flat']).optional();
const langOnly = { lang: z.string().max(10).optional() };

/** Inactive rows are an admin's working view; anyone else asking is refused rather than silently served less. */
function wantsInactive(req: FastifyRequest, asked: boolean | undefined): boolean {
  if (!asked) return false;
  if (req.principal.kind !== 'user' || req.principal.role !== 'admin') throw new AppError('FORBIDDEN');
  return true;
}

export function referenceRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['reference'];

    app.get(
      '/api/reference/vocabulary',
      {
        schema: {
          tags,
          summary: '词表 States, actions, types, channels, roles…',
          querystring: z.object(langOnly),
        },
      },
      async (req, reply) =>
        sendCacheable(req, reply, vocabulary, {
          memo: { ref: await ctx.reference.get(), key: 'vocabulary' },
        }),
    );

    app.get(
      '/api/reference/areas',
      {
        schema: {
          tags,
          summary: '行政区划 Areas (flat, or a tree with format=tree)',
          querystring: z
            .object({
              ...langOnly,
              level: z.string().max(200).optional(),
              parent: z.string().max(20).optional(),
              format,
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        const q = req.query;
        const levels = q.level ? new Set(q.level.split(',').map((s) => s.trim())) : null;
        return sendCacheable(
          req,
          reply,
          () => {
            const areas = [...ref.areas.values()]
              .filter((a) => (levels ? levels.has(a.level) : true))
              .filter((a) => (q.parent ? a.parent_code === q.parent : true))
              .sort((a, b) => a.code.localeCompare(b.code))
              .map(presentArea);
            return {
              items:
                q.format === 'tree'
                  ? nest(
                      areas,
                      (a) => a.code,
                      (a) => a.parentCode,
                    )
                  : areas,
            };
          },
          {
            memo: { ref, key: `areas:${[...(levels ?? [])].sort().join(',')}:${q.parent ?? ''}:${q.format}` },
          },
        );
      },
    );

    app.get(
      '/api/reference/units',
      {
        schema: {
          tags,
          summary: '承办单位 Units (a tree, or flat with format=flat)',
          querystring: z.object({ ...langOnly, format, includeInactive: flag }).strict(),
        },
      },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        const inactive = wantsInactive(req, req.query.includeInactive);
        const flat = req.query.format === 'flat';
        return sendCacheable(
          req,
          reply,
          async () => {
            const units = (await listUnitsWithAreas(ctx.db, { includeInactive: inactive })).map((u) =>
              presentUnit(u.unit, u.areaCodes),
            );
            return {
              items: flat
                ? units
                : nest(
                    units,
                    (u) => u.id,
                    (u) => u.parentId,
                  ),
            };
          },
          { memo: { ref, key: `units:${flat}` }, private: inactive },
        );
      },
    );

    app.get(
      '/api/reference/categories',
      {
        schema: {
          tags,
          summary: '诉求分类 Categories: level 1 with leaves, attributes, policy and keywords',
          querystring: z.object({ ...langOnly, includeInactive: flag }).strict(),
        },
      },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        const inactive = wantsInactive(req, req.query.includeInactive);
        return sendCacheable(
          req,
          reply,
          async () => {
            const rows = await listCategoriesWithAttributes(ctx.db, { includeInactive: inactive });
            const presented = rows.map((r) => presentCategory(r.category, r.attributes));
            return {
              items: nest(
                presented,
                (c) => c.id,
                (c) => c.parentId,
              ),
            };
          },
          { memo: { ref, key: 'categories' }, private: inactive },
        );
      },
    );

    app.get(
      '/api/reference/policies',
      { schema: { tags, summary: '时限规则 Deadline policies', querystring: z.object(langOnly) } },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        return sendCacheable(
          req,
          reply,
          async () => ({
            items: (await ctx.db.selectFrom('deadline_policies').selectAll().orderBy('code').execute()).map(
              presentPolicy,
            ),
          }),
          { memo: { ref, key: 'policies' } },
        );
      },
    );

    app.get(
      '/api/reference/calendar',
      {
        schema: {
          tags,
          summary: '工作日历 Holidays, adjusted workdays and working periods of a year',
          querystring: z
            .object({ ...langOnly, year: z.coerce.number().int().min(2000).max(2100).optional() })
            .strict(),
        },
      },
      async (req, reply) => {
        const ref = await ctx.reference.get();
        const year = req.query.year ?? Number(ctx.clock().toISOString().slice(0, 4));
        return sendCacheable(
          req,
          reply,
          async () => {
            const days = await listCalendarDays(ctx.db, year);
            let workingDays = 0;
            for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
              if (isWorkingDay(ref.calendar, d)) workingDays++;
            }
            return {
              year,
              periods: presentPeriods(ref.calendar.periods),
              days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
              workingDays,
            };
          },
          { memo: { ref, key: `calendar:${year}` } },
        );
      },
    );
  };
}
