/**
 * <cnn-training> fitted to the four boxes of the article's stage: each subject (kernels,
 * maps, prediction, curves) fits without scrolling inside and without shrinking, wholly in
 * the box, legible, large enough on a phone, with the scrubber there to move; on a phone
 * the curves show one chart at a time and the reader switches between them.
 */
import * as assert from 'uvu/assert';
import { browserSuite } from '../support/browser';
import { STAGE_BOXES, fitInBox, fittedProblems, subjectRect, type BoxName } from './fitted-support';
import { withModel } from './views-support';
import { TAG, whenEpochShown } from './training-support';

const { it, run } = browserSuite('training figure, fitted');
const SUBJECTS = ['kernels', 'maps', 'prediction', 'curves'];
const BOXES = Object.keys(STAGE_BOXES) as BoxName[];

it(`fits each of its subjects (${SUBJECTS.join(', ')}) in each of the stage's four boxes, unshrunk and legible, the scrubber with it`, async ({ page, url }) => {
  await withModel(page);
  await page.goto(url('/test-pages/training.html'));
  await whenEpochShown(page);
  const misses: string[] = [];
  for (const box of BOXES) {
    for (const subject of SUBJECTS) {
      await fitInBox(page, TAG, box, subject);
      const problems = await fittedProblems(page, TAG);
      if (process.env.FITTED_SHOTS === '1') await (await page.$('.test-box'))!.screenshot({ path: `test/screenshots/fitted-training-${subject}-${box}.png` });
      const { width, height, boxWidth, boxHeight } = await subjectRect(page, TAG);
      if ((box === 'phone' || box === 'narrow') && (Math.max(width / boxWidth, height / boxHeight) < 0.5 || Math.min(width / boxWidth, height / boxHeight) < 0.2)) {
        problems.push(`the subject is small: ${Math.round(width)}×${Math.round(height)} in ${boxWidth}×${boxHeight}`);
      }
      const slider = await page.$eval(TAG, (el) => {
        const s = el.shadowRoot!.querySelector('input[type=range]')!.getBoundingClientRect();
        const b = el.getBoundingClientRect();
        return s.width > 100 && s.top >= b.top && s.bottom <= b.bottom;
      });
      if (!slider) problems.push('the slider is not in the box');
      if (problems.length) misses.push(`${subject} at ${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height}: ${problems.join('; ')}`);
    }
  }
  assert.equal(misses, []);
});

it('on a phone the curves show one chart at a time, accuracy first, and the reader switches to loss', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url('/test-pages/training.html'));
  await whenEpochShown(page);
  await fitInBox(page, TAG, 'phone', 'curves');
  const charts = () => page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.chart')]
    .filter((c) => c.getClientRects().length > 0).map((c) => ({ kind: c.dataset.kind, lines: c.querySelectorAll('path.line').length })));
  assert.equal(await charts(), [{ kind: 'accuracy', lines: 3 }]);
  await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.chart-switch button')].find((b) => b.textContent === 'Loss')!.click());
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('.chart[data-kind=loss]:not([hidden]) path.line'), {}, TAG);
  assert.equal(await charts(), [{ kind: 'loss', lines: 3 }]);
  assert.equal(await fittedProblems(page, TAG), []);
});

run();
