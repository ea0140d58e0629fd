/**
 * Failures in a reader's words: a missing model, weights that are cut off or missing, a
 * page that blocks workers or WebAssembly. Each figure says what happened and what to try,
 * and shows no half-drawn network or stale label; a blocked worker or WebAssembly only
 * slows the figure down, and it says so.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { DIST, ensureBuilt, launchChromium, collectPageErrors, screenshot } from '../support/browser';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { testPage } from '../support/test-pages';
import { scratchDir } from '../support/scratch-dir';

const test = suite('failures in a reader\'s words');
let chromium: Awaited<ReturnType<typeof launchChromium>>;
const servers: StaticServer[] = [];
let plain: StaticServer;

/** A folder of broken models and pages that load them. */
function brokenSite(): string {
  const dir = scratchDir('cnn-broken-');
  const model = join(DIST, 'assets/model');
  for (const name of ['cut', 'nobin']) mkdirSync(join(dir, name));
  copyFileSync(join(model, 'model.json'), join(dir, 'cut/model.json'));
  writeFileSync(join(dir, 'cut/group1-shard1of1.bin'), readFileSync(join(model, 'group1-shard1of1.bin')).subarray(0, 27_800));
  copyFileSync(join(model, 'model.json'), join(dir, 'nobin/model.json'));
  const page = (title: string, body: string) => testPage(title, body);
  writeFileSync(join(dir, 'missing.html'), page('missing model', '<cnn-overview model="/broken/nope/model.json"></cnn-overview>'));
  writeFileSync(join(dir, 'cut.html'), page('cut weights', '<cnn-overview model="/broken/cut/model.json"></cnn-overview>'));
  writeFileSync(join(dir, 'nobin.html'), page('no weights', '<cnn-conv-view model="/broken/nobin/model.json"></cnn-conv-view>'));
  writeFileSync(join(dir, 'plain.html'), page('a plain overview', '<cnn-overview></cnn-overview>'));
  return dir;
}

test.before(async () => {
  ensureBuilt();
  const broken = brokenSite();
  plain = await startStaticServer({ root: DIST, mounts: { '/broken/': broken } });
  servers.push(plain);
  chromium = await launchChromium();
});
test.after(async () => {
  await chromium?.close();
  for (const s of servers) await s.close();
});

/** The figure's status line, as a reader sees it. */
async function statusOf(page: Page, tag: string): Promise<string> {
  return page.$eval(tag, (el) => [...el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"]')].map((s) => s.textContent!.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | '));
}

async function open(server: StaticServer, path: string, allow: RegExp[] = []) {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 1000, height: 900 });
  const errors = collectPageErrors(page, [/Failed to load resource/, ...allow]);
  await page.goto(server.url + path);
  return { page, errors };
}

const cases = [
  { name: 'a model that is not there', path: '/broken/missing.html', tag: 'cnn-overview', says: /network's description \(model\.json\) was not found at .*\/broken\/nope\/model\.json/ },
  { name: 'weights that are cut off', path: '/broken/cut.html', tag: 'cnn-overview', says: /network's weights are cut off: 27 kB of 78 kB arrived\. Reload the page/ },
  { name: 'weights that are missing', path: '/broken/nobin.html', tag: 'cnn-conv-view', says: /weights file \(group1-shard1of1\.bin\) was not found/ },
];

for (const c of cases) {
  test(`${c.name}: the figure says so in plain words, and draws no network or stale picture name`, async () => {
    const { page, errors } = await open(plain, c.path);
    try {
      await page.waitForFunction((tag) => (document.querySelector(tag) as HTMLElement & { network?: { phase: string } })?.network?.phase === 'error', { timeout: 20_000 }, c.tag);
      assert.match(await statusOf(page, c.tag), c.says);
      const leftovers = await page.$eval(c.tag, (el) => ({
        maps: [...el.shadowRoot!.querySelectorAll('canvas')].filter((cv) => cv.getClientRects().length > 0).length,
        text: el.shadowRoot!.textContent!,
      }));
      assert.is(leftovers.maps, 0, 'no half-drawn maps');
      assert.not.match(leftovers.text, /Point at a map|Espresso cup/, 'no hint or picture name for a network that is not there');
      assert.equal(errors.list, []);
      await screenshot(page, `failure-${c.tag}-${c.path.split('/').pop()!.replace('.html', '')}`);
    } finally {
      await page.close();
    }
  });
}

for (const blocked of [
  { what: 'workers', csp: "script-src 'self' 'wasm-unsafe-eval'; worker-src 'none'", says: /Background workers are blocked on this page, so the network runs in the page itself/ },
  { what: 'WebAssembly', csp: "script-src 'self'; worker-src 'self' blob:", says: /WebAssembly is blocked or broken on this page, so the network runs on/ },
]) {
  test(`a page that blocks ${blocked.what} still runs the network, more slowly, and says why`, async () => {
    const server = await startStaticServer({ root: DIST, headers: { 'content-security-policy': blocked.csp }, mounts: { '/broken/': brokenSite() } });
    servers.push(server);
    const { page } = await open(server, '/broken/plain.html', [/Content Security Policy|Refused|WebAssembly|wasm/i]);
    try {
      await page.waitForFunction(() => (document.querySelector('cnn-overview') as HTMLElement & { network?: { phase: string } })?.network?.phase === 'ready', { timeout: 60_000 });
      assert.match(await statusOf(page, 'cnn-overview'), blocked.says);
    } finally {
      await page.close();
    }
  });
}

test.run();
