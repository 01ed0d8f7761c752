/**
 * End-to-end harness: the real server (buildServer + listen on a free port)
 * on a fresh test database, the built web app, users of every role, and
 * Debian's Chromium driven by playwright-core (never a downloaded browser).
 * Without /usr/bin/chromium the suites skip with a message, unless
 * JIESU_REQUIRE_BROWSER=1 (CI), where that is a failure.
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../../../src/domain/vocabulary.js';
import { buildServer } from '../../../src/http/server.js';
import { createUser } from '../../../src/services/auth/create-user.js';
import type { ServiceContext } from '../../../src/services/context.js';
import { openTestRuntime, type TestRuntime } from '../../support/runtime.js';

export const CHROMIUM = process.env.JIESU_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
export const PASSWORD = 'Jiesu-e2e-2024';

/** true when the browser suites can run; throws when CI requires a browser that is missing */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) to run the browser tests`;
  if (process.env.JIESU_REQUIRE_BROWSER === '1') throw new Error(message);
  console.warn(`[e2e] skipped: ${message}`);
  return false;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsFresh(): boolean {
  const index = join('web', 'dist', 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(join('web', 'src')),
    statSync(join('web', 'vite.config.ts')).mtimeMs,
    statSync(join('web', 'index.html')).mtimeMs,
  );
  return statSync(index).mtimeMs >= sources;
}

/**
 * Builds web/dist when it is missing or older than the sources. Test files
 * run in parallel workers, so one builds under a lock directory and the
 * others wait for it.
 */
export async function ensureWebBuild(): Promise<void> {
  const lock = join('web', '.build-lock');
  for (let waited = 0; waited < 180_000; waited += 250) {
    if (buildIsFresh()) return;
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!buildIsFresh()) {
        const { build } = await import('vite');
        // Vitest runs with NODE_ENV=test, which Vite would bake into the bundle (React's development
        // build, ~60 KB more): build what `npm run build` ships, so the browser tests and the
        // first-load budget see the real thing.
        const nodeEnv = process.env.NODE_ENV;
        process.env.NODE_ENV = 'production';
        try {
          await build({ configFile: join('web', 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
        } finally {
          if (nodeEnv === undefined) delete process.env.NODE_ENV;
          else process.env.NODE_ENV = nodeEnv;
        }
      }
      return;
    } finally {
      rmdirSync(lock);
    }
  }
  throw new Error('timed out waiting for the web build (stale web/.build-lock?)');
}

export interface E2E {
  runtime: TestRuntime;
  ctx: ServiceContext;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  users: Record<string, { username: string; id: number }>;
  /** a browser context (own cookies) at the app, Chinese unless told */
  context(o?: { lang?: 'zh' | 'en'; phone?: boolean }): Promise<BrowserContext>;
  /** on the sign-in page a protected page redirected to: signs in and waits to be sent back */
  signIn(page: Page, user: string): Promise<void>;
  /** a new context signed in as `user` at `path`, and the headers its API calls need (the CSRF double submit) */
  session(user: string, path?: string): Promise<{ page: Page; headers: Record<string, string> }>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export interface UserSpec {
  role: Role;
  unitCode?: string;
}

const realClock = {
  now: () => new Date(),
  set: () => {},
  advance: () => {},
};

export async function startE2E(userSpecs: Record<string, UserSpec>): Promise<E2E> {
  await ensureWebBuild();
  const runtime = await openTestRuntime({ clock: realClock });
  const { ctx } = runtime;
  const app = await buildServer(ctx, { logger: false, rateLimit: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const users: E2E['users'] = {};
  for (const [name, spec] of Object.entries(userSpecs)) {
    const username = `e2e-${name}-${process.pid}`;
    const u = await createUser(ctx, {
      username,
      password: PASSWORD,
      role: spec.role,
      unitCode: spec.unitCode,
      displayName: `${name}`,
    });
    users[name] = { username, id: u.id };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const harness: E2E = {
    runtime,
    ctx,
    app,
    baseUrl,
    browser,
    users,
    context: async (o = {}) => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: o.lang === 'en' ? 'en-GB' : 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: o.phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
        deviceScaleFactor: 1,
        isMobile: o.phone ?? false,
        hasTouch: o.phone ?? false,
      });
      context.setDefaultTimeout(15_000);
      if (o.lang === 'en')
        await context.addInitScript({ content: "localStorage.setItem('jiesu.lang', 'en')" });
      return context;
    },
    signIn: async (page, user) => {
      const u = users[user];
      if (!u) throw new Error(`no e2e user ${user}`);
      // staff pages send a signed-out visitor to /login?next=… once the app has asked who is signed in
      await page.waitForURL((url) => url.pathname === '/login');
      await page.locator('input[name=username]').fill(u.username);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
    session: async (user, path = '/login') => {
      const context = await harness.context();
      const page = await context.newPage();
      await page.goto(path);
      await harness.signIn(page, user);
      const csrf = (await context.cookies()).find((c) => c.name === 'jiesu_csrf')?.value ?? '';
      return { page, headers: { 'x-csrf-token': csrf } };
    },
    shot: async (page, name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await browser.close();
      await app.close();
      await runtime.close();
    },
  };
  return harness;
}

/** Ticket id by number, straight from the database (the test's own view of the truth). */
export async function ticketByNumber(ctx: ServiceContext, number: string) {
  return ctx.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
}

/* Waiting assertions (playwright-core has no expect of its own; vitest's expect.poll retries). */
const POLL = { timeout: 15_000, interval: 100 };

export async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: POLL.timeout });
}

export async function hasText(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.first().textContent())?.trim(), POLL).toBe(text);
}

export async function containsText(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.first().textContent()) ?? '', POLL).toContain(text);
}

export async function hasCount(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count(), POLL).toBe(n);
}
