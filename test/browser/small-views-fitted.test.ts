/**
 * The ReLU, pooling, flatten and softmax views fitted to the four boxes of the article's
 * stage, alone on their own test pages: every subject fits without scrolling inside and
 * without shrinking, wholly inside the box, legible, and large enough to read.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { openView, whenDrawn, describeView } from './views-support';
import { STAGE_BOXES, fitInBox, fittedProblems, subjectRect, type BoxName } from './fitted-support';

const { it, run } = browserSuite('small views, fitted');

interface Case { tag: string; page: string; subjects: string[]; setup?: (page: Page) => Promise<void> }

const CASES: Case[] = [
  { tag: 'cnn-relu-view', page: '/test-pages/relu-view.html', subjects: ['maps', 'graph'] },
  { tag: 'cnn-pool-view', page: '/test-pages/pool-view.html', subjects: ['window', 'maps'] },
  { tag: 'cnn-flatten-view', page: '/test-pages/flatten-view.html', subjects: ['order', 'index', 'weights'] },
  { tag: 'cnn-softmax-view', page: '/test-pages/softmax-view.html', subjects: ['logits', 'formula', 'note', 'temperature'] },
];

const BOXES = Object.keys(STAGE_BOXES) as BoxName[];

/** Waits until the view has drawn its data (and, for formulas, KaTeX has typeset them). */
const drawn = (tag: string) => (page: Page) => whenDrawn(page, page.waitForFunction((tag) => {
  const el = document.querySelector(tag) as (HTMLElement & { data?: unknown; terms?: unknown }) | null;
  const root = el?.shadowRoot;
  if (!root || !(el!.data || el!.terms)) return false;
  return !root.querySelector('.formula .status');
}, { timeout: 60_000 }, tag), async () => describeView(page, tag));

for (const c of CASES) {
  it(`${c.tag} fits each of its subjects (${c.subjects.join(', ')}) in each of the stage's four boxes, unshrunk and legible`, async ({ page, url }) => {
    await openView(page, url, c.page, drawn(c.tag));
    // As in the article: the view chooses its channel.
    await page.$eval(c.tag, (el) => el.removeAttribute('channel'));
    const misses: string[] = [];
    for (const box of BOXES) {
      for (const subject of c.subjects) {
        await fitInBox(page, c.tag, box, subject);
        await drawn(c.tag)(page);
        const problems = await fittedProblems(page, c.tag);
        if (process.env.FITTED_SHOTS === '1') {
          const el = (await page.$(`.test-box`))!;
          await el.screenshot({ path: `test/screenshots/fitted-${c.tag.replace('cnn-', '')}-${subject}-${box}.png` });
        }
        const { width, height, boxWidth, boxHeight } = await subjectRect(page, c.tag);
        // On a phone the subject is the figure: at least half the box one way, and a fifth the other.
        if ((box === 'phone' || box === 'narrow') && (Math.max(width / boxWidth, height / boxHeight) < 0.5 || Math.min(width / boxWidth, height / boxHeight) < 0.2)) {
          problems.push(`the subject is small: ${Math.round(width)}×${Math.round(height)} in ${boxWidth}×${boxHeight}`);
        }
        if (problems.length) misses.push(`${subject} at ${`${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height}`}: ${problems.join('; ')}`);
      }
    }
    assert.equal(misses, []);
  });
}

it('on a phone the Controls button opens the pickers and the playback over the figure, which still fits; a channel picked there sticks', async ({ page, url }) => {
  const tag = 'cnn-relu-view';
  await openView(page, url, CASES[0].page, drawn(tag));
  await page.$eval(tag, (el) => el.removeAttribute('channel'));
  await fitInBox(page, tag, 'narrow', 'maps');
  const panel = () => page.$eval(tag, (el) => {
    const root = el.shadowRoot!;
    const p = root.querySelector<HTMLElement>('.controls-panel')!;
    const r = p.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return {
      shown: !p.hidden && r.height > 0,
      inside: r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right,
      pickers: [...p.querySelectorAll('select')].map((s) => s.getAttribute('aria-label')),
      playback: Boolean(p.querySelector('.playback button.play')),
      button: root.querySelector('.controls-toggle')!.textContent!.trim(),
      zoom: (el as HTMLElement & { frame: { zoom: number } }).frame.zoom,
    };
  });
  let s = await panel();
  assert.equal([s.shown, s.button], [false, 'Controls']);
  await page.$eval(tag, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('.controls-toggle')!.click());
  await page.$eval(tag, (el) => el.updateComplete);
  s = await panel();
  assert.equal(s, { shown: true, inside: true, pickers: ['ReLU layer', 'Channel', null], playback: true, button: 'Hide controls', zoom: 1 });
  await (await page.$('.test-box'))!.screenshot({ path: 'test/screenshots/fitted-relu-controls-open.png' });
  await page.$eval(tag, (el) => {
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('.controls-panel select[aria-label="Channel"]')!;
    select.value = '3';
    select.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction((tag) => (document.querySelector(tag) as HTMLElement & { data?: { channel: number } }).data?.channel === 3, {}, tag);
  assert.is(await page.$eval(tag, (el) => el.getAttribute('channel')), '3');
  await page.$eval(tag, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('.controls-toggle')!.click());
  await page.$eval(tag, (el) => el.updateComplete);
  assert.is((await panel()).shown, false);
});

it('the full layout comes back when the page stops fitting the figure', async ({ page, url }) => {
  await openView(page, url, CASES[0].page, drawn(CASES[0].tag));
  await fitInBox(page, 'cnn-relu-view', 'narrow', 'maps');
  assert.ok(await page.$eval('cnn-relu-view', (el) => Boolean(el.shadowRoot!.querySelector('.fit-root'))));
  await page.$eval('cnn-relu-view', async (el) => { el.removeAttribute('fit'); await el.updateComplete; });
  const full = await page.$eval('cnn-relu-view', (el) => ({
    fitted: Boolean(el.shadowRoot!.querySelector('.fit-root')),
    toolbar: Boolean(el.shadowRoot!.querySelector('.toolbar:not([hidden])')),
    hint: el.shadowRoot!.querySelector('.hint')?.textContent?.trim().slice(0, 20),
  }));
  assert.equal(full, { fitted: false, toolbar: true, hint: 'Point at or focus ei' });
  await screenshot(page, 'fitted-relu-unfitted-again');
});

run();
