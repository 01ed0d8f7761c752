/** 时限与设置 Admin: deadline policies, the working calendar and settings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_SETTINGS } from '../../seed/seed-reference.js';
import { createPolicy } from '../../services/admin/create-policy.js';
import { setCalendarDay } from '../../services/admin/set-calendar-day.js';
import { setWorkingPeriods } from '../../services/admin/set-working-periods.js';
import { unsetCalendarDay } from '../../services/admin/unset-calendar-day.js';
import { updatePolicy } from '../../services/admin/update-policy.js';
import { SETTING_KEYS, updateSetting } from '../../services/admin/update-setting.js';
import type { ServiceContext } from '../../services/context.js';
import { requireAdmin } from '../admin-guard.js';
import { presentPeriods, presentPolicy } from '../presenters/reference.js';
import { calendarDay, dateParams, policyCreate, policyUpdate, workingPeriods } from '../schemas/admin.js';

export function adminSettingRoutes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['admin'];

    app.post(
      '/api/admin/policies',
      { schema: { tags, summary: '新建时限规则 Create a deadline policy', body: policyCreate } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        const b = req.body;
        const row = await createPolicy(ctx, {
          actor,
          ...b,
          replyComplex: b.replyComplex ?? null,
          yellowAt: b.yellowAt ?? 0.75,
        });
        return reply.code(201).send(presentPolicy(row));
      },
    );

    app.patch(
      '/api/admin/policies/:code',
      {
        schema: {
          tags,
          summary: '修改时限规则 Edit durations, clock mode and yellow-card share',
          params: z.object({ code: z.string().max(64) }).strict(),
          body: policyUpdate,
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        return presentPolicy(await updatePolicy(ctx, { actor, code: req.params.code, ...req.body }));
      },
    );

    app.put(
      '/api/admin/calendar/days/:date',
      {
        schema: {
          tags,
          summary: '设置节假日/调休 Mark a date as holiday or workday',
          params: dateParams,
          body: calendarDay,
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const row = await setCalendarDay(ctx, { actor, date: req.params.date, ...req.body });
        return { date: row.date, kind: row.kind, name: row.name };
      },
    );

    app.delete(
      '/api/admin/calendar/days/:date',
      { schema: { tags, summary: '取消节假日/调休 Remove a date entry', params: dateParams } },
      async (req, reply) => {
        const actor = requireAdmin(req);
        await unsetCalendarDay(ctx, { actor, date: req.params.date });
        return reply.code(204).send();
      },
    );

    app.put(
      '/api/admin/calendar/periods',
      {
        schema: { tags, summary: '工作时间 Set the working periods of a day', body: workingPeriods },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const periods = await setWorkingPeriods(ctx, { actor, periods: req.body.periods });
        return { periods: presentPeriods(periods) };
      },
    );

    app.get('/api/admin/settings', { schema: { tags, summary: '系统设置 Settings' } }, async (req) => {
      requireAdmin(req);
      const rows = await ctx.db.selectFrom('settings').selectAll().where('key', 'in', SETTING_KEYS).execute();
      const stored = new Map(rows.map((r) => [r.key, r]));
      return {
        items: SETTING_KEYS.map((key) => ({
          key,
          value: stored.get(key)?.value ?? DEFAULT_SETTINGS[key],
          updatedAt: stored.get(key)?.updated_at ?? null,
        })),
      };
    });

    app.patch(
      '/api/admin/settings/:key',
      {
        schema: {
          tags,
          summary: '修改设置 Change assessment weights, sweep or lifecycle settings (merged, then validated)',
          params: z.object({ key: z.string().max(64) }).strict(),
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (req) => {
        const actor = requireAdmin(req);
        const value = await updateSetting(ctx, { actor, key: req.params.key, patch: req.body });
        return { key: req.params.key, value };
      },
    );
  };
}
