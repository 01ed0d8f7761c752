/**
 * Open311 GeoReport v2 under `/open311/v2/` (discovery also at
 * `/open311/discovery.*`). Everything in this scope answers in the spec's
 * formats, errors included: the scope has its own form parser, error
 * handler and not-found handler, so nothing here ever answers with the JSON
 * API's `{ error: … }` shape. The resource suffix (`.xml` / `.json`) picks
 * the format, as the spec does; XML is the default for URLs without one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findTicket } from '../db/repositories/tickets.js';
import { resolveApiKey } from '../services/auth/api-keys.js';
import type { ServiceContext } from '../services/context.js';
import { createRequest, ensureOpen311Row, readNewRequest } from './create-request.js';
import { discoveryNode } from './discovery.js';
import { fail, Open311Error, problem, sendOpen311Error, throwIfAny, toOpen311Error } from './errors.js';
import { type Fields, fieldsOfQuery, mergeFields, parseForm, single } from './form.js';
import {
  CONTENT_TYPES,
  type Format,
  formatOfUrl,
  list,
  type NodeObject,
  reorderJson,
  send,
  splitFormat,
} from './format.js';
import { requestNode, updateNode } from './present.js';
import {
  findRequestByNumber,
  findRequests,
  findUpdates,
  mergeTargets,
  readRequestQuery,
  readWindow,
} from './queries.js';
import {
  categoriesWithAttributes,
  definitionNode,
  findService,
  listServices,
  loadAttributes,
  serviceNode,
  serviceNotice,
} from './services.js';

const FORMATS: readonly Format[] = ['xml', 'json'];
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The checked form of a POST, kept from preValidation to the handler. */
const postedFields = new WeakMap<FastifyRequest, Fields>();

function presentedKey(req: FastifyRequest, fields: Fields): string | null {
  const fromForm = single(fields, 'api_key').value?.trim();
  if (fromForm) return fromForm;
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+\S/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  return null;
}

