/**
 * "Change it and see" in <cnn-overview>: the selected map's channel switched off (button, or
 * O on a focused map) is 0 in its conv and in the ReLU that passes it on (both maps striped
 * as switched off), the next conv
 * computes from those zeros (a plain loop agrees), the prediction before → after shows with
 * one Reset that brings back the trained run; the edits attribute and cnn-edits carry it
 * both ways, and edits that do not fit the network warn once.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { captureWarnings, openView, settle, whenDrawn } from './views-support';

const { it, run } = browserSuite('cnn-overview channel switch');
const TAG = 'cnn-overview';
const PAGE = '/test-pages/overview-edit.html';

type OverviewInPage = HTMLElement & {
  cols: { name: string }[];
  network: {
    info: { url: string; layers: { name: string; shape: number[] }[]; params: Record<string, { kernel: Float32Array; bias: Float32Array; kernelShape: number[] }> } | null;
    run: { values: Float32Array[]; probabilities: Float32Array } | null;
    phase: string;
  };
};

const whenModel = (page: Page, edits: string) => whenDrawn(page, page.waitForFunction((tag, edits) => {
  const el = document.querySelector(tag) as OverviewInPage | null;
  const url = el?.network.info?.url ?? '';
  const want = edits ? url.endsWith(`#edits=${edits}`) : !url.includes('#');
  return Boolean(want && el?.network.run && el.network.phase === 'ready'
    && (edits || el.shadowRoot!.querySelector('[data-role="channel-switch"]')));
}, { timeout: 60_000 }, TAG, edits), async () => page.$eval(TAG, (el) => `edits=${el.getAttribute('edits')} url=${(el as OverviewInPage).network.info?.url} phase=${(el as OverviewInPage).network.phase}`));

const open = (page: Page, url: (p: string) => string) => openView(page, url, PAGE, (p) => whenModel(p, ''));

/** Every layer's values by name, and the layers' shapes and parameters. */
const snapshot = (page: Page) => page.$eval(TAG, (node) => {
  const el = node as OverviewInPage;
  const info = el.network.info!;
  const values: Record<string, number[]> = {};
  info.layers.forEach((l, i) => { values[l.name] = [...el.network.run!.values[i]]; });
  const p = info.params.conv_1_2;
  return { values, shapes: Object.fromEntries(info.layers.map((l) => [l.name, l.shape])), conv12: { kernel: [...p.kernel], bias: [...p.bias], kernelShape: p.kernelShape }, probabilities: [...el.network.run!.probabilities] };
});

/** How many distinct colours the network's map of `layer` channel `c` shows. */
const mapColours = (page: Page, layer: string, c: number) => page.$eval(TAG, (node, layer, c) => {
  const el = node as OverviewInPage;
  const column = el.cols.findIndex((col) => col.name === layer);
  const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>(`[data-part="network"] canvas[data-column="${column}"][data-channel="${c}"]`)!;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return colours.size;
}, layer, c);

/** The network's maps marked switched off: `layer:channel` and the map's accessible name. */
const offMaps = (page: Page) => page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('[data-part="network"] canvas[data-off]')]
  .map((c) => `${c.dataset.layer}:${c.dataset.channel} ${c.getAttribute('aria-label')}`));

/** The RGB of some pixels of the network's map of `layer` channel `c`. */
const pixels = (page: Page, layer: string, c: number, at: [number, number][]) => page.$eval(TAG, (node, layer, c, at) => {
  const el = node as OverviewInPage;
  const column = el.cols.findIndex((col) => col.name === layer);
  const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>(`[data-part="network"] canvas[data-column="${column}"][data-channel="${c}"]`)!;
  return at.map(([x, y]) => [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data.slice(0, 3)]);
}, layer, c, at);

const channel = (values: number[], channels: number, c: number) => values.filter((_, i) => i % channels === c);

/** conv_1_2 by plain loops from relu_1_1's values (valid padding, stride 1). */
function conv12(s: Awaited<ReturnType<typeof snapshot>>): number[] {
  const input = s.values.relu_1_1;
  const [ih, iw, cin] = s.shapes.relu_1_1;
  const [kh, kw, , cout] = s.conv12.kernelShape;
  const out: number[] = [];
  for (let y = 0; y <= ih - kh; y++) for (let x = 0; x <= iw - kw; x++) for (let co = 0; co < cout; co++) {
    let sum = s.conv12.bias[co];
    for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) for (let c = 0; c < cin; c++) {
      sum += input[((y + ky) * iw + x + kx) * cin + c] * s.conv12.kernel[((ky * kw + kx) * cin + c) * cout + co];
    }
    out.push(sum);
  }
  return out;
}

const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), a.length === b.length ? 0 : Infinity);

const listenForEdits = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { __edits: string[] };
  w.__edits = [];
  document.addEventListener('cnn-edits', (e) => w.__edits.push((e as CustomEvent<{ edits: string }>).detail.edits));
});
const editEvents = (page: Page) => page.evaluate(() => (window as unknown as { __edits: string[] }).__edits);
const switchState = (page: Page) => page.$eval(TAG, (el) => {
  const b = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-role="channel-switch"]');
  return b ? { pressed: b.getAttribute('aria-pressed'), text: b.textContent!.trim() } : null;
});

