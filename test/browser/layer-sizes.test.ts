/**
 * <cnn-layer-sizes> alone on a blank page with the shipped model: the table prints Tiny
 * VGG's hand-counted shapes, parameters, multiply-adds and totals; it fits a desktop and a
 * phone without sideways scrolling; fitted to the article's four boxes it fits unshrunk (in
 * small boxes without the ReLU and softmax rows, and saying so); no axe violations.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { axeViolations, openView, pageOverflow, whenDrawn } from './views-support';
import { fitInBox, fittedProblems, STAGE_BOXES, type BoxName } from './fitted-support';

const { it, run } = browserSuite('cnn-layer-sizes');
const TAG = 'cnn-layer-sizes';

const open = (page: Page, url: (p: string) => string) => openView(page, url, '/test-pages/layer-sizes.html',
  (p) => whenDrawn(p, p.waitForFunction((tag) => Boolean(document.querySelector(tag)?.shadowRoot?.querySelector('table')), { timeout: 60_000 }, TAG), async () => 'no table'));

const table = (page: Page) => page.$eval(TAG, (el) => {
  const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr')].map((tr) => ({
    layer: tr.dataset.layer!,
    shape: tr.querySelector('[data-role=shape]')!.textContent!.trim(),
    params: tr.querySelector('[data-role=params]')!.textContent!.trim(),
    macs: tr.querySelector('[data-role=multiply-adds]')!.textContent!.trim(),
  }));
  const q = (role: string) => el.shadowRoot!.querySelector(`[data-role=${role}]`)!.textContent!.trim();
  return { rows, params: q('total-params'), macs: q('total-multiply-adds'), note: el.shadowRoot!.querySelector('.sizes-note')?.textContent ?? '' };
});

// By hand: conv 3·3·cin·10 + 10 parameters, out_h·out_w·10·3·3·cin multiply-adds; dense 1690·10 + 10 and 1690·10.
const HAND = [
  ['input', '64\u2009×\u200964\u2009×\u20093', '–', '–'],
  ['conv_1_1', '62\u2009×\u200962\u2009×\u200910', '280', '1,037,880'],
  ['relu_1_1', '62\u2009×\u200962\u2009×\u200910', '–', '–'],
  ['conv_1_2', '60\u2009×\u200960\u2009×\u200910', '910', '3,240,000'],
  ['relu_1_2', '60\u2009×\u200960\u2009×\u200910', '–', '–'],
  ['max_pool_1', '30\u2009×\u200930\u2009×\u200910', '–', '–'],
  ['conv_2_1', '28\u2009×\u200928\u2009×\u200910', '910', '705,600'],
  ['relu_2_1', '28\u2009×\u200928\u2009×\u200910', '–', '–'],
  ['conv_2_2', '26\u2009×\u200926\u2009×\u200910', '910', '608,400'],
  ['relu_2_2', '26\u2009×\u200926\u2009×\u200910', '–', '–'],
  ['max_pool_2', '13\u2009×\u200913\u2009×\u200910', '–', '–'],
  ['flatten', '1690', '–', '–'],
  ['output', '10', '16,910', '16,900'],
  ['output/softmax', '10', '–', '–'],
];

it('prints every layer\'s shape, parameters and multiply-adds of Tiny VGG as counted by hand, and the totals 19,920 and 5,608,780', async ({ page, url }) => {
  await open(page, url);
  const t = await table(page);
  assert.equal(t.rows.map((r) => [r.layer, r.shape, r.params, r.macs]), HAND);
  assert.is(t.params, '19,920');
  assert.is(t.macs, '5,608,780');
  assert.is(t.note, '');
  assert.equal(await axeViolations(page), []);
});

for (const viewport of ['desktop', 'narrow'] as const) {
  it(`alone on a ${viewport} screen it needs no sideways scrolling (screenshot)`, async ({ page, url }) => {
    await open(page, url);
    await screenshot(page, `layer-sizes-${viewport}`, true);
    const overflow = await pageOverflow(page);
    assert.ok(overflow <= 0, `${overflow} px too wide`);
  }, { viewport });
}

for (const box of Object.keys(STAGE_BOXES) as BoxName[]) {
  it(`fitted to the ${STAGE_BOXES[box].width}×${STAGE_BOXES[box].height} box it fits unshrunk with the conv, pool, flatten and dense rows and the totals`, async ({ page, url }) => {
    await open(page, url);
    await fitInBox(page, TAG, box, 'table');
    const problems = await fittedProblems(page, TAG);
    await (await page.$('.test-box'))!.screenshot({ path: `test/screenshots/fitted-layer-sizes-${box}.png` });
    assert.equal(problems, []);
    const t = await table(page);
    for (const layer of ['conv_1_1', 'conv_1_2', 'max_pool_1', 'conv_2_1', 'conv_2_2', 'max_pool_2', 'flatten', 'output']) assert.ok(t.rows.some((r) => r.layer === layer), layer);
    assert.is(t.params, '19,920');
    if (t.rows.length < HAND.length) assert.match(t.note, /ReLU and softmax/);
  });
}

run();
