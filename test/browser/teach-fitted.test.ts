/**
 * <cnn-teach> fitted to the four boxes of the article's stage, after a run: each subject
 * (classes, training, result) fits without scrolling inside and without shrinking, wholly
 * in the box and legible; the figure alone at 1440 and 390 pixels wide has no sideways
 * scroll.
 */
import * as assert from 'uvu/assert';
import { browserSuite, screenshot } from '../support/browser';
import { STAGE_BOXES, fitInBox, fittedProblems, type BoxName } from './fitted-support';
import { pageOverflow, withModel } from './views-support';
import { TAG, addFiles, clickTrain, pictureFiles, whenNetworkReady, whenRunEnds } from './teach-support';

const { it, run } = browserSuite('teaching figure, fitted');
const SUBJECTS = ['classes', 'training', 'result'];
const BOXES = Object.keys(STAGE_BOXES) as BoxName[];

async function trained(page: import('puppeteer').Page, url: (p: string) => string): Promise<void> {
  await withModel(page);
  await page.goto(url('/test-pages/teach.html'));
  await page.waitForSelector(`${TAG} >>> .tab`);
  await page.$eval(TAG, (el) => { el.setAttribute('epochs', '3'); el.setAttribute('classes', 'mugs, pens'); });
  await addFiles(page, 0, pictureFiles('disc', 12));
  await addFiles(page, 1, pictureFiles('stripes', 12));
  await whenNetworkReady(page);
  await clickTrain(page);
  await whenRunEnds(page);
}

it(`fits each of its subjects (${SUBJECTS.join(', ')}) in each of the stage's four boxes, unshrunk and legible`, async ({ page, url }) => {
  await trained(page, url);
  const misses: string[] = [];
  for (const box of BOXES) {
    for (const subject of SUBJECTS) {
      await fitInBox(page, TAG, box, subject);
      const problems = await fittedProblems(page, TAG);
      if (process.env.FITTED_SHOTS === '1') await (await page.$('.test-box'))!.screenshot({ path: `test/screenshots/fitted-teach-${subject}-${box}.png` });
      if (problems.length) misses.push(`${subject} at ${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height}: ${problems.join('; ')}`);
    }
  }
  assert.equal(misses, []);
});

for (const viewport of ['desktop', 'phone'] as const) {
  it(`alone on a page ${viewport === 'desktop' ? 1440 : 390} pixels wide, it has no sideways scroll`, async ({ page, url }) => {
    await trained(page, url);
    assert.is(await pageOverflow(page), 0);
    await screenshot(page, `teach-alone-${viewport}`, true);
  }, { viewport });
}

run();
