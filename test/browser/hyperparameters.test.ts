import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { screenshot } from '../support/browser';
import { captureWarnings, pageOverflow } from './views-support';
import { viewSuite } from './view-suite';

const view = viewSuite('cnn-hyperparameters', {
  page: 'hyperparameters',
  shown: (page) => page.waitForFunction(() => {
    const el = document.querySelector('cnn-hyperparameters');
    return Boolean(el?.data) && el!.shadowRoot!.querySelector('.formula .katex');
  }, { timeout: 60_000 }).then(() => undefined),
});
const { it, open } = view;

type Settings = Partial<Record<'input-size' | 'padding' | 'kernel-size' | 'stride' | 'dilation', number>>;

async function set(page: Page, settings: Settings) {
  await page.$eval('cnn-hyperparameters', async (el, settings) => {
    for (const [k, v] of Object.entries(settings)) el.setAttribute(k, String(v));
    await el.updateComplete;
    el.playback.pause();
    el.playback.seek(el.playback.total - 1);
    await el.updateComplete;
  }, settings);
}

/** What the view shows, and what the test works out itself from the network's input. */
async function shownAndExpected(page: Page) {
  return page.$eval('cnn-hyperparameters', (el) => {
    const root = el.shadowRoot!;
    const { inputSize: n, padding: p, kernelSize: k, stride: s, dilation: d } = el.settings;
    const [h, w, c] = el.network.info!.layers[0].shape;
    const image = el.network.run!.values[0];
    // The red channel shrunk to n × n by block means, then padded with zeros.
    const N = n + 2 * p;
    const padded = new Array(N * N).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const r0 = Math.floor((i * h) / n), r1 = Math.max(r0 + 1, Math.floor(((i + 1) * h) / n));
      const c0 = Math.floor((j * w) / n), c1 = Math.max(c0 + 1, Math.floor(((j + 1) * w) / n));
      let sum = 0;
      for (let r = r0; r < r1; r++) for (let q = c0; q < c1; q++) sum += image[(r * w + q) * c];
      padded[(i + p) * N + j + p] = sum / ((r1 - r0) * (c1 - c0));
    }
    const span = d * (k - 1) + 1;
    const m = Math.max(0, Math.floor((N - span) / s) + 1);
    const outputs: number[] = [];
    for (let r = 0; r < m; r++) for (let q = 0; q < m; q++) {
      let sum = 0;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sum += padded[(r * s + a * d) * N + q * s + b * d];
      outputs.push(sum / (k * k));
    }
    const read = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)].map((e) => ({ row: Number(e.dataset.row), col: Number(e.dataset.col), value: e.dataset.value === undefined ? NaN : Number(e.dataset.value) }));
    const tex = root.querySelector('.formula annotation')?.textContent ?? '';
    return {
      N, m, padded, outputs,
      inputCells: read('.grid.in .c'),
      outputCells: read('.grid.out .c'),
      outSize: Number(root.querySelector<HTMLElement>('[data-formula=size]')!.dataset.outSize),
      tex,
      notes: [...root.querySelectorAll<HTMLElement>('.note')].map((e) => ({ kind: e.dataset.kind, text: e.textContent!.replace(/\s+/g, ' ') })),
      noOutput: Boolean(root.querySelector('[data-role=no-output]')),
    };
  });
}

function assertMatches(r: Awaited<ReturnType<typeof shownAndExpected>>, label: string) {
  assert.is(r.inputCells.length, r.N * r.N, `${label}: one input cell per padded position`);
  for (const c of r.inputCells) assert.ok(Math.abs(c.value - r.padded[c.row * r.N + c.col]) < 1e-5, `${label}: input (${c.row}, ${c.col}) shows ${c.value}, expected ${r.padded[c.row * r.N + c.col]}`);
  assert.is(r.outSize, r.m, `${label}: output size`);
  assert.is(r.outputCells.length, r.m * r.m);
  for (const c of r.outputCells) assert.ok(Math.abs(c.value - r.outputs[c.row * r.m + c.col]) < 1e-5, `${label}: output (${c.row}, ${c.col}) shows ${c.value}, expected ${r.outputs[c.row * r.m + c.col]}`);
}

it('works alone on a blank page and slides over the real image, not zeros', async ({ page, url }) => {
  await open(page, url);
  await set(page, {});
  const r = await shownAndExpected(page);
  assertMatches(r, 'defaults');
  const values = r.inputCells.map((c) => c.value);
  assert.ok(Math.max(...values) - Math.min(...values) > 0.1, 'the patch has the picture in it');
  assert.is(r.m, 5);
  assert.match(r.tex, /n_\{\\text\{out\}\}/);
  assert.equal(r.notes.map((n) => n.kind), ['ok']);
});

