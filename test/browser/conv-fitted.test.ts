/**
 * <cnn-conv-view> fitted to the article's stage boxes on its own test page: each subject
 * fits without scroll or shrinking and shows what its step talks about, with numbers that
 * match the test's own sums; kernels are one tab stop with arrow keys inside.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { axeViolations, openView, whenDrawn } from './views-support';
import { fitElement as fitInBox, fitProblems, tabStops, STAGE_BOXES, type BoxName } from './fitted-support';

const { it, run } = browserSuite('cnn-conv-view fitted to a box');
const PAGE = '/test-pages/conv-view.html';
const TAG = 'cnn-conv-view';

type ConvInPage = HTMLElement & {
  data?: { key: string; layer: { name: string }; channel: number };
  layer: string;
  channel: number;
  network: { info: { layers: { name: string; shape: number[] }[]; params: Record<string, { kernel: Float32Array; bias: Float32Array; kernelShape: number[] }> }; run: { values: Float32Array[] } };
  playback: { step: number; pause(): void; seek(s: number): void };
  updateComplete: Promise<unknown>;
};

const shown = (page: Page) => whenDrawn(page, page.waitForFunction((tag) => Boolean((document.querySelector(tag) as ConvInPage | null)?.data), { timeout: 60_000 }, TAG), async () => 'the conv view never drew');
const open = (page: Page, url: (p: string) => string) => openView(page, url, PAGE, shown);

/** The article's four conv steps, and the same subjects on the other layer (a reader may switch). */
const CASES = [
  { subject: 'window', layer: 'conv_1_1', channel: 0 },
  { subject: 'kernel', layer: 'conv_1_1', channel: 0 },
  { subject: 'sum', layer: 'conv_1_1', channel: 4 },
  { subject: 'count', layer: 'conv_1_2', channel: 0 },
  { subject: 'window', layer: 'conv_1_2', channel: 3 },
  { subject: 'kernel', layer: 'conv_1_2', channel: 3 },
  { subject: 'sum', layer: 'conv_1_2', channel: 3 },
  { subject: 'count', layer: 'conv_1_1', channel: 5 },
] as const;

/** The shares, output and weights the fitted view prints, against the test's own sums from the layer's input and kernel. */
const numberProblems = (page: Page) => page.$eval(TAG, (node) => {
  const el = node as ConvInPage;
  const info = el.network.info;
  const li = info.layers.findIndex((l) => l.name === el.layer);
  const [, W] = info.layers[li].shape;
  const [, iw, cin] = info.layers[li - 1].shape;
  const { kernel, bias, kernelShape } = info.params[el.layer];
  const [kh, kw, , cout] = kernelShape;
  const input = el.network.run.values[li - 1];
  const co = el.channel;
  const row = Math.floor(el.playback.step / W);
  const col = el.playback.step % W;
  const w = (ky: number, kx: number, ci: number) => kernel[((ky * kw + kx) * cin + ci) * cout + co];
  const share = (ci: number) => {
    let sum = 0;
    for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) sum += input[((row + ky) * iw + col + kx) * cin + ci] * w(ky, kx, ci);
    return sum;
  };
  const problems: string[] = [];
  const root = el.shadowRoot!;
  for (const n of root.querySelectorAll<HTMLElement>('[data-role=share]')) {
    const ci = Number(n.dataset.ci);
    if (Math.abs(Number(n.dataset.value) - share(ci)) > 1e-4) problems.push(`share ${ci}: ${n.dataset.value} vs ${share(ci)}`);
  }
  let total = bias[co];
  for (let ci = 0; ci < cin; ci++) total += share(ci);
  for (const n of root.querySelectorAll<HTMLElement>('[data-role=output]')) if (Math.abs(Number(n.dataset.value) - total) > 1e-4) problems.push(`output: ${n.dataset.value} vs ${total}`);
  for (const n of root.querySelectorAll<HTMLElement>('.kernel [data-role=weight]')) {
    const { ci, ky, kx } = n.dataset;
    if (Number(n.dataset.value) !== w(Number(ky), Number(kx), Number(ci))) problems.push(`weight ${ci},${ky},${kx}`);
    const printed = n.querySelector('.n')?.textContent;
    if (printed && Math.abs(Number(printed.replace('−', '-')) - Number(n.dataset.value)) > 0.0051) problems.push(`weight ${ci},${ky},${kx} prints ${printed}`);
  }
  return problems;
});

