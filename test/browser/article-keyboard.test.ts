/**
 * A keyboard path a person would take: from page load, the skip link reaches the figure's
 * first map in two key presses; Enter opens the operation behind a map and moves focus
 * into it; Space plays it; Escape comes back to the map it came from. Display formulas are
 * not tab stops unless they are too wide for the column.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { shimNames } from './framing-support';

const { it, run } = browserSuite('the article from the keyboard');

/** The focused element, looking through shadow roots: its tag, classes and data-layer/channel. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const hosts: string[] = [];
    while (el?.shadowRoot?.activeElement) { hosts.push(el.localName); el = el.shadowRoot.activeElement; }
    const h = el as HTMLElement | null;
    return { hosts, tag: h?.localName ?? '', text: h?.textContent?.trim().slice(0, 40) ?? '', layer: h?.dataset.layer ?? null, channel: h?.dataset.channel ?? null };
  });
}

it('reaches the first map in two presses, opens its convolution with Enter, plays it with Space and comes back with Escape', async ({ page, url }) => {
  await shimNames(page);
  await page.goto(url('/'));
  await page.waitForFunction(() => (document.querySelector('cnn-overview') as HTMLElement & { network?: { phase: string } })?.network?.phase === 'ready', { timeout: 20_000 });
  let presses = 0;
  const press = async (key: 'Tab' | 'Enter' | 'ArrowRight' | 'Space' | 'Escape') => { presses++; await page.keyboard.press(key); };

  await press('Tab');
  assert.match((await focused(page)).text, /Skip to the live figure/);
  await press('Enter');
  await page.waitForFunction(() => document.activeElement?.localName === 'cnn-overview' && (document.activeElement.shadowRoot?.activeElement as HTMLElement | null)?.dataset.layer !== undefined, { timeout: 10_000 });
  const first = await focused(page);
  assert.equal(first.hosts, ['cnn-overview']);
  assert.ok(presses <= 5, `a map has focus after ${presses} presses`);

  await press('ArrowRight');
  const onConv = await focused(page);
  assert.is(onConv.layer, 'conv_1_1', 'the arrow moves to the first convolution');

  await press('Enter');
  await page.waitForFunction(() => document.activeElement?.localName === 'cnn-conv-view' && document.activeElement.shadowRoot?.activeElement !== null, { timeout: 15_000 });
  assert.equal((await focused(page)).hosts, ['cnn-conv-view'], 'focus moved into the operation');
  assert.is(await page.$eval('cnn-conv-view', (v) => v.getAttribute('layer')), 'conv_1_1');

  const playing = () => page.$eval('cnn-conv-view', (v) => (v as HTMLElement & { playback: { playing: boolean } }).playback.playing);
  if (await playing()) await page.$eval('cnn-conv-view', (v) => (v as HTMLElement & { playback: { pause(): void } }).playback.pause());
  await press('Space');
  assert.ok(await playing(), 'Space plays the convolution');

  await press('Escape');
  await page.waitForFunction(() => !document.querySelector('cnn-overview')!.hidden && document.activeElement?.localName === 'cnn-overview', { timeout: 10_000 });
  const back = await focused(page);
  assert.equal([back.layer, back.channel], ['conv_1_1', '0'], 'focus is back on the map the operation came from');
});

it('leaves display formulas out of the tab order unless one is too wide for its column', async ({ page, url }) => {
  await page.goto(url('/'));
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const formulas = await page.$$eval('.katex-display', (els) => els.map((el) => ({ stop: el.getAttribute('tabindex') === '0', wide: el.scrollWidth > el.clientWidth + 1 })));
  assert.ok(formulas.length >= 8, `${formulas.length} display formulas`);
  assert.equal(formulas.filter((f) => f.stop !== f.wide), [], 'a formula is a tab stop exactly when it scrolls sideways');
});

run();
