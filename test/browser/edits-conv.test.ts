/**
 * "Change it and see" in <cnn-conv-view>: a weight typed, dragged or set by a preset runs
 * the network again with it (the layer's output from the worker equals a plain-loop
 * convolution of the layer's input with the edited kernel), the edits attribute and the
 * cnn-edits event carry it, the prediction before → after shows beside one Reset that
 * brings back the trained weights exactly; edits set from outside show in the editor, and
 * bad ones warn once and leave the trained network running with a plain message.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { captureWarnings, openView, settle, whenDrawn } from './views-support';

const { it, run } = browserSuite('cnn-conv-view kernel editor');
const TAG = 'cnn-conv-view';
const PAGE = '/test-pages/conv-edit.html';

type Info = { url: string; layers: { name: string; shape: number[]; padding?: string; strides?: number[] }[]; params: Record<string, { kernel: Float32Array; bias: Float32Array; kernelShape: number[] }>; classNames: string[] };
type ConvInPage = HTMLElement & {
  data?: { key: string; output: Float32Array };
  edits: string;
  network: { info: Info | null; run: { values: Float32Array[]; probabilities: Float32Array } | null; phase: string };
};

/** Waits until the view is drawn from a model whose key ends as `variant` wants ('' for the trained one). */
const whenModel = (page: Page, edits: string) => whenDrawn(page, page.waitForFunction((tag, edits) => {
  const el = document.querySelector(tag) as ConvInPage | null;
  const url = el?.network.info?.url ?? '';
  const want = edits ? url.endsWith(`#edits=${edits}`) : !url.includes('#');
  return Boolean(want && el?.data && el.data.key.startsWith(`${url}|`) && el.network.phase === 'ready');
}, { timeout: 60_000 }, TAG, edits), async () => page.$eval(TAG, (el) => `edits=${(el as ConvInPage).edits} url=${(el as ConvInPage).network.info?.url}`));

const open = (page: Page, url: (p: string) => string) => openView(page, url, PAGE, (p) => whenModel(p, ''));

/** The trained kernel of conv_1_1 from input 0 to output 3, the layer's input and output channel 3 as the network computed them. */
const snapshot = (page: Page) => page.$eval(TAG, (node) => {
  const el = node as ConvInPage;
  const info = el.network.info!;
  const li = info.layers.findIndex((l) => l.name === 'conv_1_1');
  const { kernel, kernelShape, bias } = info.params.conv_1_1;
  const [kh, kw, cin, cout] = kernelShape;
  return {
    input: [...el.network.run!.values[li - 1]], inShape: info.layers[li - 1].shape, outShape: info.layers[li].shape, padding: info.layers[li].padding,
    kernel: [...kernel], kernelShape: [kh, kw, cin, cout], bias: [...bias],
    output: [...el.network.run!.values[li]].filter((_, i) => i % cout === 3),
    probabilities: [...el.network.run!.probabilities],
  };
});

/** Output channel `co` of a valid, stride-1 conv, by plain loops over the input and a kernel array in TF.js order. */
function plainConv(s: Awaited<ReturnType<typeof snapshot>>, kernel: number[], co: number): number[] {
  const [ih, iw, cin] = s.inShape;
  const [kh, kw, , cout] = s.kernelShape;
  const [oh, ow] = [ih - kh + 1, iw - kw + 1];
  const out: number[] = [];
  for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) {
    let sum = s.bias[co];
    for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) for (let c = 0; c < cin; c++) {
      sum += s.input[((y + ky) * iw + x + kx) * cin + c] * kernel[((ky * kw + kx) * cin + c) * cout + co];
    }
    out.push(sum);
  }
  return out;
}

const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), a.length === b.length ? 0 : Infinity);

