/**
 * 限流 Rate limits of the routes worth guessing or flooding: sign-in,
 * password change, intake (staff, public and Open311) and tracking. Each
 * has a limit per client address and, where there is one, per account
 * (the username being tried, the signed-in user, the API key, the phone
 * number a citizen files under), so that neither many addresses against
 * one account nor one address against many accounts gets far.
 *
 * Configured by JIESU_RATE_LIMITS, a comma list of `name=max/window`
 * (`signin.account=5/15m,intake.ip=600/1m`) over the defaults below, or
 * `off` (benchmarks, a trusted network). Counters live in each process:
 * with N processes behind a proxy the effective limit is up to N times
 * higher; the account lockout after failed sign-ins is in the database and
 * holds across processes.
 */
import { AppError } from '../domain/errors.js';

export const LIMIT_NAMES = [
  'signin.ip',
  'signin.account',
  'password.ip',
  'password.account',
  'intake.ip',
  'intake.account',
  'public.ip',
  'public.phone',
  'open311.ip',
  'open311.account',
  'track.ip',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  enabled: boolean;
  limits: Record<LimitName, Limit>;
}

const MINUTE = 60_000;

export const DEFAULT_LIMITS: Record<LimitName, Limit> = {
  'signin.ip': { max: 20, windowMs: MINUTE },
  'signin.account': { max: 10, windowMs: 15 * MINUTE },
  'password.ip': { max: 10, windowMs: MINUTE },
  'password.account': { max: 5, windowMs: 15 * MINUTE },
  // A call centre's agents often share one public address: the address limit is generous,
  // the per-agent one is what a person typing can reach.
  'intake.ip': { max: 1200, windowMs: MINUTE },
  'intake.account': { max: 120, windowMs: MINUTE },
  'public.ip': { max: 30, windowMs: MINUTE },
  'public.phone': { max: 10, windowMs: 60 * MINUTE },
  'open311.ip': { max: 60, windowMs: MINUTE },
  'open311.account': { max: 600, windowMs: MINUTE },
  'track.ip': { max: 30, windowMs: MINUTE },
};

export const RATE_LIMITS_OFF: RateLimits = { enabled: false, limits: DEFAULT_LIMITS };

const UNITS: Record<string, number> = { s: 1000, m: MINUTE, h: 60 * MINUTE };

function isLimitName(name: string): name is LimitName {
  return (LIMIT_NAMES as readonly string[]).includes(name);
}

function invalid(reason: string): AppError {
  return new AppError('RATE_LIMIT_CONFIG_INVALID', { reason });
}

/** Parses JIESU_RATE_LIMITS; an unknown name or a malformed value stops the server rather than being ignored. */
export function parseRateLimits(text: string | undefined): RateLimits {
  const value = text?.trim() ?? '';
  if (value === 'off') return RATE_LIMITS_OFF;
  const limits = { ...DEFAULT_LIMITS };
  if (value === '') return { enabled: true, limits };
  for (const part of value.split(',')) {
    const [name = '', spec = ''] = part.split('=').map((s) => s.trim());
    if (!isLimitName(name)) throw invalid(`unknown limit "${name}" (known: ${LIMIT_NAMES.join(', ')})`);
    const m = /^(\d+)\/(\d*)([smh])$/.exec(spec);
    if (!m) throw invalid(`"${part}" is not name=max/window, e.g. signin.ip=20/1m`);
    const max = Number(m[1]);
    const windowMs = Number(m[2] || '1') * (UNITS[m[3] ?? 'm'] ?? MINUTE);
    if (max < 1 || windowMs < 1000) throw invalid(`"${part}" needs max ≥ 1 and a window ≥ 1s`);
    limits[name] = { max, windowMs };
  }
  return { enabled: true, limits };
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  return parseRateLimits(env.JIESU_RATE_LIMITS);
}

/** Which limits a route has: one per address, and optionally one per account. */
export interface RoutePlan {
  ip: LimitName;
  account?: LimitName;
}

const OPEN311_POST = /^\/open311\/v2\/requests\.(?:xml|json)$/;

export function planFor(method: string, url: string): RoutePlan | null {
  if (method !== 'POST') return null;
  if (url === '/api/auth/login') return { ip: 'signin.ip', account: 'signin.account' };
  if (url === '/api/auth/password') return { ip: 'password.ip', account: 'password.account' };
  if (url === '/api/tickets') return { ip: 'intake.ip', account: 'intake.account' };
  if (url === '/api/public/tickets') return { ip: 'public.ip', account: 'public.phone' };
  if (url === '/api/public/track') return { ip: 'track.ip' };
  if (OPEN311_POST.test(url)) return { ip: 'open311.ip', account: 'open311.account' };
  return null;
}

/**
 * Which proxies may tell the client's address in X-Forwarded-For
 * (JIESU_TRUST_PROXY): by default only one on the same machine, since a
 * client that could set the header itself would choose its own address and
 * walk past every per-address limit. `true` (any: only behind a proxy that
 * overwrites the header), or addresses and subnets
 * (`10.0.0.0/8,192.168.1.10`) of proxies elsewhere.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | string {
  const value = env.JIESU_TRUST_PROXY?.trim() ?? '';
  if (value === '') return 'loopback';
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
