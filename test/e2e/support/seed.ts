/**
 * Tickets in a given state for the browser scenarios, made through the real
 * API (in-process), so they are exactly what the screens will meet.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../../src/services/context.js';
import { type Client, signedIn } from '../../support/http.js';

export type SeedStage =
  | 'received'
  | 'dispatched'
  | 'accepted'
  | 'in_progress'
  | 'replied'
  | 'return_requested';

interface TicketJson {
  id: number;
  number: string;
  version: number;
  state: string;
}

export class Seeder {
  private constructor(
    private readonly agent: Client,
    private readonly dispatcher: Client,
    private readonly handlers: Map<string, Client>,
    private readonly units: Map<string, number>,
  ) {}

  static async create(app: FastifyInstance, ctx: ServiceContext, unitCodes: string[]): Promise<Seeder> {
    const ref = await ctx.reference.get();
    const handlers = new Map<string, Client>();
    const units = new Map<string, number>();
    for (const code of unitCodes) {
      handlers.set(code, await signedIn(app, ctx, 'handler', code));
      units.set(code, ref.unitsByCode.get(code)?.id ?? 0);
    }
    return new Seeder(
      await signedIn(app, ctx, 'agent'),
      await signedIn(app, ctx, 'dispatcher'),
      handlers,
      units,
    );
  }

  private async act(client: Client, t: TicketJson, action: string, body: object = {}): Promise<TicketJson> {
    const res = await client.post(`/api/tickets/${t.id}/${action}`, { ...body, expectedVersion: t.version });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
    return res.json() as TicketJson;
  }

  async ticket(o: {
    stage: SeedStage;
    unit?: string;
    description?: string;
    phone?: string;
    areaCode?: string;
  }): Promise<TicketJson> {
    const res = await this.agent.post('/api/tickets', {
      type: 'complaint',
      description: o.description ?? '龙山街道某小区楼下餐馆油烟扰民，晚上十点后仍在营业，噪声很大。',
      areaCode: o.areaCode ?? '110116002',
      citizen: { name: '李女士', phone: o.phone ?? '13900139000' },
    });
    if (res.statusCode !== 201) throw new Error(`intake: ${res.statusCode} ${res.body}`);
    let t = res.json() as TicketJson;
    if (o.stage === 'received') return t;
    const unit = o.unit ?? 'tw-longshan';
    const handler = this.handlers.get(unit);
    if (!handler) throw new Error(`no handler for ${unit}`);
    t = await this.act(this.dispatcher, t, 'dispatch', { mainUnitId: this.units.get(unit) });
    if (o.stage === 'dispatched') return t;
    if (o.stage === 'return_requested')
      return this.act(handler, t, 'return', { reason: '不属于本单位职责，应由市场监管局处理。' });
    t = await this.act(handler, t, 'sign');
    if (o.stage === 'accepted') return t;
    t = await this.act(handler, t, 'contact', { note: '已电话联系。' });
    if (o.stage === 'in_progress') return t;
    return this.act(handler, t, 'reply', { reply: '已约谈餐馆负责人，安装油烟净化设备，晚十点后停止营业。' });
  }
}