/** The kernel with connection (ci → co) replaced. */
function withWeights(s: Awaited<ReturnType<typeof snapshot>>, ci: number, co: number, weights: number[]): number[] {
  const k = [...s.kernel];
  const [, kw, cin, cout] = s.kernelShape;
  weights.forEach((w, i) => { k[((Math.floor(i / kw) * kw + (i % kw)) * cin + ci) * cout + co] = w; });
  return k;
}

const listenForEdits = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { __edits: string[] };
  w.__edits = [];
  document.addEventListener('cnn-edits', (e) => w.__edits.push((e as CustomEvent<{ edits: string }>).detail.edits));
});
const editEvents = (page: Page) => page.evaluate(() => (window as unknown as { __edits: string[] }).__edits);

const typeWeight = (page: Page, index: number, value: string) => page.$eval(TAG, (el, index, value) => {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`input[data-role="edit-weight"][data-index="${index}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}, index, value);

const shownWeights = (page: Page) => page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[data-role="edit-weight"]')].map((i) => Number(i.value)));

it('typing a weight runs the network with it: the layer output from the worker equals a plain-loop convolution with the edited kernel, and the attribute and cnn-edits carry it', async ({ page, url }) => {
  await open(page, url);
  await listenForEdits(page);
  const before = await snapshot(page);
  // A trained output already matches the plain loop (the loop is right).
  assert.ok(maxDiff(before.output, plainConv(before, before.kernel, 3)) < 1e-4);
  await typeWeight(page, 4, '1.5');
  const edits = '1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x';
  await whenModel(page, edits);
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('edits')), edits);
  assert.equal(await editEvents(page), [edits]);
  const after = await snapshot(page);
  const trained = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => before.kernel[(i * 3 + 0) * 10 + 3]);
  const expected = plainConv(before, withWeights(before, 0, 3, trained.map((w, i) => (i === 4 ? 1.5 : w))), 3);
  assert.ok(maxDiff(after.output, expected) < 1e-4, `output differs by ${maxDiff(after.output, expected)}`);
  assert.ok(maxDiff(after.output, before.output) > 0.05, 'the edit changed the output');
  assert.is((await shownWeights(page))[4], 1.5);
});

it('a preset (edge) replaces all nine weights; the prediction shows trained → edited; Reset brings back the trained weights and output exactly', async ({ page, url }) => {
  await open(page, url);
  await listenForEdits(page);
  const before = await snapshot(page);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-preset="edge"]')!.click());
  const edits = '1*k.conv_1_1.3.0.-1000.-1000.-1000.-1000.8000.-1000.-1000.-1000.-1000';
  await whenModel(page, edits);
  assert.equal(await shownWeights(page), [-1, -1, -1, -1, 8, -1, -1, -1, -1]);
  const after = await snapshot(page);
  assert.ok(maxDiff(after.output, plainConv(before, withWeights(before, 0, 3, [-1, -1, -1, -1, 8, -1, -1, -1, -1]), 3)) < 1e-3);
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[data-role="prediction-change"][data-before]'), { timeout: 30_000 }, TAG);
  const change = await page.$eval(TAG, (el) => {
    const c = el.shadowRoot!.querySelector<HTMLElement>('[data-role="prediction-change"]')!;
    return { text: c.textContent!.replace(/\s+/g, ' ').trim(), before: Number(c.dataset.before), after: Number(c.dataset.after) };
  });
  const top = before.probabilities.indexOf(Math.max(...before.probabilities));
  assert.ok(Math.abs(change.before - before.probabilities[top]) < 1e-6);
  assert.ok(Math.abs(change.after - after.probabilities[top]) < 1e-6);
  assert.match(change.text, new RegExp(`^espresso ${Math.round(change.before * 100)} % → ${Math.round(change.after * 100)} %`));
  await screenshot(page, 'edits-conv-edge', true);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-role="reset-edits"]')!.click());
  await whenModel(page, '');
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('edits')), '');
  assert.equal(await editEvents(page), [edits, '']);
  const reset = await snapshot(page);
  assert.equal(reset.output, before.output);
  assert.equal(reset.kernel, before.kernel);
  assert.is(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[data-role="prediction-change"]')), null);
});

it('dragging a weight\'s handle up raises it by 0.01 per 2 px and runs the network once, on release', async ({ page, url }) => {
  await open(page, url);
  await listenForEdits(page);
  const start = (await shownWeights(page))[0];
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.ke-grip')!.scrollIntoView({ block: 'center' }));
  // Press where the handle is once the page has stopped moving (under load, a formula typeset
  // late can still shift it, and a press beside the handle drags nothing).
  const gripCentre = () => page.$eval(TAG, async (el) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = el.shadowRoot!.querySelector('.ke-grip')!.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  let grip = await gripCentre();
  for (let i = 0; i < 20; i++) {
    const again = await gripCentre();
    if (again.x === grip.x && again.y === grip.y) break;
    grip = again;
  }
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x, grip.y - 10, { steps: 4 });
  await page.mouse.move(grip.x, grip.y - 20, { steps: 4 });
  // The drag is drawn on the next render: under load, give it a few frames.
  for (let i = 0; i < 20 && Math.abs((await shownWeights(page))[0] - (start + 0.1)) >= 1e-9; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  assert.ok(Math.abs((await shownWeights(page))[0] - (start + 0.1)) < 1e-9, 'the weight follows the drag before release');
  assert.equal(await editEvents(page), [], 'nothing runs while dragging');
  await page.mouse.up();
  await page.waitForFunction(() => (window as unknown as { __edits: string[] }).__edits.length === 1);
  const [edits] = await editEvents(page);
  assert.match(edits, /^1\*k\.conv_1_1\.3\.0\.-?\d+(\.x){8}$/);
  assert.is(Number(edits.split('.')[4]) / 1000, Math.round((start + 0.1) * 1000) / 1000);
  await whenModel(page, edits);
});

it('edits set from outside show in the editor and run; unreadable or unfitting edits warn once each, say so beside Reset, and the trained network runs', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await open(page, url);
  const edits = '1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x';
  await page.$eval(TAG, (el, e) => el.setAttribute('edits', e), edits);
  await whenModel(page, edits);
  assert.is((await shownWeights(page))[4], 1.5);
  for (const bad of ['2*k.conv_1_1.3.0.1', '1*a.conv_1_1.12']) {
    await page.$eval(TAG, (el, e) => el.setAttribute('edits', e), bad);
    await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('.edits-problem'), { timeout: 30_000 }, TAG);
    await whenModel(page, '');
    // The same bad value again, and a re-render: still one warning for it.
    await page.$eval(TAG, (el, e) => { el.setAttribute('edits', ''); el.setAttribute('edits', e); }, bad);
    await settle(page, 300);
    const mine = warnings.filter((w) => w.includes(`edits="${bad}"`));
    assert.is(mine.length, 1, `warnings for ${bad}: ${JSON.stringify(warnings)}`);
    const problem = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.edits-problem')!.textContent!);
    assert.match(problem, bad.startsWith('2') ? /format 2/ : /channel 12/);
    assert.match(problem, /Showing the trained network/);
    assert.is(await page.$eval(TAG, (el) => (el as ConvInPage).network.info!.url.includes('#')), false);
  }
});

it('on a 390 px phone it needs no sideways scrolling, with an edit in force (screenshot)', async ({ page, url }) => {
  await open(page, url);
  const edits = '1*k.conv_1_1.3.0.-1000.-1000.-1000.-1000.8000.-1000.-1000.-1000.-1000';
  await page.$eval(TAG, (el, e) => el.setAttribute('edits', e), edits);
  await whenModel(page, edits);
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[data-role="prediction-change"][data-before]'), { timeout: 30_000 }, TAG);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.kernel-editor')!.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'edits-conv-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide`);
}, { viewport: 'phone' });

run();