for (const box of Object.keys(STAGE_BOXES) as BoxName[]) {
  const { width, height } = STAGE_BOXES[box];
  it(`fits every subject in the ${width}×${height} box of a ${box} stage, subject marked, numbers right`, async ({ page, url }) => {
    await open(page, url);
    for (const c of CASES) {
      await fitInBox(page, TAG, box, c.subject, { layer: c.layer, channel: c.channel });
      await page.waitForFunction((tag, layer, channel) => {
        const el = document.querySelector(tag) as ConvInPage;
        return el.data?.layer.name === layer && el.data.channel === channel;
      }, { timeout: 20_000 }, TAG, c.layer, c.channel);
      const label = `${c.subject} on ${c.layer}`;
      assert.equal(await fitProblems(page, TAG), [], label);
      assert.equal(await numberProblems(page), [], label);
      const facts = await page.$eval(TAG, (el, subject) => {
        const root = el.shadowRoot!;
        return {
          focus: root.querySelector('[data-step-focus]')?.getAttribute(subject === 'sum' ? 'data-formula' : 'data-subject'),
          inputMaps: root.querySelectorAll('.input-map').length,
          outputMaps: root.querySelectorAll('.output-map').length,
          kernels: root.querySelectorAll('.kernel').length,
          tiles: root.querySelectorAll('.count-grid .tile').length,
          kernelCount: root.querySelector<HTMLElement>('[data-role=kernel-count]')?.dataset.value,
          params: root.querySelector('[data-role=param-count]')?.textContent?.replace(/\s+/g, ' '),
          controls: Boolean(root.querySelector('.controls-toggle')),
        };
      }, c.subject);
      const cin = c.layer === 'conv_1_1' ? 3 : 10;
      assert.ok(facts.controls, `${label}: the controls fold behind one button`);
      if (c.subject === 'window') {
        assert.is(facts.focus, 'window');
        assert.is(facts.outputMaps, 1, `${label}: the output map fills in`);
        // Narrow boxes show one input channel at a time; wide ones every channel, unless ten rows leave no room (then one too).
        if (width < 560 || c.layer === 'conv_1_2') assert.ok(facts.inputMaps === 1 || (width >= 560 && facts.inputMaps === cin), `${label}: ${facts.inputMaps} input maps`);
        else assert.is(facts.inputMaps, cin, `${label}: every input channel`);
      } else if (c.subject === 'kernel') {
        assert.is(facts.focus, 'kernels');
        assert.is(facts.kernels, cin, `${label}: every kernel`);
        assert.is(facts.outputMaps, 1, `${label}: beside the output map`);
      } else if (c.subject === 'sum') {
        assert.is(facts.focus, 'output');
      } else {
        assert.is(facts.focus, 'count');
        assert.is(facts.tiles, cin * 10, `${label}: one tile per kernel`);
        assert.is(facts.kernelCount, String(cin * 10));
        assert.match(facts.params!, cin === 10 ? /3·3·10·10 weights \+ 10 biases = 910/ : /3·3·3·10 weights \+ 10 biases = 280/);
      }
      if (c.layer === 'conv_1_1' || c.subject === 'count') await screenshot(page, `conv-fitted-${box}-${c.subject}-${c.layer}`);
    }
  }, { viewport: box, reducedMotion: true });
}

it('on a phone, one input channel at a time: the switcher picks it, and the kernel\'s tab stop follows', async ({ page, url }) => {
  await open(page, url);
  await fitInBox(page, TAG, 'phone', 'window', { layer: 'conv_1_1', channel: 0 });
  await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.switch button')][1].click());
  await page.$eval(TAG, (el) => (el as ConvInPage).updateComplete);
  const s = await page.$eval(TAG, (el) => {
    const root = el.shadowRoot!;
    return {
      pressed: [...root.querySelectorAll('.switch button')].map((b) => b.getAttribute('aria-pressed')),
      input: root.querySelector<HTMLElement>('.input-map')!.dataset.ci,
      caption: root.querySelector('.fit-single figcaption')!.textContent,
      kernelTabStop: root.querySelector<HTMLElement>('.kernel [tabindex="0"]')?.dataset.ci,
      share: root.querySelector<HTMLElement>('[data-role=share]')!.dataset.ci,
    };
  });
  assert.equal(s.pressed, ['false', 'true', 'false']);
  assert.is(s.input, '1');
  assert.match(s.caption!, /green channel of the picture/);
  assert.is(s.kernelTabStop, '1', 'the green kernel holds the tab stop');
  assert.is(s.share, '1');
  assert.equal(await numberProblems(page), []);
  assert.equal(await fitProblems(page, TAG), []);
}, { viewport: 'phone', reducedMotion: true });

