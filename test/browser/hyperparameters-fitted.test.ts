/**
 * <cnn-hyperparameters> fitted to the article's stage boxes, and driven by the article's
 * steps: each step's settings give the output its prose states, the formula is written as
 * the prose writes it, each subject fits its box, and each grid is one tab stop.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { axeViolations, withModel } from './views-support';
import { fitElement as fitInBox, fitProblems, tabStops, STAGE_BOXES, type BoxName } from './fitted-support';
import { shimNames } from './framing-support';

const { it, run } = browserSuite('cnn-hyperparameters fitted and driven by the steps');
const PAGE = '/test-pages/hyperparameters.html';
const TAG = 'cnn-hyperparameters';

type HyperInPage = HTMLElement & {
  data?: { outSize: number; paddedSize: number };
  settings: { inputSize: number; padding: number; kernelSize: number; stride: number; dilation: number };
  updateComplete: Promise<unknown>;
  playback: { step: number; total: number; pause(): void; seek(s: number): void };
};

async function open(page: Page, url: (p: string) => string) {
  await withModel(page);
  await page.goto(url(PAGE));
  await page.waitForFunction((tag) => Boolean((document.querySelector(tag) as HyperInPage | null)?.data), { timeout: 60_000 }, TAG);
}

/** The article's four steps of the section: the subject and the settings each sets (the others at their defaults). */
const STEPS = [
  { subject: 'formula', attrs: { padding: 0, 'kernel-size': 3, stride: 1, dilation: 1 }, out: 5 },
  { subject: 'padding', attrs: { padding: 1, 'kernel-size': 3, stride: 1, dilation: 1 }, out: 7 },
  { subject: 'kernel', attrs: { padding: 0, 'kernel-size': 5, stride: 1, dilation: 1 }, out: 3 },
  { subject: 'stride', attrs: { padding: 0, 'kernel-size': 3, stride: 2, dilation: 1 }, out: 3 },
] as const;

for (const box of Object.keys(STAGE_BOXES) as BoxName[]) {
  const { width, height } = STAGE_BOXES[box];
  it(`fits each step's subject in the ${width}×${height} box of a ${box} stage, subject marked`, async ({ page, url }) => {
    await open(page, url);
    for (const step of [...STEPS, { subject: 'formula', attrs: { padding: 2, 'kernel-size': 3, stride: 1, dilation: 2, 'input-size': 9 }, out: 9 } as const]) {
      await fitInBox(page, TAG, box, step.subject, { 'input-size': 7, ...step.attrs });
      const label = `${step.subject} ${JSON.stringify(step.attrs)}`;
      assert.equal(await fitProblems(page, TAG), [], label);
      const seen = await page.$eval(TAG, (el) => {
        const root = el.shadowRoot!;
        const focus = root.querySelector('[data-step-focus]');
        return {
          out: (el as HyperInPage).data!.outSize,
          focus: focus?.getAttribute('data-formula') ?? focus?.className.replace(/\s+/g, ' ').trim(),
          zeros: [...root.querySelectorAll('.grid.in .c.pad')].filter((c) => c.textContent!.trim() === '0').length,
          pads: root.querySelectorAll('.grid.in .c.pad').length,
          taps: root.querySelectorAll('.grid.in .c.tap').length,
          starts: [...root.querySelectorAll<HTMLElement>('.grid.in .c.start')].map((c) => `${c.dataset.row},${c.dataset.col}`),
          controls: Boolean(root.querySelector('.controls-toggle')),
          slidersShown: !root.querySelector<HTMLElement>('.fit-controls')!.hidden,
        };
      });
      assert.is(seen.out, step.out, `${label}: output size`);
      if (step.subject === 'formula') assert.is(seen.focus, 'size');
      if (step.subject === 'padding') {
        assert.is(seen.focus, 'grid in');
        assert.is(seen.pads, 9 * 9 - 7 * 7, 'one ring of padding around the 7 × 7 patch');
        assert.is(seen.zeros, seen.pads, 'every padded cell shows its zero');
      }
      if (step.subject === 'kernel') {
        assert.is(seen.focus, 'grid in');
        assert.is(seen.taps, 25, 'the 5 × 5 window on the input');
      }
      if (step.subject === 'stride') {
        assert.is(seen.focus, 'grid out');
        assert.equal(seen.starts, ['0,0', '0,2', '0,4', '2,0', '2,2', '2,4', '4,0', '4,2', '4,4'], 'windows start two cells apart');
      }
      // A roomy box shows the sliders beside the subject; the others fold them behind one button.
      assert.is(seen.controls, !seen.slidersShown, `${label}: sliders shown or behind the Controls button`);
      if (step.out !== 9) await screenshot(page, `hyperparameters-fitted-${box}-${step.subject}`);
    }
  }, { viewport: box, reducedMotion: true });
}

/** The formula's TeX source, as KaTeX keeps it in its MathML annotation. */
const texOf = (page: Page, selector: string) => page.$eval(TAG, (el, selector) => el.shadowRoot!.querySelector(`${selector} annotation`)!.textContent!, selector);

