#!/usr/bin/env node
/**
 * Open311 smoke test 冒烟测试: a standalone GeoReport v2 client (Node 20, no
 * dependencies) that exercises a running jiesu server over real HTTP the way
 * a third-party app would — list services, read a definition, post a request
 * with attributes, find it by id and by filters, follow its updates — and
 * checks the spec's errors for a bad key, a missing id and bad parameters.
 *
 *   node scripts/open311-smoke.mjs http://localhost:3000 jsk_xxxxxxxxxxxx_yyyy…
 *
 * It files one real ticket (service chosen from the list, description marked
 * as a test). Exit code 0 when every check passes.
 */

const [base = 'http://localhost:3000', apiKey = process.env.JIESU_OPEN311_KEY ?? ''] = process.argv.slice(2);
const root = `${base.replace(/\/+$/, '')}/open311/v2`;
const XML_TYPE = 'text/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
let failures = 0;

function check(ok, what, detail = '') {
  if (ok) console.log(`  ✓ ${what}`);
  else {
    failures += 1;
    console.log(`  ✗ ${what}${detail ? ` — ${detail}` : ''}`);
  }
  return ok;
}

async function call(path, init = {}) {
  const res = await fetch(`${root}/${path}`, init);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let json = null;
  if (type.startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, type, text, json };
}

function isErrorList(r, status) {
  return (
    r.status === status &&
    Array.isArray(r.json) &&
    r.json.length > 0 &&
    r.json.every((e) => typeof e.code === 'number' && typeof e.description === 'string')
  );
}

/** A plausible answer for each attribute the service asks for. */
function answers(attributes) {
  const pairs = [];
  for (const a of attributes) {
    if (!a.variable) continue;
    const name = `attribute[${a.code}]`;
    switch (a.datatype) {
      case 'number':
        pairs.push([name, '2']);
        break;
      case 'datetime':
        pairs.push([name, new Date().toISOString()]);
        break;
      case 'text':
        pairs.push([name, '冒烟测试：第一行\n第二行']);
        break;
      case 'singlevaluelist':
        if (a.values?.[0]) pairs.push([name, a.values[0].key]);
        break;
      case 'multivaluelist':
        for (const v of (a.values ?? []).slice(0, 2)) pairs.push([`${name}[]`, v.key]);
        break;
      default:
        pairs.push([name, '冒烟测试']);
    }
  }
  return pairs;
}

/** Form body with raw bracket names (as in the spec's example) and UTF-8 percent-encoded values. */
function form(pairs) {
  return pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

async function main() {
  console.log(`Open311 smoke test against ${root}`);
  if (!apiKey) {
    console.log('usage: node scripts/open311-smoke.mjs <base-url> <api_key with scope open311>');
    process.exit(2);
  }

  const discovery = await call('discovery.json');
  check(discovery.status === 200 && Array.isArray(discovery.json?.endpoints), 'discovery.json');

  const servicesXml = await call('services.xml');
  check(
    servicesXml.type === XML_TYPE && servicesXml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>'),
    'services.xml is XML with the declaration',
    servicesXml.type,
  );
  const services = await call('services.json');
  check(
    services.type === JSON_TYPE && Array.isArray(services.json) && services.json.length > 0,
    'services.json lists services',
  );
  const service = services.json.find((s) => s.metadata) ?? services.json[0];
  console.log(`    using service ${service.service_code} (${service.service_name}, group ${service.group})`);

  const definition = await call(`services/${encodeURIComponent(service.service_code)}.json`);
  check(definition.status === 200 && Array.isArray(definition.json?.attributes), 'service definition');
  const description = `【冒烟测试，请忽略】Open311 客户端测试：路灯不亮 ${new Date().toISOString()}`;
  const posted = await call('requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: form([
      ['api_key', apiKey],
      ['service_code', service.service_code],
      ['address_string', '怀柔区泉河街道（冒烟测试）'],
      ['description', description],
      ...answers(definition.json.attributes),
    ]),
  });
  check(posted.status === 200, 'POST requests.json', posted.text.slice(0, 300));
  let id = posted.json?.[0]?.service_request_id;
  const token = posted.json?.[0]?.token;
  if (!id && token) {
    const resolved = await call(`tokens/${encodeURIComponent(token)}.json`);
    check(resolved.status === 200, 'token resolves');
    id = resolved.json?.[0]?.service_request_id;
  }
  if (!check(typeof id === 'string' && id.length > 0, `request id ${id}`)) return;

  const one = await call(`requests/${encodeURIComponent(id)}.json`);
  const request = one.json?.[0];
  check(one.status === 200 && request?.service_request_id === id, 'GET requests/{id}.json');
  check(request?.description === description, 'Chinese description round-trips', request?.description);
  check(
    request?.status === 'open' && /\+08:00$|Z$/.test(request?.requested_datetime ?? ''),
    'status and datetime',
  );
  const oneXml = await call(`requests/${encodeURIComponent(id)}.xml`);
  check(
    oneXml.type === XML_TYPE &&
      oneXml.text.includes('<service_requests>') &&
      oneXml.text.includes(`<service_request_id>${id}</service_request_id>`),
    'GET requests/{id}.xml',
  );

  const byId = await call(`requests.json?service_request_id=${encodeURIComponent(id)}`);
  check(
    byId.json?.some((r) => r.service_request_id === id),
    'found by service_request_id',
  );
  const byFilter = await call(
    `requests.json?service_code=${encodeURIComponent(service.service_code)}&status=open`,
  );
  check(
    byFilter.json?.some((r) => r.service_request_id === id),
    'found by service_code + status filter',
  );

  const since = new Date(new Date(request.requested_datetime).getTime() - 1000).toISOString();
  const updates = await call(`servicerequestupdates.json?start_date=${encodeURIComponent(since)}`);
  check(
    updates.json?.some((u) => u.service_request_id === id && u.status === 'OPEN'),
    'servicerequestupdates shows it',
  );

  const badKey = await call('requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form([
      ['api_key', 'not-a-key'],
      ['service_code', service.service_code],
      ['address_string', '怀柔'],
    ]),
  });
  check(isErrorList(badKey, 403), 'bad api_key → 403 error list');
  const missing = await call('requests/HR00010100000.json');
  check(isErrorList(missing, 404), 'missing request → 404 error list');
  const missingXml = await call('requests/HR00010100000.xml');
  check(
    missingXml.status === 404 && missingXml.text.includes('<errors>'),
    'missing request → 404 <errors> in XML',
  );
  const badParams = await call('requests.json?status=pending&start_date=tomorrow');
  check(
    isErrorList(badParams, 400) && badParams.json.length === 2,
    'bad parameters → 400 with one error each',
  );
}

main()
  .catch((err) => {
    failures += 1;
    console.log(`  ✗ ${err instanceof Error ? err.message : String(err)}`);
  })
  .finally(() => {
    console.log(failures === 0 ? 'all Open311 checks passed' : `${failures} Open311 check(s) failed`);
    process.exitCode = failures === 0 ? 0 : 1;
  });
