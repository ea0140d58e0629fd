/**
 * The overview's panels show the network's real numbers: a neuron's kernels are the
 * model's weights, the numbers panel is the input's pixels × 255, the traced field is the
 * square the layer geometry gives (counted here by hand for Tiny VGG), and the colour key
 * says which hue is which sign.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { shimNames } from './framing-support';

const { it, run } = browserSuite('cnn-overview panels');

interface Info { layers: { name: string; shape: number[] }[]; params: Record<string, { kernelShape: number[]; kernel: Float32Array; bias: Float32Array }> }
type Overview = HTMLElement & { network: { run: { values: Float32Array[]; probabilities: Float32Array } | null; info: Info } };

async function open(page: Page, url: (p: string) => string, attrs: Record<string, string>, box = [851, 836]): Promise<void> {
  await shimNames(page);
  await page.goto(url('/test-pages/overview-fit.html'));
  await page.$eval('#box', (el, [w, h]) => { (el as HTMLElement).style.width = `${w}px`; (el as HTMLElement).style.height = `${h}px`; }, box);
  await page.$eval('cnn-overview', (el, a) => { for (const [k, v] of Object.entries(a)) el.setAttribute(k, v); }, attrs);
  await page.waitForFunction(() => Boolean((document.querySelector('cnn-overview') as Overview | null)?.network?.run), { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 200)));
}

it('the kernel panel shows the selected neuron\'s weights and bias, as numbers and colours, exactly the model\'s', async ({ page, url }) => {
  await open(page, url, { subject: 'kernel', selected: 'conv_1_2:3' });
  const facts = await page.$eval('cnn-overview', (node) => {
    const el = node as Overview;
    const p = el.network.info.params.conv_1_2;
    const [kh, kw, cin, cout] = p.kernelShape;
    const root = el.shadowRoot!;
    const panel = root.querySelector('[data-part="kernel"]')!;
    const shown = [...panel.querySelectorAll<HTMLElement>('.kernel')].map((k) => [...k.querySelectorAll<HTMLElement>('.w')].map((c) => ({ weight: Number(c.dataset.weight), text: c.textContent!.trim(), bg: c.style.background })));
    // The reference: TF's layout, kernel[((ky * kw + kx) * cin + ci) * cout + co].
    const want = Array.from({ length: cin }, (_, ci) => Array.from({ length: kh * kw }, (_, k) => p.kernel[(k * cin + ci) * cout + 3]));
    return { shown, want, bias: Number(panel.querySelector<HTMLElement>('[data-bias]')!.dataset.bias), wantBias: p.bias[3], marked: panel.hasAttribute('data-step-focus') };
  });
  assert.is(facts.shown.length, 10, 'one grid per input channel');
  facts.shown.forEach((grid, ci) => grid.forEach((cell, k) => {
    assert.ok(Math.abs(cell.weight - facts.want[ci][k]) < 1e-7, `channel ${ci}, weight ${k}: ${cell.weight} vs ${facts.want[ci][k]}`);
    const printed = Number(cell.text.replace('\u2212', '-'));
    assert.ok(Math.abs(printed - facts.want[ci][k]) <= 0.005 + 1e-9, `channel ${ci}, weight ${k} is written ${cell.text}`);
    assert.ok(cell.bg.startsWith('rgb'), 'and coloured');
  }));
  assert.ok(Math.abs(facts.bias - facts.wantBias) < 1e-7, 'the bias');
  assert.ok(facts.marked, 'the panel is the step\'s subject');
  await screenshot(page, 'overview-panel-kernel');
});

it('the numbers panel shows the selected input channel\'s pixels as bytes (× 255) and as the network reads them (÷ 255)', async ({ page, url }) => {
  await open(page, url, { subject: 'numbers', selected: 'input:1' }, [366, 424]);
  const cells = await page.$eval('cnn-overview', (node) => {
    const el = node as Overview;
    const input = el.network.run!.values[0];
    return [...el.shadowRoot!.querySelectorAll<HTMLElement>('table.patch td')].map((td) => {
      const row = Number(td.dataset.row);
      const col = Number(td.dataset.col);
      return { row, col, byte: td.querySelector('b')!.textContent!.trim(), fraction: td.querySelector('span')!.textContent!.trim(), value: input[(row * 64 + col) * 3 + 1] };
    });
  });
  assert.ok(cells.length >= 25, `a readable patch (${cells.length} cells)`);
  for (const c of cells) {
    const byte = Math.round(c.value * 255);
    assert.is(c.byte, String(byte), `(${c.row}, ${c.col})`);
    // Shrinking a picture averages pixels, so the input is a byte ÷ 255 to within half a step.
    assert.ok(Math.abs(byte / 255 - c.value) <= 0.5 / 255 + 1e-7, `(${c.row}, ${c.col}): the input is the byte ÷ 255`);
    assert.is(c.fraction, c.value.toFixed(2), `(${c.row}, ${c.col}): the network's own input`);
  }
  // The square drawn on the channel is where the table's numbers come from.
  const box = await page.$eval('cnn-overview', (el) => { const d = el.shadowRoot!.querySelector<HTMLElement>('.ov-patch')!.dataset; return { rows: d.rows, cols: d.cols }; });
  const rows = cells.map((c) => c.row);
  const cols = cells.map((c) => c.col);
  assert.is(box.rows, `${Math.min(...rows)}-${Math.max(...rows)}`);
  assert.is(box.cols, `${Math.min(...cols)}-${Math.max(...cols)}`);
  // Arrow keys move the square.
  await page.evaluate(() => (document.querySelector('cnn-overview')!.shadowRoot!.querySelector('canvas[data-control="patch"]') as HTMLElement).focus());
  await page.keyboard.press('ArrowDown');
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const first = await page.$eval('cnn-overview', (el) => Number(el.shadowRoot!.querySelector<HTMLElement>('table.patch td')!.dataset.row));
  assert.is(first, Math.min(...rows) + 1, 'ArrowDown moves the square a row down');
  await screenshot(page, 'overview-panel-numbers', false);
});

it('the field panel traces the strongest max_pool_2 value to a 16 × 16 square of input pixels, where the geometry puts it', async ({ page, url }) => {
  await open(page, url, { subject: 'field', selected: 'max_pool_2:0' });
  const f = await page.$eval('cnn-overview', (node) => {
    const el = node as Overview;
    const li = el.network.info.layers.findIndex((l) => l.name === 'max_pool_2');
    const v = el.network.run!.values[li];
    let best = { row: 0, col: 0, value: -Infinity };
    for (let r = 0; r < 13; r++) for (let c = 0; c < 13; c++) if (v[(r * 13 + c) * 10] > best.value) best = { row: r, col: c, value: v[(r * 13 + c) * 10] };
    const root = el.shadowRoot!;
    return {
      best,
      input: root.querySelector<HTMLElement>('[data-field-input]')!.dataset.fieldInput,
      lit: [...root.querySelectorAll<HTMLElement>('.wide .ov-field')].map((o) => o.dataset.layer),
    };
  });
  // By hand: pool 2 × 2 stride 2, two 3 × 3 convs, pool, two 3 × 3 convs: value (r, c) sees rows 4r … 4r + 15.
  assert.is(f.input, `${4 * f.best.row},${4 * f.best.col},16,16`);
  const per = (name: string) => f.lit.filter((l) => l === name).length;
  assert.equal([per('relu_2_2'), per('conv_2_2'), per('relu_2_1'), per('max_pool_1'), per('input')], [1, 1, 10, 10, 3], 'lit on the channel it keeps to, then on every channel');
  await screenshot(page, 'overview-panel-field');
});

it('pointing at a conv_1_2 value lights its 5 × 5 input field in every earlier layer', async ({ page, url }) => {
  await open(page, url, { subject: 'network' }, [1000, 836]);
  const target = await page.$eval('cnn-overview', (el) => {
    const r = el.shadowRoot!.querySelector('canvas.map[data-layer="conv_1_2"][data-channel="2"]')!.getBoundingClientRect();
    // The value at row 30, column 12 of the 60 × 60 map.
    return { x: r.left + (12.5 / 60) * r.width, y: r.top + (30.5 / 60) * r.height };
  });
  await page.mouse.move(target.x, target.y);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
  const lit = await page.$eval('cnn-overview', (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.wide .ov')].map((o) => ({ layer: o.dataset.layer, kind: o.className })));
  const input = lit.filter((o) => o.layer === 'input');
  assert.is(input.length, 3, 'on each colour channel');
  assert.is(lit.filter((o) => o.layer === 'relu_1_1').length, 10);
  assert.is(lit.filter((o) => o.layer === 'conv_1_2').length, 1, 'the value itself');
  const readout = await page.$eval('cnn-overview', (el) => el.shadowRoot!.querySelector('.readout')!.textContent!);
  assert.match(readout, /row 30, column 12 depends on 5 × 5 input pixels/);
});

it('focusing a map traces its strongest value, and Shift + arrow keys move the traced value inside it', async ({ page, url }) => {
  await open(page, url, { subject: 'network' }, [1000, 836]);
  await page.evaluate(() => (document.querySelector('cnn-overview')!.shadowRoot!.querySelector('canvas.map[data-layer="max_pool_1"][data-channel="4"]') as HTMLElement).focus());
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const before = await page.$eval('cnn-overview', (el) => el.shadowRoot!.querySelector('.readout')!.textContent!);
  const m = /row (\d+), column (\d+) depends on 6 × 6 input pixels/.exec(before);
  assert.ok(m, `the readout names the traced value and its 6 × 6 field: ${before}`);
  const strongest = await page.$eval('cnn-overview', (node) => {
    const el = node as Overview;
    const li = el.network.info.layers.findIndex((l) => l.name === 'max_pool_1');
    const v = el.network.run!.values[li];
    let best = { row: 0, col: 0, value: -Infinity };
    for (let r = 0; r < 30; r++) for (let c = 0; c < 30; c++) if (v[(r * 30 + c) * 10 + 4] > best.value) best = { row: r, col: c, value: v[(r * 30 + c) * 10 + 4] };
    return best;
  });
  assert.equal([Number(m![1]), Number(m![2])], [strongest.row, strongest.col], 'the strongest value of the map');
  const step = strongest.col < 29 ? 'ArrowRight' : 'ArrowLeft';
  await page.keyboard.down('Shift');
  await page.keyboard.press(step);
  await page.keyboard.up('Shift');
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const after = await page.$eval('cnn-overview', (el) => el.shadowRoot!.querySelector('.readout')!.textContent!);
  assert.match(after, new RegExp(`row ${strongest.row}, column ${strongest.col + (step === 'ArrowRight' ? 1 : -1)} depends on 6 × 6`));
  const focused = await page.$eval('cnn-overview', (el) => (el.shadowRoot!.activeElement as HTMLElement).dataset.layer);
  assert.is(focused, 'max_pool_1', 'focus stays on the map');
});

it('on a blank page, choosing a convolution map shows its numbers, its neuron\'s kernels and a traced field under the network', async ({ page, url }) => {
  await shimNames(page);
  await page.goto(url('/test-pages/overview.html'));
  await page.waitForFunction(() => Boolean((document.querySelector('cnn-overview') as Overview | null)?.network?.run), { timeout: 60_000 });
  await page.evaluate(() => (document.querySelector('cnn-overview')!.shadowRoot!.querySelector('canvas.map[data-layer="conv_2_1"][data-channel="7"]') as HTMLElement).click());
  await page.waitForFunction(() => document.querySelector('cnn-overview')!.shadowRoot!.querySelectorAll('.panels [data-part]').length === 3, { timeout: 10_000 });
  const parts = await page.$eval('cnn-overview', (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.panels [data-part]')].map((p) => p.dataset.part));
  assert.equal(parts.sort(), ['field', 'kernel', 'numbers']);
  const title = await page.$eval('cnn-overview', (el) => el.shadowRoot!.querySelector('[data-part="field"] .panel-title')!.textContent!.replace(/\s+/g, ' '));
  assert.match(title, /conv_2_1, channel 7, .* depends on 10 × 10 input pixels/);
  // A click on the field panel's map traces the value there.
  const box = await page.$eval('cnn-overview', (el) => { const c = el.shadowRoot!.querySelector('canvas[data-control="value"]')!; c.scrollIntoView({ block: 'center', behavior: 'instant' }); const r = c.getBoundingClientRect(); return { x: r.left + (3.5 / 28) * r.width, y: r.top + (20.5 / 28) * r.height }; });
  await page.mouse.click(box.x, box.y);
  await page.mouse.move(0, 0);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const input = await page.$eval('cnn-overview', (el) => el.shadowRoot!.querySelector<HTMLElement>('[data-field-input]')!.dataset.fieldInput);
  // conv_2_1 (r, c) reads max_pool_1 r…r+2, which reads relu_1_2 2r…2r+5, then 2r…2r+9 in the input.
  assert.is(input, `${2 * 20},${2 * 3},10,10`);
  await screenshot(page, 'overview-panels-unfitted', true);
});

it('the colour key says purple is below 0 and orange above, matching the painted maps', async ({ page, url }) => {
  await open(page, url, { subject: 'legend', selected: 'input:2' }, [366, 424]);
  const key = await page.$eval('cnn-overview', (el) => [...el.shadowRoot!.querySelectorAll('.key > span')].map((s) => ({
    text: s.textContent!.trim(),
    colours: [...s.querySelectorAll<HTMLElement>('.sw')].map((sw) => getComputedStyle(sw).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number)),
  })));
  const below = key.find((k) => /below 0/.test(k.text))!;
  const above = key.find((k) => /above 0/.test(k.text))!;
  const zero = key.find((k) => /about 0/.test(k.text))!;
  for (const [r, , b] of below.colours) assert.ok(b > r, `below 0 is purple (rgb ${r}, …, ${b})`);
  for (const [r, , b] of above.colours) assert.ok(r > b + 60, `above 0 is orange to brown (rgb ${r}, …, ${b})`);
  assert.ok(zero.colours[0].every((c) => c > 225), 'about 0 is near-white');
  const legends = await page.$eval('cnn-overview', (el) => el.shadowRoot!.querySelectorAll('[data-part="legend"] .legend').length);
  assert.is(legends, 4, 'a legend per colour range (per layer: four)');
  await screenshot(page, 'overview-panel-legend', false);
});

run();