it('the formula is written as the article writes it: n + 2p − k, and with a dilation d(k − 1) + 1 in place of k', async ({ page, url }) => {
  await open(page, url);
  await fitInBox(page, TAG, 'phone', 'formula', { 'input-size': 7, padding: 1, 'kernel-size': 3, stride: 1, dilation: 1 });
  let tex = await texOf(page, '[data-formula=size]');
  assert.ok(tex.includes('\\frac{n + 2p - k}{s}'), tex);
  assert.ok(tex.includes('\\frac{7 + 2 \\cdot 1 - 3}{1}'), tex);
  assert.ok(tex.includes('= 7'), tex);
  await fitInBox(page, TAG, 'phone', 'formula', { dilation: 2, padding: 0 });
  tex = await texOf(page, '[data-formula=size]');
  assert.ok(tex.includes('\\frac{n + 2p - d(k - 1) - 1}{s}'), tex);
  assert.ok(tex.includes('\\frac{7 + 2 \\cdot 0 - 2 \\cdot (3 - 1) - 1}{1}'), tex);
  assert.ok(tex.includes('= 3'), tex);
  await fitInBox(page, TAG, 'phone', 'padding', { dilation: 1, padding: 1 });
  tex = await texOf(page, '[data-formula=size-line]');
  assert.is(tex.trim(), 'n_{\\text{out}} = \\lfloor (7 + 2 \\cdot 1 - 3) / 1 \\rfloor + 1 = 7');
  // The blank page's formula reads the same.
  await page.$eval(TAG, (el) => { el.removeAttribute('fit'); el.removeAttribute('subject'); el.removeAttribute('style'); });
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('.top [data-formula=size] annotation'), {}, TAG);
  tex = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.top [data-formula=size] annotation')!.textContent!);
  assert.ok(tex.includes('\\frac{n + 2p - k}{s}') && tex.includes('\\frac{7 + 2 \\cdot 1 - 3}{1}'), tex);
}, { viewport: 'phone', reducedMotion: true });

it('the article\'s steps set the playground to what their prose says: 7 × 7 with p = 1, 3 × 3 with k = 5, 3 × 3 with s = 2', async ({ page, url }) => {
  await shimNames(page);
  await withModel(page);
  const said: Record<number, RegExp> = { 1: /7\s×\s7 output/, 2: /leaves 3\s×\s3 of the 7\s×\s7 patch/, 3: /leaves a 3\s×\s3 output/ };
  for (const [k, step] of STEPS.entries()) {
    await page.goto(url(`/?step=${k}#hyperparameters`));
    await page.waitForFunction((tag, want) => {
      const el = document.querySelector(tag) as HyperInPage | null;
      return el && !el.hidden && el.data?.outSize === want && el.getAttribute('subject');
    }, { timeout: 60_000 }, TAG, step.out);
    const seen = await page.evaluate((tag, k) => {
      const el = document.querySelector(tag) as HyperInPage;
      const prose = document.querySelectorAll('#hyperparameters .step')[k].textContent!.replace(/\s+/g, ' ');
      return { settings: el.settings, subject: el.getAttribute('subject'), fit: el.hasAttribute('fit'), out: el.data!.outSize, prose };
    }, TAG, k);
    assert.is(seen.subject, step.subject, `step ${k}`);
    assert.ok(seen.fit, `step ${k}: fitted to the stage`);
    assert.equal(seen.settings, { inputSize: 7, padding: step.attrs.padding, kernelSize: step.attrs['kernel-size'], stride: step.attrs.stride, dilation: 1 }, `step ${k}`);
    assert.is(seen.out, step.out, `step ${k}: output ${seen.out} × ${seen.out}`);
    if (said[k]) assert.match(seen.prose, said[k], `step ${k}: the prose states the figure's output`);
  }
}, { reducedMotion: true });

it('each grid is one tab stop; arrow keys move the probe on the input and the window on the output', async ({ page, url }) => {
  await open(page, url);
  for (const fitted of [false, true]) {
    if (fitted) await fitInBox(page, TAG, 'phone', 'padding', { padding: 1 });
    else await page.$eval(TAG, async (el) => { el.setAttribute('padding', '1'); await (el as HyperInPage).updateComplete; });
    const where = fitted ? 'fitted' : 'blank page';
    assert.is(await tabStops(page, TAG, '.grid.in'), 1, `${where}: the input grid`);
    assert.is(await tabStops(page, TAG, '.grid.out'), 1, `${where}: the output grid`);
    await page.$eval(TAG, (el) => { (el as HyperInPage).playback.pause(); (el as HyperInPage).playback.seek(0); el.shadowRoot!.querySelector<HTMLElement>('.grid.in')!.focus(); });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const probe = await page.$eval(TAG, (el) => ({
      probe: [...el.shadowRoot!.querySelectorAll<HTMLElement>('.grid.in .c.probe')].map((c) => `${c.dataset.row},${c.dataset.col}`),
      focus: el.shadowRoot!.activeElement?.className,
    }));
    assert.equal(probe.probe, ['1,1'], `${where}: the probe moved`);
    assert.match(probe.focus!, /grid in/, `${where}: focus stays on the grid`);
    await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.grid.out')!.focus());
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const step = await page.$eval(TAG, (el) => (el as HyperInPage).playback.step);
    assert.is(step, 7 + 1, `${where}: the window moved to (1, 1) of the 7 × 7 output`);
  }
}, { viewport: 'phone', reducedMotion: true });

it('has no accessibility violations of its own in any fitted subject (axe)', async ({ page, url }) => {
  await open(page, url);
  for (const step of STEPS) {
    await fitInBox(page, TAG, 'phone', step.subject, { 'input-size': 7, ...step.attrs });
    assert.equal(await axeViolations(page), [], step.subject);
  }
}, { viewport: 'phone', reducedMotion: true });

run();