export function open311Routes(ctx: ServiceContext) {
  return async (root: FastifyInstance) => {
    await root.register(
      async (app) => {
        app.removeContentTypeParser(FORM_TYPE);
        app.addContentTypeParser(FORM_TYPE, { parseAs: 'buffer' }, (_req, body, done) => {
          try {
            done(null, parseForm(body as Buffer));
          } catch (err) {
            done(err as Error);
          }
        });

        app.setErrorHandler((err, req, reply) => {
          const e = toOpen311Error(err, req.lang ?? 'zh');
          if (e.problems.some((p) => p.code === 500)) {
            req.log.error({ err }, 'open311 request failed');
            // Keep an idempotency claim (if intake committed) unanswered, so a retry finds the ticket.
            req.idempotency = null;
          }
          return sendOpen311Error(req, reply, e, formatOfUrl(req.url));
        });
        const notFound = async (req: FastifyRequest, reply: FastifyReply) =>
          sendOpen311Error(
            req,
            reply,
            new Open311Error([problem(404, 'resource_unknown', { value: req.url.split('?')[0] ?? '' })]),
            formatOfUrl(req.url),
          );
        app.setNotFoundHandler(notFound);
        // The web app's catch-all GET would otherwise answer unknown /open311 paths with the JSON API's 404.
        app.all('/', { schema: { hide: true } }, notFound);
        app.all('/*', { schema: { hide: true } }, notFound);
        // A replayed idempotent answer is re-sent from storage (jsonb, which sorts keys): give it back
        // its content type and, for JSON, the field order of the first answer.
        app.addHook('onSend', async (req, reply, payload) => {
          if (reply.getHeader('idempotent-replayed') !== 'true') return payload;
          const format = formatOfUrl(req.url);
          reply.header('content-type', CONTENT_TYPES[format]);
          return format === 'json' && typeof payload === 'string' ? reorderJson(payload) : payload;
        });

        const checkJurisdiction = (fields: Fields): void => {
          const { value } = single(fields, 'jurisdiction_id');
          if (value !== null && value.trim().toLowerCase() !== ctx.config.jurisdictionId.toLowerCase()) {
            fail(404, 'jurisdiction_unknown', { value: value.trim(), expected: ctx.config.jurisdictionId });
          }
        };
        const query = (req: FastifyRequest): Fields => {
          const fields = fieldsOfQuery(req.query);
          checkJurisdiction(fields);
          return fields;
        };
        const formatOf = (file: string): { name: string; format: Format } => {
          const split = splitFormat(file);
          if (!split) fail(404, 'resource_unknown', { value: file });
          return split;
        };
        const tags = ['open311'];

        for (const format of FORMATS) {
          for (const path of [`/discovery.${format}`, `/v2/discovery.${format}`]) {
            app.get(path, { schema: { tags, summary: 'Open311 服务发现 discovery' } }, async (req, reply) => {
              query(req);
              return send(reply, format, 'discovery', discoveryNode(ctx.config));
            });
          }

          app.get(
            `/v2/services.${format}`,
            { schema: { tags, summary: 'Open311 服务列表 services' } },
            async (req, reply) => {
              query(req);
              const ref = await ctx.reference.get();
              const withAttributes = await categoriesWithAttributes(ctx);
              const services = listServices(ref).map((s) =>
                serviceNode(s, withAttributes.has(s.category.id), ctx.config.open311Mode),
              );
              return send(reply, format, 'services', list('service', services));
            },
          );

          app.post(
            `/v2/requests.${format}`,
            {
              schema: { tags, summary: 'Open311 提交诉求 POST request (form, api_key)' },
              config: { idempotency: 'transactional', rateLimit: { max: 60, timeWindow: '1 minute' } },
              preValidation: async (req) => {
                // The key decides the idempotency scope, so it is resolved before the idempotency hook runs.
                let body: Fields = Object.create(null) as Fields;
                if (req.body !== undefined && req.body !== null) {
                  const type = String(req.headers['content-type'] ?? '');
                  if (!type.toLowerCase().startsWith(FORM_TYPE)) fail(400, 'content_type', {}, 415);
                  body = req.body as Fields;
                }
                const fields = mergeFields(body, fieldsOfQuery(req.query));
                const key = presentedKey(req, fields);
                if (!key) fail(403, 'api_key_missing');
                const principal = await resolveApiKey(ctx, key);
                if (!principal) fail(403, 'api_key_invalid');
                if (!principal.scopes.includes('open311')) fail(403, 'api_key_scope');
                req.principal = principal;
                postedFields.set(req, fields);
              },
            },
            async (req, reply) => postRequest(req, reply, format),
          );

          app.get(
            `/v2/requests.${format}`,
            { schema: { tags, summary: 'Open311 查询诉求 GET requests' } },
            async (req, reply) => {
              const fields = query(req);
              const ref = await ctx.reference.get();
              const rows = await findRequests(ctx, readRequestQuery(fields, ref, ctx.clock()));
              const merged = await mergeTargets(ctx, rows);
              const nodes = rows.map((t) =>
                requestNode(
                  ref,
                  t,
                  t.merged_into_id === null ? null : (merged.get(t.merged_into_id) ?? null),
                ),
              );
              return send(reply, format, 'service_requests', list('request', nodes));
            },
          );

          app.get(
            `/v2/servicerequestupdates.${format}`,
            { schema: { tags, summary: 'Open311 诉求进展 service request updates (mySociety extension)' } },
            async (req, reply) => {
              const fields = query(req);
              const problems: Parameters<typeof readWindow>[2] = [];
              const window = readWindow(fields, ctx.clock(), problems);
              throwIfAny(problems);
              if (!window) throw new Error('unreachable: window problems were thrown');
              const ids = (fields.service_request_id ?? [])
                .flatMap((v) => v.split(','))
                .map((s) => s.trim().toUpperCase())
                .filter(Boolean);
              const events = await findUpdates(ctx, window, ids.length ? ids : null);
              return send(
                reply,
                format,
                'service_request_updates',
                list('request_update', events.map(updateNode)),
              );
            },
          );
        }

        app.get<{ Params: { file: string } }>(
          '/v2/services/:file',
          { schema: { tags, summary: 'Open311 服务定义 service definition ({code}.xml|json)' } },
          async (req, reply) => {
            const { name, format } = formatOf(req.params.file);
            query(req);
            const ref = await ctx.reference.get();
            const service = findService(ref, name);
            if (!service) fail(404, 'service_unknown', { value: name });
            const attributes = await loadAttributes(ctx, service.category.id);
            return send(
              reply,
              format,
              'service_definition',
              definitionNode(service.category.code, attributes),
            );
          },
        );

        // `requests/{id}` is the spec; `request/{id}` is how the published swagger.json spells it.
        for (const base of ['/v2/requests/:file', '/v2/request/:file']) {
          app.get<{ Params: { file: string } }>(
            base,
            { schema: { tags, summary: 'Open311 单个诉求 GET request ({id}.xml|json)' } },
            async (req, reply) => {
              const { name, format } = formatOf(req.params.file);
              query(req);
              const ref = await ctx.reference.get();
              const t = await findRequestByNumber(ctx, name);
              if (!t) fail(404, 'request_unknown', { value: name });
              const merged = await mergeTargets(ctx, [t]);
              const node = requestNode(
                ref,
                t,
                t.merged_into_id === null ? null : (merged.get(t.merged_into_id) ?? null),
              );
              return send(reply, format, 'service_requests', list('request', [node]));
            },
          );
        }

        app.get<{ Params: { file: string } }>(
          '/v2/tokens/:file',
          { schema: { tags, summary: 'Open311 令牌查询 GET service_request_id from a token' } },
          async (req, reply) => {
            const { name, format } = formatOf(req.params.file);
            query(req);
            const row = /^[0-9a-f]{24}$/.test(name)
              ? await ctx.db
                  .selectFrom('open311_requests as o')
                  .innerJoin('tickets as t', 't.id', 'o.ticket_id')
                  .select(['o.token', 't.number'])
                  .where('o.token', '=', name)
                  .executeTakeFirst()
              : undefined;
            if (!row) fail(404, 'token_unknown', { value: name });
            const node: NodeObject = { service_request_id: row.number, token: name };
            return send(reply, format, 'service_requests', list('request', [node]));
          },
        );

        async function postRequest(
          req: FastifyRequest,
          reply: FastifyReply,
          format: Format,
        ): Promise<FastifyReply> {
          const fields = postedFields.get(req) ?? (Object.create(null) as Fields);
          checkJurisdiction(fields);
          const ref = await ctx.reference.get();
          const batch = ctx.config.open311Mode === 'batch';
          const answer = (
            number: string,
            token: string | null,
            categoryId: number | null,
            accountId: string | null,
          ) => {
            const category = categoryId === null ? null : ref.categories.get(categoryId);
            const node: NodeObject = batch && token ? { token } : { service_request_id: number };
            node.service_notice = serviceNotice(ref, category);
            node.account_id = accountId;
            return send(reply, format, 'service_requests', list('request', [node]));
          };
          if (req.idempotentResource) {
            // A retry after a crash between commit and answer: the ticket exists, answer for it.
            const t = await findTicket(ctx.db, req.idempotentResource.resourceId);
            if (t) {
              const email = single(fields, 'email').value;
              const side = await ensureOpen311Row(ctx, t, {
                apiKeyId: req.principal.apiKeyId,
                serviceCode: single(fields, 'service_code').value?.trim() ?? '',
                batch,
                accountId: single(fields, 'account_id').value?.trim() ?? null,
                deviceId: single(fields, 'device_id').value?.trim() ?? null,
                email: email?.trim() ?? null,
              });
              return answer(t.number, side.token, t.category_id, side.accountId);
            }
          }
          const r = await readNewRequest(ctx, ref, fields);
          const created = await createRequest(ctx, r, {
            principal: req.principal,
            idempotency: req.idempotency,
          });
          return answer(created.ticket.number, created.token, created.ticket.category_id, created.accountId);
        }
      },
      { prefix: '/open311' },
    );
  };
}
