/**
 * <cnn-saliency> alone on a blank page with the shipped model: the map it shows equals
 * model/inspect's occlusion map (and input gradient, and Grad-CAM) for the same picture and
 * class, computed here in Node; a class or a method picked by the reader is reflected and
 * redrawn; bad attributes warn once and fall back; every screen size without sideways
 * scrolling; no accessibility violation of its own.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { viewSuite } from './view-suite';
import { captureWarnings, describeView, pageOverflow, whenDrawn } from './views-support';
import { screenshot } from '../support/browser';
import { shippedModel, maxAbsDiff } from '../unit/inspect-fixtures';
import { occlusionMap, occlusionPixels } from '../../model/inspect/occlusion';
import { gradCam, gradientMagnitude, inputGradient } from '../../model/inspect/saliency';
import { fieldOfModel } from '../../components/inspect/inspect-jobs';

const TAG = 'cnn-saliency';

type SaliencyInPage = HTMLElement & {
  shown: { method: string; classIndex: number; className: string; key: string; pixels: Float32Array; raw: Float32Array; probability: number } | null;
  network: { run: { values: Float32Array[]; probabilities: Float32Array } | null };
};

/** Waits until the map for `want` (method and class, when given) is painted. */
const whenMap = (page: Page, want: { method?: string; className?: string } = {}) => whenDrawn(page, page.waitForFunction((tag, w) => {
  const el = document.querySelector(tag) as SaliencyInPage | null;
  const canvas = el?.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.overlay');
  if (!el?.shown || !canvas || canvas.dataset.key !== el.shown.key) return false;
  return (!w.method || el.shown.method === w.method) && (!w.className || el.shown.className === w.className);
}, { timeout: 60_000 }, TAG, want), async () => describeView(page, TAG));

const view = viewSuite(TAG, { page: 'saliency', shown: (p) => whenMap(p) });

/** What the figure shows, and the picture it ran, as plain arrays. */
const shownInPage = (page: Page) => page.$eval(TAG, (node) => {
  const el = node as SaliencyInPage;
  return { ...el.shown!, pixels: [...el.shown!.pixels], raw: [...el.shown!.raw], input: [...el.network.run!.values[0]], attr: el.getAttribute('class-name'), method: el.shown!.method };
});

view.it('the occlusion map on show equals occlusionMap of model/inspect for the same picture and top class, to 1e-5', async ({ page, url }) => {
  await view.open(page, url);
  const shown = await shownInPage(page);
  assert.is(shown.method, 'occlusion');
  const model = await shippedModel();
  const map = occlusionMap(model, Float32Array.from(shown.input), shown.classIndex);
  assert.is(shown.className, 'espresso');
  assert.ok(maxAbsDiff(shown.raw, map.drops) < 1e-5, `drops differ by ${maxAbsDiff(shown.raw, map.drops)}`);
  assert.ok(maxAbsDiff(shown.pixels, occlusionPixels(map, map.drops, 64, 64)) < 1e-5);
  assert.ok(Math.abs(shown.probability - map.baseline) < 1e-5);
  // The readout names the patch that lowers the probability most, and the drop it causes.
  const best = Math.max(...map.drops);
  const readout = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[data-role=readout]')!.textContent!);
  assert.match(readout, `(${(best * 100).toFixed(1)} points down)`);
});

view.it('picking a class in the list reflects it and redraws the map for that class, again equal to occlusionMap', async ({ page, url }) => {
  await view.open(page, url);
  await view.click(page, 'button.class-row[data-class="8"]');
  await whenMap(page, { className: 'orange' });
  const shown = await shownInPage(page);
  assert.is(shown.attr, 'orange');
  const map = occlusionMap(await shippedModel(), Float32Array.from(shown.input), 8);
  assert.ok(maxAbsDiff(shown.raw, map.drops) < 1e-5);
  assert.is(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('button.class-row[data-class="8"]')!.getAttribute('aria-pressed')), 'true');
});

view.it('the gradient and Grad-CAM maps equal inputGradient and gradCam of model/inspect (the method reflected)', async ({ page, url }) => {
  await view.open(page, url);
  const model = await shippedModel();
  await view.click(page, 'button[data-method="gradient"]');
  await whenMap(page, { method: 'gradient' });
  let shown = await shownInPage(page);
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('method')), 'gradient');
  const input = Float32Array.from(shown.input);
  const magnitude = gradientMagnitude(inputGradient(model, input, shown.classIndex), [64, 64, 3]);
  const scale = Math.max(...magnitude);
  assert.ok(maxAbsDiff(shown.pixels, magnitude) < 1e-4 * scale, `gradient differs by ${maxAbsDiff(shown.pixels, magnitude)} (max ${scale})`);
  await view.click(page, 'button[data-method="grad-cam"]');
  await whenMap(page, { method: 'grad-cam' });
  shown = await shownInPage(page);
  const cam = gradCam(model, input, shown.classIndex, { receptiveField: fieldOfModel(model) });
  const camScale = Math.max(1e-6, ...cam.upsampled);
  assert.ok(maxAbsDiff(shown.pixels, cam.upsampled) < 1e-4 * camScale, `Grad-CAM differs by ${maxAbsDiff(shown.pixels, cam.upsampled)}`);
});

view.it('a method and a class it does not know each warn once and fall back to occlusion and the top class', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await view.open(page, url);
  await page.$eval(TAG, (el) => { el.setAttribute('method', 'heat'); el.setAttribute('class-name', 'zebra'); });
  await whenMap(page, { method: 'occlusion', className: 'espresso' });
  await page.$eval(TAG, (el) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete);
  const ours = warnings.filter((w) => w.startsWith('<cnn-saliency>'));
  assert.is(ours.filter((w) => /method="heat"/.test(w)).length, 1, ours.join('\n'));
  assert.is(ours.filter((w) => /zebra/.test(w)).length, 1, ours.join('\n'));
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('method'), el.getAttribute('class-name')]), ['occlusion', null]);
});

view.it('the colour key says in words what the colours mean for the class on show', async ({ page, url }) => {
  await view.open(page, url);
  const key = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[data-role=legend]')!.textContent!.replace(/\s+/g, ' '));
  assert.match(key, 'drop in P(espresso) when a grey patch covers the place');
  assert.match(key, 'Orange: hiding it lowers P(espresso)');
});

for (const viewport of ['desktop', 'phone', 'narrow'] as const) {
  view.it(`alone on a blank page, fits a ${viewport} screen without sideways scrolling (screenshot)`, async ({ page, url }) => {
    await view.open(page, url);
    assert.ok(await pageOverflow(page) <= 0, 'the page scrolls sideways');
    await screenshot(page, `saliency-${viewport}`, true);
  }, { viewport });
}
view.hasNoAxeViolations({ prepare: async () => undefined });
view.run();