it('the Controls button opens the pickers and the playback, the figure still fits, and a step is announced', async ({ page, url }) => {
  await open(page, url);
  await fitInBox(page, TAG, 'phone', 'window', { layer: 'conv_1_1', channel: 0 });
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('.controls-toggle')!.click());
  await page.$eval(TAG, async (el) => { for (let i = 0; i < 4; i++) { await (el as ConvInPage).updateComplete; await new Promise(requestAnimationFrame); } });
  const open1 = await page.$eval(TAG, (el) => ({
    expanded: el.shadowRoot!.querySelector('.controls-toggle')!.getAttribute('aria-expanded'),
    panel: !el.shadowRoot!.querySelector<HTMLElement>('.fit-controls')!.hidden,
    selects: el.shadowRoot!.querySelectorAll('.fit-controls select').length,
  }));
  assert.equal(open1, { expanded: 'true', panel: true, selects: 3 }, 'layer, channel and speed');
  assert.equal(await fitProblems(page, TAG), [], 'with the controls open');
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('.fit-controls button[aria-label="Step back"]')!.click());
  const said = await page.$eval(TAG, (el) => ({ step: (el as ConvInPage).playback.step, text: el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent }));
  assert.is(said.step, 62 * 62 - 2);
  assert.match(said.text!, /^Output \(61, 60\) = .+ \+ bias .+ = /);
  await page.$eval(TAG, (el) => {
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('.fit-controls select[aria-label="Convolution layer"]')!;
    select.value = 'conv_2_1';
    select.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction((tag) => (document.querySelector(tag) as ConvInPage).data?.layer.name === 'conv_2_1', {}, TAG);
  await page.$eval(TAG, async (el) => { for (let i = 0; i < 6; i++) { await (el as ConvInPage).updateComplete; await new Promise(requestAnimationFrame); } });
  assert.equal(await fitProblems(page, TAG), [], 'conv_2_1, ten input channels, one at a time');
  await screenshot(page, 'conv-fitted-phone-controls-open');
}, { viewport: 'phone', reducedMotion: true });

/** The element in focus inside the view, as weight or kernel coordinates. */
const focused = (page: Page) => page.$eval(TAG, (el) => {
  const a = el.shadowRoot!.activeElement as HTMLElement | null;
  return a ? { ...a.dataset } : null;
});

it('kernels are one tab stop with arrow keys inside, across kernels side by side and in the grid of all kernels', async ({ page, url }) => {
  await open(page, url);
  await fitInBox(page, TAG, 'desktop', 'kernel', { layer: 'conv_1_1', channel: 0 });
  assert.is(await tabStops(page, TAG, '.fk-kernels'), 1, 'three kernels, one tab stop');
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.kernel [tabindex="0"]')!.focus());
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown'] as const) await page.keyboard.press(key);
  let f = await focused(page);
  assert.equal([f?.ci, f?.ky, f?.kx], ['1', '1', '0'], 'right from red\'s last column reaches green');
  assert.is(await tabStops(page, TAG, '.fk-kernels'), 1, 'the tab stop moved with the focus');
  await page.keyboard.press('Tab');
  f = await focused(page);
  assert.not.ok(f?.role === 'weight', 'Tab leaves the kernels');

  await fitInBox(page, TAG, 'desktop', 'count', { layer: 'conv_1_2', channel: 0 });
  assert.is(await tabStops(page, TAG, '.count-grid'), 1, '100 kernels, one tab stop');
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.count-grid [tabindex="0"]')!.focus());
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowRight'] as const) await page.keyboard.press(key);
  f = await focused(page);
  assert.equal([f?.co, f?.ci], ['2', '2']);
  const caption = await page.$eval(TAG, (el) => {
    const view = el as ConvInPage;
    const { kernel, kernelShape } = view.network.info.params.conv_1_2;
    const [, , cin, cout] = kernelShape;
    const want = Array.from({ length: 9 }, (_, k) => kernel[(k * cin + 2) * cout + 2]);
    const shown = el.shadowRoot!.querySelector('[data-role=kernel-weights]')!.textContent!.split(', ').map((t) => Number(t.replace('−', '-')));
    return { want, shown, text: el.shadowRoot!.querySelector('[data-role=count-caption]')!.textContent!.replace(/\s+/g, ' ') };
  });
  assert.match(caption.text, /Kernel from relu_1_1 channel 2 to output channel 2/);
  caption.want.forEach((w, i) => assert.ok(Math.abs(w - caption.shown[i]) <= 0.0051, `weight ${i}: ${caption.shown[i]} vs ${w}`));
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowDown');
  f = await focused(page);
  assert.equal([f?.co, f?.ci], ['9', '2'], 'the last row holds');
}, { reducedMotion: true });

it('on the blank page, every kernel grid is one tab stop: the channel rows\' kernels and the grid of all kernels', async ({ page, url }) => {
  await open(page, url);
  const stops = await page.$eval(TAG, (el) => {
    const root = el.shadowRoot!;
    const tabbable = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)].filter((e) => e.tabIndex >= 0).length;
    return { rowKernels: tabbable('.rows .kernel .cell'), numberGrids: tabbable('.window-math .cell'), allKernels: tabbable('.count-grid .tile') };
  });
  assert.equal(stops, { rowKernels: 1, numberGrids: 0, allKernels: 1 });
});

it('has no accessibility violations of its own in any fitted subject (axe)', async ({ page, url }) => {
  await open(page, url);
  for (const c of CASES.slice(0, 4)) {
    await fitInBox(page, TAG, 'phone', c.subject, { layer: c.layer, channel: c.channel });
    assert.equal(await axeViolations(page), [], c.subject);
  }
}, { viewport: 'phone', reducedMotion: true });

run();
