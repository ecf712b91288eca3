// End-to-end harness: the real server on a fresh embedded database, Debian's Chromium through playwright-core,
// and axe-core for WCAG 2.1 AA on every page a journey visits.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openPglite, type Database } from '../src/platform/db/client.ts';
import { startServer } from '../src/main.ts';
import { seedAll, DEMO_PASSWORD, demoUsers } from '../src/modules/index.ts';
import { systemContext } from '../src/platform/context.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export { DEMO_PASSWORD };
export const demoEmail = (role: 'administrator' | 'policy_advisor' | 'partner_staff' | 'social_broker' | 'contract_manager' | 'resident' | 'volunteer' | 'auditor') =>
  demoUsers.find((u) => u.roles.includes(role))!.email;

export interface Harness {
  baseUrl: string;
  database: Database;
  browser: Browser;
  /**
   * The server's clock (every request's ctx.now()): real time moved by a number of days, to see deadlines pass
   * without dating records in the past. `advanceDays(0)` returns to real time.
   */
  clock: { advanceDays(days: number): void; now(): Date };
  /** A fresh browser context (own cookies); javaScriptEnabled false to prove a page works without JS. */
  context(opts?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startHarness(opts: { demoScale?: number } = {}): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, TENANT: 'GM0392', PUBLIC_URL: 'http://127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'error' } as NodeJS.ProcessEnv);
  const database = await openPglite(dataDir);
  await database.migrate();
  await seedAll(systemContext(database.db, config.TENANT), { demo: true, scale: opts.demoScale ?? 1 });
  let offsetMs = 0;
  const clock = { advanceDays: (days: number) => void (offsetMs = days * 86_400_000), now: () => new Date(Date.now() + offsetMs) };
  const { server, port, worker } = await startServer(config, database, { clock: clock.now });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    database,
    browser,
    clock,
    context: async (o = {}) => {
      const ctx = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: o.javaScriptEnabled ?? true, locale: 'nl-NL' });
      if (o.javaScriptEnabled === false) noJsContexts.add(ctx);
      return ctx;
    },
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(() => r(undefined)));
      await worker.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The harness of one test file: started before its tests (the demo seeded, the server and Chromium running) and
 * closed after them. The object answers for the running harness, so a file writes `const h = useHarness();` once.
 */
export function useHarness(opts: { demoScale?: number } = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(opts);
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): Harness => {
    if (!started) throw new Error('the e2e harness has not started (use it inside a test or a later hook)');
    return started;
  };
  return {
    get baseUrl() {
      return running().baseUrl;
    },
    get database() {
      return running().database;
    },
    get browser() {
      return running().browser;
    },
    get clock() {
      return running().clock;
    },
    context: (o) => running().context(o),
    close: () => running().close(),
  };
}

/** Clicks the (first) button with exactly this name and waits for the page it leads to. */
export async function submitAndWait(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).first().click();
  await page.waitForLoadState('load');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; returns the violations. Works with JavaScript disabled too. */
const runAxe = `(async () => {
  ${axeSource}
  const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
})()`;

const checkers = new WeakMap<Browser, Promise<Page>>();
const noJsContexts = new WeakSet<BrowserContext>();

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!noJsContexts.has(page.context())) return (await page.evaluate(runAxe)) as AxeViolation[];
  // axe needs timers, which a page without JavaScript does not run. Check the very same HTML, as served
  // and unchanged by any script, in a JavaScript-enabled page on the same origin (so the stylesheet applies).
  const browser = page.context().browser()!;
  if (!checkers.has(browser)) checkers.set(browser, browser.newContext().then((c) => c.newPage()));
  const checker = await checkers.get(browser)!;
  const html = await page.content();
  await checker.goto(new URL('/bare', page.url()).toString());
  await checker.setContent(html, { waitUntil: 'load' });
  return (await checker.evaluate(runAxe)) as AxeViolation[];
}

/** Asserts zero WCAG 2.1 AA violations on the current page, with a readable failure. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe-core violations on ${page.url()}:\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** Goes to a path, checks the status and accessibility. */
/** Checks the page with axe at 1280 px and again at 390 px, where the page itself does not scroll sideways. */
export async function expectAccessibleAtBothWidths(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal scroll at 390 px on ${page.url()}`).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 900 });
}

export async function visit(page: Page, pathname: string, status = 200): Promise<void> {
  const res = await page.goto(pathname);
  expect(res?.status(), `status of ${pathname}`).toBe(status);
  await expectAccessible(page);
}

/**
 * Uploads a file on an import form (field "Bestand", button "Inlezen"), checks the job's result page, then follows
 * its refresh link (as someone without JavaScript would) until the import has finished; returns the page's text.
 */
export async function uploadAndWait(page: Page, opts: { form: string; file: string; refreshLink: string }): Promise<string> {
  await visit(page, opts.form);
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(opts.file);
  await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
  await page.waitForLoadState('load');
  expect(page.url()).toMatch(new RegExp(`${opts.form}/[0-9a-f-]{36}$`));
  await expectAccessible(page);
  for (let i = 0; i < 60; i++) {
    const main = (await page.textContent('main')) ?? '';
    if (!main.includes(opts.refreshLink)) return main;
    await page.waitForTimeout(500);
    await page.getByRole('link', { name: opts.refreshLink }).click();
    await page.waitForLoadState('load');
  }
  throw new Error(`import on ${opts.form} did not finish`);
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('load');
  expect(page.url()).not.toContain('/inloggen');
}
