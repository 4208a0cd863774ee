// tests/e2e/harness.mjs: what the end-to-end tests share.
//
// - `startStore()` serves www/ with the demo's own static server (.ci/serve.mjs) on a free port
//   and launches Debian's Chromium through playwright-core.
// - `openPage()` opens a page that records everything that must not happen: CSP violations
//   (`securitypolicyviolation` events, recorded by an init script, which CSP does not govern),
//   console errors, uncaught page errors and dialogs (an `alert` from a hostile title would be
//   one). `assertClean(page)` fails the test if any was recorded.
// - `axeScan()` runs axe-core on a page opened in a separate context with CSP bypassed (axe is
//   injected as a script tag, which the pages' CSP rightly refuses).
// - `shoot()` saves a screenshot into www/screenshots/ (the README shows them).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startServer } from '../../.ci/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const WWW = join(ROOT, 'www');
export const SHOTS = join(WWW, 'screenshots');
const require = createRequire(import.meta.url);
export const AXE = require.resolve('axe-core/axe.min.js');

/** The shipped policy document: the module's messages are its `messages`. */
export const POLICY = JSON.parse(readFileSync(join(ROOT, 'src', 'policy', 'after-sales.policy.json'), 'utf8'));

/** The policy's message `key` in `lang`, as the module gives it. */
export function policyMessage(key, lang = 'en') {
  const text = POLICY.messages?.[key]?.[lang];
  assert.ok(typeof text === 'string' && text.length > 0, `the policy has a message ${key} in ${lang}`);
  return text;
}

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--force-color-profile=srgb', '--disable-partial-raster', '--disable-checker-imaging', '--run-all-compositor-stages-before-draw'];

/** Serves www/ and starts Chromium; `stop()` ends both. */
export async function startStore() {
  const { server, url } = await startServer(WWW, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    url,
    browser,
    async stop() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A new context and page that record CSP violations, console errors, page errors and dialogs.
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions & { lang?: string, clock?: Date }} [options]
 */
export async function openPage(browser, options = {}) {
  const { lang, clock, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'en-US', ...contextOptions });
  const page = await context.newPage();
  const record = { console: [], errors: [], dialogs: [] };
  await context.addInitScript((language) => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
    });
    if (language) window.localStorage.setItem('kaimono-demo-lang', language);
  }, lang ?? null);
  page.on('console', (m) => {
    if (m.type() === 'error') record.console.push(m.text());
  });
  page.on('pageerror', (e) => record.errors.push(String(e)));
  page.on('dialog', (d) => {
    record.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  if (clock) await page.clock.install({ time: clock });
  page.record = record;
  page.closeAll = () => context.close();
  return page;
}

/** The CSP violations the page has seen so far. */
export function cspViolations(page) {
  return page.evaluate(() => window.__csp ?? []);
}

/** Fails unless the page saw no CSP violation, console error, page error or dialog. */
export async function assertClean(page) {
  assert.deepEqual(await cspViolations(page), [], 'CSP violations');
  assert.deepEqual(page.record.console, [], 'console errors');
  assert.deepEqual(page.record.errors, [], 'page errors');
  assert.deepEqual(page.record.dialogs, [], 'dialogs');
}

/** Waits until every widget on the page has finished (data-state ready or error). */
export async function widgetsSettled(page) {
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('aftersales-badge, aftersales-precheck, aftersales-claim')];
    return widgets.length > 0 && widgets.every((w) => w.dataset.state === 'ready' || w.dataset.state === 'error');
  });
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) on `path`, prepared by `prepare(page)`. */
export async function axeScan(browser, url, prepare = async () => {}, options = {}) {
  // `widgets: false` for a page without widgets (the policy-change page), which has none to wait for.
  const { widgets = true, ...pageOptions } = options;
  const page = await openPage(browser, { bypassCSP: true, ...pageOptions });
  try {
    await page.goto(url);
    if (widgets) await widgetsSettled(page);
    await prepare(page);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
    );
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  } finally {
    await page.closeAll();
  }
}

/** Saves a screenshot of `target` (a page or a locator) as www/screenshots/<name>.png. */
export async function shoot(target, name) {
  mkdirSync(SHOTS, { recursive: true });
  // Pictures and fonts finish loading first, so the same page gives the same picture.
  const page = typeof target.page === 'function' ? target.page() : target;
  await page.waitForFunction(() => [...document.images].every((i) => i.complete) && document.fonts.status === 'loaded');
  await target.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}