it('padding, stride and dilation: every cell matches the test\'s own sums, and the formula follows', async ({ page, url }) => {
  await open(page, url);
  const cases: Settings[] = [
    { 'input-size': 8, padding: 1, 'kernel-size': 3, stride: 2, dilation: 1 },
    { 'input-size': 12, padding: 2, 'kernel-size': 3, stride: 1, dilation: 2 },
    { 'input-size': 14, padding: 0, 'kernel-size': 5, stride: 3, dilation: 1 },
    { 'input-size': 5, padding: 4, 'kernel-size': 2, stride: 4, dilation: 3 },
    { 'input-size': 9, padding: 0, 'kernel-size': 1, stride: 1, dilation: 1 },
  ];
  for (const c of cases) {
    await set(page, c);
    const r = await shownAndExpected(page);
    const label = JSON.stringify(c);
    assertMatches(r, label);
    const numbers = c.dilation === 1
      ? `\\frac{${c['input-size']} + 2 \\cdot ${c.padding} - ${c['kernel-size']}}{${c.stride}}`
      : `\\frac{${c['input-size']} + 2 \\cdot ${c.padding} - ${c.dilation} \\cdot (${c['kernel-size']} - 1) - 1}{${c.stride}}`;
    assert.ok(r.tex.includes(numbers), `${label}: the formula carries the numbers: ${r.tex}`);
    assert.ok(r.tex.includes(`= ${r.m}`), `${label}: and the result ${r.m}`);
  }
  await page.$eval('cnn-hyperparameters', (el) => el.setAttribute('image', 'koala'));
  await page.waitForFunction(() => document.querySelector('cnn-hyperparameters')!.network.run?.imageKey === 'example:koala');
  await set(page, { 'input-size': 10 });
  assertMatches(await shownAndExpected(page), 'koala');
});

