import * as assert from 'uvu/assert';
import { browserSuite, screenshot } from '../support/browser';

const PLANNED_SECTIONS = [
  'what-is-a-cnn', 'input', 'convolution', 'hyperparameters', 'relu', 'pooling',
  'flatten', 'softmax', 'how-it-learned', 'looking-inside', 'interactive-features', 'how-it-is-built', 'credits',
];

const { it, run } = browserSuite('article page');

it('has a header and one section per planned chapter, in order', async ({ page, url }) => {
  await page.goto(url('/'), { waitUntil: 'load' });
  assert.ok(await page.$('header h1'), 'a header with a title');
  const ids = await page.$$eval('main > section[id]', (els) => els.map((e) => e.id));
  assert.equal(ids, PLANNED_SECTIONS);
});

it('shows formulas rendered by KaTeX at build time, with its fonts loaded', async ({ page, url }) => {
  await page.goto(url('/'), { waitUntil: 'load' });
  assert.is(await page.$$eval('tex', (els) => els.length), 0, 'no raw <tex> is left');
  const display = await page.$eval('#hyperparameters .katex-display', (el) => el.textContent ?? '');
  assert.match(display, /nout/);
  // A formula's fonts load when it is laid out: at once on screen, in idle time off screen.
  await page.$eval('#hyperparameters .katex-display', (el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const fontsReady = await page.waitForFunction(() => document.fonts.check('16px KaTeX_Main') &&
    [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded'), { timeout: 10_000 }).then(() => true, () => false);
  assert.ok(fontsReady, 'KaTeX fonts are loaded from dist/');
  const hasKatexScript = await page.$$eval('script[src]', (els) => els.some((e) => /katex/i.test((e as HTMLScriptElement).src)));
  assert.not.ok(hasKatexScript, 'no KaTeX JavaScript is shipped for the prose');
});

it('upgrades the Lit reading-progress bar, which fills as the reader scrolls', async ({ page, url }) => {
  await page.goto(url('/'), { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('cnn-reading-progress') !== undefined);
  const before = await page.$eval('cnn-reading-progress', (el) => el.shadowRoot?.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow'));
  assert.is(before, '0');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() =>
    document.querySelector('cnn-reading-progress')?.shadowRoot?.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') === '100');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'article-desktop');
});

it('reads on a 390 px phone without sideways scrolling', async ({ page, url }) => {
  await page.goto(url('/'), { waitUntil: 'load' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await screenshot(page, 'article-phone');
}, { viewport: 'phone' });

it('serves a 404 page for an unknown address', async ({ page, url }) => {
  const res = await page.goto(url('/no-such-page'));
  assert.is(res?.status(), 404);
  assert.match(await page.$eval('h1', (el) => el.textContent ?? ''), /not found/i);
}, { allowErrors: [/404/] });

run();
