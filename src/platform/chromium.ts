// Chromium (CHROMIUM_PATH, driven by playwright-core) for printing HTML to PDF and drawing SVG as PNG. One browser
// per process is started on first use and kept while work comes in: starting Chromium takes a second or more, a
// fresh browser context per call takes milliseconds. Every call gets its own context (no cookies, storage or pages
// shared between calls), closed afterwards. The browser closes itself after IDLE_MS without work; a command that
// ends (the CLI, a benchmark) calls closeChromium so it need not wait for that.
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { loadConfig } from '../config.ts';

const IDLE_MS = 60_000;

let shared: { browser: Promise<Browser>; busy: number; idle?: NodeJS.Timeout } | null = null;

function launch(): NonNullable<typeof shared> {
  const s: NonNullable<typeof shared> = {
    busy: 0,
    browser: import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: loadConfig().CHROMIUM_PATH, args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--font-render-hinting=none'] }),
    ),
  };
  s.browser.then(
    (b) => b.on('disconnected', () => shared === s && (shared = null)),
    () => shared === s && (shared = null), // a failed start is not kept: the next call tries again
  );
  return s;
}

/** Runs fn with a fresh browser context of the process's Chromium (started when needed). */
export async function withChromium<T>(fn: (context: BrowserContext) => Promise<T>, options: BrowserContextOptions = {}): Promise<T> {
  const s = (shared ??= launch());
  clearTimeout(s.idle);
  s.busy++;
  try {
    const context = await (await s.browser).newContext(options);
    try {
      return await fn(context);
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    if (--s.busy === 0) s.idle = setTimeout(() => shared === s && closeChromium(), IDLE_MS).unref();
  }
}

/** Closes the process's Chromium, if it runs. */
export async function closeChromium(): Promise<void> {
  const s = shared;
  shared = null;
  if (!s) return;
  clearTimeout(s.idle);
  await s.browser.then((b) => b.close()).catch(() => undefined);
}