it('explains impossible combinations and uneven strides in words', async ({ page, url }) => {
  await open(page, url);
  await set(page, { 'input-size': 6, padding: 0, 'kernel-size': 4, stride: 2, dilation: 3 });
  let r = await shownAndExpected(page);
  assert.is(r.notes[0].kind, 'impossible');
  assert.match(r.notes[0].text, /The kernel \(effective size 10 with dilation 3\) is larger than the input \(6\)/);
  assert.ok(r.noOutput, 'the output says why it is empty');
  assert.is(r.outputCells.length, 0);
  assert.match(r.tex, /\\le 0/);
  await set(page, { 'input-size': 3, padding: 1, 'kernel-size': 7, stride: 1, dilation: 1 });
  r = await shownAndExpected(page);
  assert.match(r.notes[0].text, /The kernel \(size 7\) is larger than the padded input \(5 = 3 \+ 2 · 1\)/);
  await set(page, { 'input-size': 7, padding: 0, 'kernel-size': 3, stride: 3, dilation: 1 });
  r = await shownAndExpected(page);
  assert.is(r.notes[0].kind, 'warning');
  assert.match(r.notes[0].text, /Stride 3 does not land evenly.*the last column and the last row are never visited.*pixels of the image/);
  assertMatches(r, 'uneven stride');
  await set(page, { 'input-size': 8, padding: 1, 'kernel-size': 3, stride: 2, dilation: 1 });
  r = await shownAndExpected(page);
  assert.match(r.notes[0].text, /They are padding, so no pixel of the image is lost/);
  await set(page, { 'input-size': 10, padding: 0, 'kernel-size': 2, stride: 4, dilation: 1 });
  r = await shownAndExpected(page);
  assert.ok(r.notes.some((n) => /Stride 4 is longer than the kernel's span \(2\): 2 columns and 2 rows between neighbouring windows are never read/.test(n.text)), JSON.stringify(r.notes));
  await screenshot(page, 'hyperparameters-warning-desktop');
});

it('sliders work from the keyboard; the formula and notes update live', async ({ page, url }) => {
  await open(page, url);
  await set(page, { 'input-size': 7, padding: 0, 'kernel-size': 3, stride: 1, dilation: 1 });
  await page.$eval('cnn-hyperparameters', (el) => el.shadowRoot!.querySelector<HTMLInputElement>('input[data-key=stride]')!.focus());
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const r = await shownAndExpected(page);
  assert.is(await page.$eval('cnn-hyperparameters', (el) => el.getAttribute('stride')), '3', 'the attribute reflects');
  assert.ok(r.tex.includes('{3}') && r.tex.includes('= 2'), r.tex);
  assert.match(r.notes[0].text, /Stride 3 does not land evenly/);
  const shown = await page.$eval('cnn-hyperparameters', (el) => el.shadowRoot!.querySelector('[data-role=value-stride]')!.textContent);
  assert.is(shown, '3');
});

it('playback: autoplay, pause, step, scrub, speed, keyboard and linked cells', async ({ page, url }) => {
  await open(page, url);
  const st = () => page.$eval('cnn-hyperparameters', (el) => ({ step: el.playback.step, total: el.playback.total, playing: el.playback.playing, speed: el.playback.speed, stepMs: el.playback.stepMs }));
  let s = await st();
  assert.ok(s.playing, 'the first pass plays by itself');
  assert.is(s.total, 25);
  assert.ok(s.stepMs * s.total <= 20_000);
  await page.$eval('cnn-hyperparameters', (el) => el.shadowRoot!.querySelector<HTMLElement>('.playback button.play')!.click());
  s = await st();
  assert.not.ok(s.playing);
  await page.$eval('cnn-hyperparameters', (el) => { el.playback.seek(6); el.shadowRoot!.querySelector<HTMLElement>('.playback button[aria-label="Step forward"]')!.click(); });
  assert.is((await st()).step, 7);
  await page.$eval('cnn-hyperparameters', (el) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.playback input[type=range]')!;
    range.value = '12';
    range.dispatchEvent(new Event('input'));
    const speed = el.shadowRoot!.querySelector<HTMLSelectElement>('.playback select')!;
    speed.value = '2';
    speed.dispatchEvent(new Event('change'));
  });
  s = await st();
  assert.is(s.step, 12);
  assert.is(s.speed, 2);
  // The window over the input: 3×3 taps starting at (2, 2) for output (2, 2).
  const taps = await page.$eval('cnn-hyperparameters', (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.grid.in .c.tap')].map((c) => `${c.dataset.row},${c.dataset.col}`));
  assert.equal(taps, ['2,2', '2,3', '2,4', '3,2', '3,3', '3,4', '4,2', '4,3', '4,4']);
  // Keyboard on the output grid.
  await page.$eval('cnn-hyperparameters', (el) => el.shadowRoot!.querySelector<HTMLElement>('.grid.out')!.focus());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.is((await st()).step, 18);
  await page.keyboard.press('Space');
  assert.ok((await st()).playing);
  await page.keyboard.press('Space');
  assert.not.ok((await st()).playing);
  const announced = await page.$eval('cnn-hyperparameters', (el) => el.shadowRoot!.querySelector('[aria-live=polite][data-role=announcement]')!.textContent);
  assert.match(announced!, /^Output \(\d, \d\) = mean of 9 cells = [\d.]+$/);
  // Hover an output cell: its window; focus the input grid: the outputs that read a cell.
  const cell = (await page.$('cnn-hyperparameters >>> .grid.out .c[data-row="0"][data-col="4"]'))!;
  await cell.hover();
  const hovered = await page.$eval('cnn-hyperparameters', (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.grid.in .c.tap')].map((c) => `${c.dataset.row},${c.dataset.col}`)[0]);
  assert.is(hovered, '0,4');
  await page.mouse.move(0, 0);
  await page.$eval('cnn-hyperparameters', (el) => { el.playback.seek(0); el.shadowRoot!.querySelector<HTMLElement>('.grid.in')!.focus(); });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const readers = await page.$eval('cnn-hyperparameters', (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.grid.out .c.reader')].map((c) => `${c.dataset.row},${c.dataset.col}`));
  assert.equal(readers, ['0,0', '1,0', '2,0'], 'input (2, 0) is read by outputs (0..2, 0)');
});

it('reduced motion: no autoplay, every output cell at once', async ({ page, url }) => {
  await open(page, url);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
  const s = await page.$eval('cnn-hyperparameters', (el) => ({
    playing: el.playback.playing, step: el.playback.step, total: el.playback.total,
    filled: el.shadowRoot!.querySelectorAll('.grid.out .c[data-value]').length,
  }));
  assert.not.ok(s.playing);
  assert.is(s.step, s.total - 1);
  assert.is(s.filled, s.total);
}, { reducedMotion: true });

it('invalid attributes warn and fall back, never throw', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await open(page, url);
  await page.$eval('cnn-hyperparameters', async (el) => {
    el.setAttribute('stride', '0');
    el.setAttribute('dilation', 'wide');
    el.setAttribute('input-size', '99');
    el.setAttribute('kernel-size', '2.5');
    await el.updateComplete;
  });
  const attrs = await page.$eval('cnn-hyperparameters', (el) => ['stride', 'dilation', 'input-size', 'kernel-size'].map((a) => el.getAttribute(a)));
  assert.equal(attrs, ['1', '1', '7', '3']);
  for (const re of [/stride="0"/, /dilation="wide"/, /input-size="99" is not a whole number from 3 to 14; using 7/, /kernel-size="2.5"/]) {
    assert.ok(warnings.some((w) => re.test(w)), `${re}: ${warnings.join('\n')}`);
  }
});

view.hasNoAxeViolations({ prepare: (page) => set(page, { 'input-size': 8, padding: 1, stride: 2 }) });

/** The settings shown at every screen size: a third of the way through a pass. */
const showSettings = async (page: Page, settings: Settings) => {
  await set(page, settings);
  await page.$eval('cnn-hyperparameters', (el) => el.playback.seek(Math.floor(el.playback.total / 3)));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
};

view.fitsEveryScreen({
  prepare: (page) => showSettings(page, { 'input-size': 8, padding: 1, stride: 2 }),
  more: async (page, viewport) => {
    for (const [name, settings] of [['largest', { 'input-size': 14, padding: 4, 'kernel-size': 3, stride: 1, dilation: 2 }], ['impossible', { 'input-size': 4, padding: 0, 'kernel-size': 7, stride: 1, dilation: 3 }]] as const) {
      await showSettings(page, settings);
      const overflow = await pageOverflow(page);
      assert.ok(overflow <= 0, `${name}: page is ${overflow}px too wide`);
      await screenshot(page, `hyperparameters-${viewport}-${name}`, true);
    }
  },
});

view.run();
