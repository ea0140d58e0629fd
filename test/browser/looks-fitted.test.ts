/**
 * <cnn-features> and <cnn-saliency> fitted to the four boxes of the article's stage, alone
 * on their own test pages: every subject fits without scrolling inside and without
 * shrinking, wholly inside the box, legible, and large enough to read on a phone.
 * FITTED_SHOTS=1 saves a screenshot of each.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { openView, whenDrawn, describeView } from './views-support';
import { STAGE_BOXES, fitInBox, fittedProblems, subjectRect, type BoxName } from './fitted-support';

const { it, run } = browserSuite('look-inside figures, fitted');

interface Case { tag: string; page: string; subjects: string[]; drawn: (page: Page) => Promise<void> }

const featuresDrawn = (page: Page) => whenDrawn(page, page.waitForFunction(() => {
  const el = document.querySelector('cnn-features') as (HTMLElement & { patches?: unknown }) | null;
  return Boolean(el?.patches && el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.look-image')?.dataset.painted);
}, { timeout: 60_000 }), async () => describeView(page, 'cnn-features'));

const saliencyDrawn = (page: Page) => whenDrawn(page, page.waitForFunction(() => {
  const el = document.querySelector('cnn-saliency') as (HTMLElement & { shown?: { key: string } | null }) | null;
  return Boolean(el?.shown && el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.overlay')?.dataset.key === el.shown.key);
}, { timeout: 60_000 }), async () => describeView(page, 'cnn-saliency'));

const CASES: Case[] = [
  { tag: 'cnn-features', page: '/test-pages/features.html', subjects: ['looks-for', 'patches', 'grid'], drawn: featuresDrawn },
  { tag: 'cnn-saliency', page: '/test-pages/saliency.html', subjects: ['map', 'classes', 'method'], drawn: saliencyDrawn },
];

const BOXES = Object.keys(STAGE_BOXES) as BoxName[];

for (const c of CASES) {
  it(`${c.tag} fits each of its subjects (${c.subjects.join(', ')}) in each of the stage's four boxes, unshrunk and legible`, async ({ page, url }) => {
    await openView(page, url, c.page, c.drawn);
    const misses: string[] = [];
    for (const box of BOXES) {
      for (const subject of c.subjects) {
        await fitInBox(page, c.tag, box, subject);
        await c.drawn(page);
        const problems = await fittedProblems(page, c.tag);
        if (process.env.FITTED_SHOTS === '1') {
          await (await page.$('.test-box'))!.screenshot({ path: `test/screenshots/fitted-${c.tag.replace('cnn-', '')}-${subject}-${box}.png` });
        }
        const { width, height, boxWidth, boxHeight } = await subjectRect(page, c.tag);
        if ((box === 'phone' || box === 'narrow') && (Math.max(width / boxWidth, height / boxHeight) < 0.5 || Math.min(width / boxWidth, height / boxHeight) < 0.2)) {
          problems.push(`the subject is small: ${Math.round(width)}×${Math.round(height)} in ${boxWidth}×${boxHeight}`);
        }
        if (problems.length) misses.push(`${subject} at ${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height}: ${problems.join('; ')}`);
      }
    }
    assert.equal(misses, []);
  });
}

it('on a phone the Controls button opens the layer and channel pickers over the features figure; a channel picked there sticks', async ({ page, url }) => {
  const tag = 'cnn-features';
  await openView(page, url, CASES[0].page, featuresDrawn);
  await fitInBox(page, tag, 'narrow', 'looks-for');
  await page.$eval(tag, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('.controls-toggle')!.click());
  await page.$eval(tag, (el) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete);
  const labels = await page.$eval(tag, (el) => [...el.shadowRoot!.querySelectorAll('.controls-panel select')].filter((s) => (s as HTMLElement).getClientRects().length > 0).map((s) => s.getAttribute('aria-label')));
  assert.equal(labels, ['Convolution layer', 'Channel']);
  await page.$eval(tag, (el) => {
    const select = el.shadowRoot!.querySelectorAll<HTMLSelectElement>('.controls-panel select')[1];
    select.value = '5';
    select.dispatchEvent(new Event('change'));
  });
  await featuresDrawn(page);
  assert.is(await page.$eval(tag, (el) => el.getAttribute('channel')), '5');
  assert.equal(await fittedProblems(page, tag), []);
});

run();