it('switching the selected map\'s channel off zeroes it in its conv and ReLU, the next conv computes from the zeros, and Reset brings back the trained run', async ({ page, url }) => {
  await open(page, url);
  await listenForEdits(page);
  const before = await snapshot(page);
  assert.ok(await mapColours(page, 'relu_1_1', 3) > 1);
  assert.equal(await switchState(page), { pressed: 'false', text: 'Switch channel 3 off' });
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-role="channel-switch"]')!.click());
  await whenModel(page, '1*a.conv_1_1.3');
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('edits')), '1*a.conv_1_1.3');
  assert.equal(await editEvents(page), ['1*a.conv_1_1.3']);
  assert.is((await switchState(page))!.pressed, 'true');
  const after = await snapshot(page);
  const cout = before.shapes.conv_1_1[2];
  assert.ok(channel(before.values.relu_1_1, cout, 3).some((v) => v > 0), 'the channel was alive before');
  assert.ok(channel(after.values.conv_1_1, cout, 3).every((v) => v === 0), 'the conv channel is 0');
  assert.ok(channel(after.values.relu_1_1, cout, 3).every((v) => v === 0), 'its ReLU is 0');
  for (const c of [0, 1, 2, 4, 9]) assert.equal(channel(after.values.conv_1_1, cout, c), channel(before.values.conv_1_1, cout, c), `channel ${c} is untouched`);
  assert.ok(maxDiff(after.values.conv_1_2, conv12(after)) < 1e-4, 'conv_1_2 computes from the zeroed channel');
  // Repainted as switched off: the flat colour of 0 under red stripes, on the conv's map and its ReLU's only.
  assert.equal(await offMaps(page), ['conv_1_1:3 conv_1_1, channel 3, 62 by 62, values 0 to 0, switched off', 'relu_1_1:3 relu_1_1, channel 3, 62 by 62, values 0 to 0, switched off']);
  for (const layer of ['conv_1_1', 'relu_1_1']) {
    assert.is(await mapColours(page, layer, 3), 2, `${layer} channel 3: two colours, 0 and its stripes`);
    const [stripe, plain] = await pixels(page, layer, 3, [[0, 0], [5, 0]]);
    assert.ok(stripe[0] - stripe[2] > plain[0] - plain[2] + 30, `the stripe is redder than the flat 0 (${stripe} vs ${plain})`);
  }
  assert.ok(maxDiff(after.values.conv_1_2, before.values.conv_1_2) > 1e-3, 'and differs from before');
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[data-role="prediction-change"][data-before]'), { timeout: 30_000 }, TAG);
  const text = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[data-role="prediction-change"]')!.textContent!.replace(/\s+/g, ' ').trim());
  assert.match(text, /^espresso \d+ % → \d+ %/);
  await screenshot(page, 'edits-overview-off', false);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-role="reset-edits"]')!.click());
  await whenModel(page, '');
  assert.equal(await editEvents(page), ['1*a.conv_1_1.3', '']);
  const reset = await snapshot(page);
  assert.equal(await offMaps(page), [], 'no map is striped once the channel is back');
  assert.ok(await mapColours(page, 'relu_1_1', 3) > 2);
  assert.equal(reset.values.conv_1_2, before.values.conv_1_2);
  assert.equal(reset.probabilities, before.probabilities);
});

it('O on a focused map switches the channel behind it off (a ReLU map: its conv\'s channel) and on again', async ({ page, url }) => {
  await open(page, url);
  await listenForEdits(page);
  const column = await page.$eval(TAG, (el) => (el as OverviewInPage).cols.findIndex((c) => c.name === 'relu_1_2'));
  await page.$eval(TAG, (el, column) => el.shadowRoot!.querySelector<HTMLElement>(`.map[data-column="${column}"][data-channel="5"]`)!.focus(), column);
  await page.keyboard.press('o');
  await whenModel(page, '1*a.conv_1_2.5');
  await page.$eval(TAG, (el, column) => el.shadowRoot!.querySelector<HTMLElement>(`.map[data-column="${column}"][data-channel="5"]`)!.focus(), column);
  await page.keyboard.press('o');
  await whenModel(page, '');
  assert.equal(await editEvents(page), ['1*a.conv_1_2.5', '']);
});

it('edits set from outside run and show on the switch; edits that do not fit the network warn once and the trained network runs', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await open(page, url);
  await page.$eval(TAG, (el) => el.setAttribute('edits', '1*a.conv_1_1.3.7'));
  await whenModel(page, '1*a.conv_1_1.3.7');
  assert.is((await switchState(page))!.pressed, 'true');
  const s = await snapshot(page);
  assert.ok(channel(s.values.relu_1_1, 10, 7).every((v) => v === 0));
  await page.$eval(TAG, (el) => el.setAttribute('edits', '1*a.conv_9_9.1'));
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('.edits-problem'), { timeout: 30_000 }, TAG);
  await whenModel(page, '');
  await page.$eval(TAG, (el) => { el.setAttribute('edits', ''); el.setAttribute('edits', '1*a.conv_9_9.1'); });
  await settle(page, 300);
  assert.is(warnings.filter((w) => w.includes('edits="1*a.conv_9_9.1"')).length, 1, JSON.stringify(warnings));
  assert.match(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.edits-problem')!.textContent!), /no layer called "conv_9_9"/);
});

it('on a 390 px phone it needs no sideways scrolling, with an edit in force (screenshot)', async ({ page, url }) => {
  await open(page, url);
  const edits = '1*a.conv_1_1.3';
  await page.$eval(TAG, (el, e) => el.setAttribute('edits', e), edits);
  await whenModel(page, edits);
  await page.waitForFunction((tag) => document.querySelector(tag)!.shadowRoot!.querySelector('[data-role="prediction-change"][data-before]'), { timeout: 30_000 }, TAG);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.channel-switch')!.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'edits-overview-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide`);
}, { viewport: 'phone' });

run();
