/**
 * dist/embed.html, the embedding guide generated from the manifest: every element with a
 * live example, its snippet and reference tables; the playground edits the live element and
 * the snippet; the element's own changes flow back; events are logged. Desktop and phone.
 */
import * as assert from 'uvu/assert';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { HAS_MODEL, manifestElements, startKitServers, whenRendered, whenRun, type KitServers } from './embed-kit-support';

const { it, run, suite } = browserSuite('embed: the embedding guide');
let kit: KitServers;
suite.before(async () => { kit = await startKitServers(); });
suite.after(async () => { await kit?.close(); });

const elements = manifestElements();
const snippetOf = (page: Page, tag: string) => page.$eval(`section[data-tag="${tag}"] .snippet code`, (c) => c.textContent ?? '');

it('lists every element of the manifest with a live example, a snippet, and its attributes and events', async ({ page }) => {
  await page.goto(`${kit.dist.url}/embed.html`);
  for (const e of elements) {
    const facts = await page.$eval(`section[data-tag="${e.tag}"]`, (s, tag) => ({
      live: Boolean(s.querySelector(`.live ${tag}`)),
      snippet: s.querySelector('.snippet code')?.textContent ?? '',
      attrRows: [...s.querySelectorAll('table')].find((t) => /^Attributes/.test(t.caption?.textContent ?? ''))?.querySelectorAll('tbody tr').length ?? 0,
      eventRows: [...s.querySelectorAll('table')].find((t) => /^Events/.test(t.caption?.textContent ?? ''))?.querySelectorAll('tbody tr').length ?? 0,
      controls: s.querySelectorAll('form.playground [data-attr]').length,
      inContents: Boolean(document.querySelector(`nav.contents a[href="#${tag}"]`)),
    }), e.tag);
    assert.ok(facts.live, `${e.tag}: live example`);
    assert.ok(facts.inContents, `${e.tag}: listed in the contents`);
    assert.match(facts.snippet, '<script type="module" src="https://YOUR-HOST/dist/embed.js"></script>');
    assert.match(facts.snippet, `<${e.tag}`);
    assert.is(facts.attrRows, e.attributes.length, `${e.tag}: one row per attribute`);
    assert.is(facts.controls, e.attributes.length, `${e.tag}: one control per attribute`);
    assert.is(facts.eventRows, e.events.length, `${e.tag}: one row per event`);
  }
});

it('the playground edits the live element and the snippet, and follows the element', async ({ page }) => {
  await page.goto(`${kit.dist.url}/embed.html#cnn-overview`);
  const tag = 'cnn-overview';
  await whenRendered(page, tag);
  const sel = `section[data-tag="${tag}"]`;
  // A DOM click: the live figure above may still be growing as it draws, moving the box under a pointer.
  await page.$eval(`${sel} input[data-attr="detail"]`, (i) => (i as HTMLInputElement).click());
  await page.waitForFunction((s) => document.querySelector(s)!.hasAttribute('detail'), { timeout: 5000 }, `${sel} .live ${tag}`)
    .catch(() => assert.unreachable('the checkbox set the attribute'));
  assert.match(await snippetOf(page, tag), / detail[ >]/);
  // Text: the snippet follows each key; the element takes the value when it is committed.
  await page.$eval(`${sel} input[data-attr="scale"]`, (i) => { (i as HTMLInputElement).value = ''; });
  await page.type(`${sel} input[data-attr="scale"]`, 'global');
  assert.match(await snippetOf(page, tag), 'scale="global"');
  await page.keyboard.press('Tab');
  await page.waitForFunction((s) => document.querySelector(s)!.getAttribute('scale') === 'global', {}, `${sel} .live ${tag}`);
  // The element changes itself (the reader used its own control): the form and snippet follow.
  await page.$eval(`${sel} .live ${tag}`, (el) => el.setAttribute('scale', 'module'));
  await page.waitForFunction((s) => (document.querySelector(s) as HTMLInputElement).value === 'module', {}, `${sel} input[data-attr="scale"]`);
  assert.match(await snippetOf(page, tag), 'scale="module"');
  // Events are logged.
  await page.$eval(`${sel} .live ${tag}`, (el) => el.dispatchEvent(new CustomEvent('cnn-select', { detail: { layer: 'conv_1_1', channel: 2 }, bubbles: true, composed: true })));
  const log = (await page.$eval(`${sel} .event-log`, (o) => o.textContent ?? '')).split('\n');
  assert.ok(log.includes('cnn-select {"layer":"conv_1_1","channel":2}'), `the log shows the event: ${log.join(' | ')}`);
  assert.ok(log.length <= 4, 'the log keeps the newest few');
  // Clear all.
  await page.click(`${sel} .reset`);
  assert.not.ok(await page.$eval(`${sel} .live ${tag}`, (el) => el.hasAttribute('detail')));
  assert.not.match(await snippetOf(page, tag), 'detail');
});

it('the overview links to its exact state in the article', async ({ page }) => {
  await page.goto(`${kit.dist.url}/embed.html#cnn-overview`);
  await whenRendered(page, 'cnn-overview');
  await page.$eval('.live cnn-overview', (el) => { el.setAttribute('scale', 'global'); el.setAttribute('image', 'koala'); });
  await page.waitForFunction(() => /scale=global/.test(document.querySelector('.live cnn-overview')!.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="article-link"]')?.href ?? ''));
  const href = await page.$eval('.live cnn-overview', (el) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="article-link"]')!.href);
  assert.is(href, `${kit.dist.url}/index.html?image=koala&scale=global#what-is-a-cnn`);
});

for (const viewport of ['desktop', 'phone'] as const) {
  it(`reads well on ${viewport === 'phone' ? 'a 390 px phone' : 'a desktop'}: no sideways scrolling, no serious accessibility problem`, async ({ page }) => {
    await page.goto(`${kit.dist.url}/embed.html`);
    for (const e of elements) {
      await page.$eval(`section[data-tag="${e.tag}"] .live`, (n) => n.scrollIntoView({ block: 'center' }));
      await whenRendered(page, e.tag);
      if (HAS_MODEL) await whenRun(page, e.tag);
    }
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view, `page is ${widths.doc} px wide in a ${widths.view} px viewport`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `embed-page-${viewport}`);
    await page.$eval('section[data-tag="cnn-overview"]', (n) => n.scrollIntoView());
    await screenshot(page, `embed-page-${viewport}-overview`);
    const results = await new AxePuppeteer(page).include('main').exclude('.live').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(bad.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), []);
  }, { viewport });
}

run();
