/**
 * Service discovery 服务发现 (`discovery.{xml,json}`): where the GeoReport v2
 * endpoint lives, which formats it speaks, how to get a key. The
 * servicerequestupdates extension is announced as a second endpoint whose
 * `specification` names mySociety's proposal, so plain GeoReport clients —
 * which pick the endpoint by specification — are not confused by it.
 */
import type { Config } from '../config.js';
import { CONTENT_TYPES, list, type NodeObject } from './format.js';

/**
 * When this document or the set of resources last changed. Sortable, as
 * discovery requires; bump it with any change to the endpoints served.
 */
export const DISCOVERY_CHANGESET = '2026-11-27T01:00:00+08:00';

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';
export const UPDATES_EXTENSION =
  'https://github.com/mysociety/fixmystreet/wiki/Open311-FMS---Proposed-differences-to-Open311';

export function baseUrl(config: Config): string {
  return `${config.publicUrl.replace(/\/+$/, '')}/open311/v2`;
}

export function discoveryNode(config: Config): NodeObject {
  const formats = list('format', [CONTENT_TYPES.xml.split(';')[0] ?? 'text/xml', 'application/json']);
  const endpoint = (specification: string): NodeObject => ({
    specification,
    url: baseUrl(config),
    changeset: DISCOVERY_CHANGESET,
    type: 'production',
    formats,
  });
  return {
    changeset: DISCOVERY_CHANGESET,
    contact: `怀柔区12345市民服务热线（电话 12345）。接口说明：${config.publicUrl.replace(/\/+$/, '')}/docs`,
    key_service: `API 密钥（权限范围 open311）由平台管理员签发，请联系怀柔区12345热线中心申请。jurisdiction_id：${config.jurisdictionId}`,
    endpoints: list('endpoint', [endpoint(GEOREPORT_V2), endpoint(UPDATES_EXTENSION)]),
  };
}
