/**
 * The article and the embed guide under a strict Content-Security-Policy: no inline script,
 * no eval, workers only from the site or blob:, WebAssembly allowed. Any violation report
 * fails the test, and the live figures must still run.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DIST, ensureBuilt, launchChromium, collectPageErrors } from '../support/browser';
import { startStaticServer, type StaticServer } from '../support/static-server';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' data: blob:",
  "font-src 'self'",
].join('; ');

const test = suite('a strict Content-Security-Policy');
let server: StaticServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

test.before(async () => {
  ensureBuilt();
  server = await startStaticServer({ root: DIST, headers: { 'content-security-policy': STRICT_CSP } });
  chromium = await launchChromium();
});
test.after(async () => {
  await chromium?.close();
  await server?.close();
});

/** Opens a page that records every CSP violation the browser reports. */
async function openWatched(path: string) {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  const errors = collectPageErrors(page);
  await page.evaluateOnNewDocument(`
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
  `);
  await page.goto(server.url + path);
  return { page, errors, violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations) };
}

test('the article shows its live figure and runs the network without one violation', async () => {
  const { page, errors, violations } = await openWatched('/');
  try {
    await page.waitForFunction(() => {
      const o = document.querySelector('cnn-overview') as (HTMLElement & { network?: { phase: string } }) | null;
      return o?.network?.phase === 'ready';
    }, { timeout: 30_000 });
    const stageShown = await page.$eval('.stage', (el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 100);
    assert.ok(stageShown, 'the stage is shown');
    // An operation view loads its own chunk, typesets with KaTeX and paints: still within the policy.
    await page.goto(`${server.url}/?step=2#convolution`);
    await page.waitForFunction(() => {
      const v = document.querySelector('cnn-conv-view') as (HTMLElement & { network?: { phase: string } }) | null;
      return v?.network?.phase === 'ready' && !v.hidden;
    }, { timeout: 30_000 });
    assert.equal(await violations(), []);
    assert.equal(errors.list.filter((e) => /Content Security Policy|Refused/i.test(e)), []);
  } finally {
    await page.close();
  }
});

test('the embed guide runs its figures without one violation', async () => {
  const { page, errors, violations } = await openWatched('/embed.html');
  try {
    // Figures wake as they come near the viewport: bring the guide's first one there.
    await page.$eval('section[data-tag] .live > *', (el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitForFunction(() => [...document.querySelectorAll('section[data-tag] .live > *')]
      .some((v) => (v as HTMLElement & { network?: { phase: string } }).network?.phase === 'ready'), { timeout: 30_000 });
    assert.equal(await violations(), []);
    assert.equal(errors.list, []);
  } finally {
    await page.close();
  }
});

test('both pages name an icon the site serves, so no visit logs a 404', async () => {
  for (const path of ['/', '/embed.html']) {
    const { page } = await openWatched(path);
    try {
      const icon = await page.$eval('link[rel="icon"]', (l) => (l as HTMLLinkElement).href);
      const status = await page.evaluate(async (href) => (await fetch(href)).status, icon);
      assert.is(status, 200, `${path}: ${icon}`);
    } finally {
      await page.close();
    }
  }
});

test.run();
