/**
 * Loading the embed script twice, or two copies of it from different addresses (two module
 * instances, as when two plugins each bring their own): no uncaught error, no console error
 * (the harness fails on either), one console warning, and the figures keep working.
 */
import * as assert from 'uvu/assert';
import type { ConsoleMessage } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { HAS_MODEL, blankPage, manifestElements, startKitServers, whenRendered, whenRun, type KitServers } from './embed-kit-support';

const { it, run, suite } = browserSuite('embed: double load');
let kit: KitServers;
suite.before(async () => { kit = await startKitServers(); });
suite.after(async () => { await kit?.close(); });

const elements = manifestElements();
const first = elements.find((e) => e.tag === 'cnn-overview') ?? elements[0];

function warnings(page: import('puppeteer').Page): string[] {
  const list: string[] = [];
  page.on('console', (m: ConsoleMessage) => { if (m.type() === 'warn') list.push(m.text()); });
  return list;
}

it('the same script twice is one module: no warning, no error', async ({ page }) => {
  const warned = warnings(page);
  const src = `${kit.dist.url}/embed.js`;
  await page.goto(kit.writePage('twice.html', blankPage([src, src], `<${first.tag}></${first.tag}>`)));
  await whenRendered(page, first.tag);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(warned.filter((w) => /already defined/.test(w)), []);
});

it('a second copy of dist/ at another address warns once and defines nothing twice', async ({ page }) => {
  const warned = warnings(page);
  const scripts = [`${kit.dist.url}/embed.js`, `${kit.dist.url}/copy/embed.js`, `${kit.dist.url}/embed.js`];
  const body = `<${first.tag}></${first.tag}>`;
  await page.goto(kit.writePage('two-copies.html', blankPage(scripts, body)));
  await whenRendered(page, first.tag);
  await page.waitForFunction(() => document.querySelectorAll('script').length === 3);
  // Both copies have run: the second found every tag taken.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/copy/embed.js')));
  await new Promise((r) => setTimeout(r, 300));
  const dup = warned.filter((w) => /already defined/.test(w));
  assert.is(dup.length, 1, `one warning, not one per element: ${warned.join(' | ')}`);
  for (const e of elements) assert.ok(dup[0].includes(`<${e.tag}>`), `the warning names <${e.tag}>`);
  assert.is(await page.evaluate(() => document.querySelectorAll('link[data-cnn-katex]').length), 1, 'KaTeX fonts declared once');
  // The first copy's assets are the ones in use.
  if (HAS_MODEL) {
    await whenRun(page, first.tag);
    const model = await page.$eval(first.tag, (el) => (el as unknown as { network: { info: { url: string } } }).network.info.url);
    assert.is(model, `${kit.dist.url}/assets/model/model.json`);
  }
});

it('a copy loaded after the figures are on screen changes nothing', async ({ page }) => {
  const warned = warnings(page);
  await page.goto(kit.writePage('late.html', blankPage(`${kit.dist.url}/embed.js`, `<${first.tag}></${first.tag}>`)));
  await whenRendered(page, first.tag);
  await page.evaluate((src) => new Promise<void>((resolve, reject) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error('the copy did not load'));
    document.head.append(s);
  }), `${kit.dist.url}/copy/embed.js?late`);
  await new Promise((r) => setTimeout(r, 200));
  assert.is(warned.filter((w) => /already defined/.test(w)).length, 1);
  const rendered = await page.$eval(first.tag, (el) => el.shadowRoot!.childElementCount);
  assert.ok(rendered > 0);
});

run();
