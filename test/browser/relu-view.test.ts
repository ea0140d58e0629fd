import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { withModel, settle, captureWarnings, assertSpeedMenu, assertPlaybackKeys } from './views-support';
import { mapViewSuite } from './view-suite';

const TAG = 'cnn-relu-view';
const PAGE = '/test-pages/relu-view.html';

const view = mapViewSuite(TAG, 'relu-view', { layer: 'relu_1_1', channel: 0 });
const { it, open, pause, click, whenShown, state } = view;

/**
 * Visits cells and reads back every number the view prints: outputs against the engine's
 * activation of the ReLU layer, inputs against the engine's activation of the layer before,
 * and y against max(0, x) worked out here.
 */
async function checkNumbers(page: Page, cells: [number, number][] | 'all') {
  return page.$eval(TAG, async (el, cells) => {
    const info = el.network.info!;
    const run = el.network.run!;
    const li = info.layers.findIndex((l) => l.name === el.layer);
    const [H, W, C] = info.layers[li].shape;
    const ch = el.channel;
    const engineOut = (r: number, c: number) => run.values[li][(r * W + c) * C + ch];
    const engineIn = (r: number, c: number) => run.values[li - 1][(r * W + c) * C + ch];
    const root = el.shadowRoot!;
    const { near, problem, result } = __numberCheck();
    const list = cells === 'all' ? Array.from({ length: H * W }, (_, i) => [Math.floor(i / W), i % W] as [number, number]) : cells;
    for (const [row, col] of list) {
      el.playback.pause();
      el.playback.seek(row * W + col);
      await el.updateComplete;
      const eq = root.querySelector<HTMLElement>('.equation')!;
      if (Number(eq.dataset.row) !== row || Number(eq.dataset.col) !== col) problem(`equation at ${eq.dataset.row},${eq.dataset.col}`);
      const x = Number(root.querySelector<HTMLElement>('[data-role=x]')!.dataset.value);
      const y = Number(root.querySelector<HTMLElement>('[data-role=y]')!.dataset.value);
      near(`x at (${row}, ${col})`, x, engineIn(row, col));
      near(`y at (${row}, ${col})`, y, engineOut(row, col));
      near(`y = max(0, x) at (${row}, ${col})`, y, Math.max(0, engineIn(row, col)));
      const map = root.querySelector<HTMLElement>('.output-map')!;
      near(`output map (${row}, ${col})`, Number(map.dataset.value), engineOut(row, col));
      for (const cell of root.querySelectorAll<HTMLElement>('[data-role=output], [data-role=input]')) {
        const r = Number(cell.dataset.row);
        const c = Number(cell.dataset.col);
        const want = cell.dataset.role === 'output' ? engineOut(r, c) : engineIn(r, c);
        near(`${cell.dataset.role} lens (${r}, ${c})`, Number(cell.dataset.value), want);
      }
    }
    return result();
  }, cells);
}

it('works alone on a blank page: relu_1_1 channel 0 of the espresso cup', async ({ page, url }) => {
  await open(page, url);
  const facts = await page.$eval(TAG, (el) => {
    const info = el.network.info!;
    const li = info.layers.findIndex((l) => l.name === 'relu_1_1');
    const before = el.network.run!.values[li - 1];
    let negatives = 0;
    for (let i = 0; i < 62 * 62; i++) if (before[i * 10] < 0) negatives++;
    return {
      negatives,
      shown: Number(el.shadowRoot!.querySelector<HTMLElement>('[data-role=negative-count]')!.dataset.value),
      canvases: el.shadowRoot!.querySelectorAll('canvas[data-painted]').length,
      lensCells: el.shadowRoot!.querySelectorAll('.lens .cell').length,
      image: el.network.run!.imageKey,
      inputName: el.data!.inputLayer.name,
    };
  });
  assert.is(facts.shown, facts.negatives, 'the count of zeroed values');
  assert.is(facts.canvases, 2);
  assert.is(facts.lensCells, 50, 'two 5 × 5 grids');
  assert.is(facts.image, 'example:espresso-cup');
  assert.is(facts.inputName, 'conv_1_1');
});

it('every number matches the engine: several layers, channels and two images', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  let r = await checkNumbers(page, [[0, 0], [0, 61], [61, 0], [61, 61], [3, 4], [30, 17], [44, 52]]);
  assert.equal(r.problems, [], `${r.count} mismatches`);
  assert.ok(r.checked > 250, `checked ${r.checked}`);
  for (const [image, layer, channel] of [['koala', 'relu_1_2', 6], ['koala', 'relu_2_1', 3], ['espresso-cup', 'relu_2_2', 9]] as const) {
    await page.$eval(TAG, (el, image, layer, channel) => { el.image = image; el.layer = layer; el.channel = channel; }, image, layer, channel);
    await whenShown(page, { layer, channel, image });
    await pause(page);
    r = await checkNumbers(page, layer === 'relu_2_2' ? 'all' : [[0, 0], [12, 21], [20, 20], [27, 27], [5, 9]]);
    assert.equal(r.problems, [], `${layer}:${channel} on ${image}: ${r.count} mismatches`);
  }
});


it('controls: play and pause, step, scrub, speed', async ({ page, url }) => {
  await open(page, url);
  let s = await state(page);
  assert.ok(s.playing, 'plays on its own when motion is allowed');
  assert.ok(s.total === 62 * 62);
  assert.ok(s.stepMs * s.total <= 20_000 + 1e-6, 'one pass takes at most 20 s');
  await click(page, '.playback button.play');
  s = await state(page);
  assert.not.ok(s.playing, 'the play button pauses');
  await page.$eval(TAG, (el) => el.playback.seek(10));
  await click(page, '.playback button[aria-label="Step forward"]');
  assert.is((await state(page)).step, 11);
  await click(page, '.playback button[aria-label="Step back"]');
  await click(page, '.playback button[aria-label="Step back"]');
  assert.is((await state(page)).step, 9);
  await page.$eval(TAG, (el) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.playback input[type=range]')!;
    range.value = String(62 * 7 + 3);
    range.dispatchEvent(new Event('input'));
  });
  s = await state(page);
  assert.is(s.at, '7,3', 'scrubbing moves the cell');
  await assertSpeedMenu(page, TAG, 4);
  await click(page, '.playback button.play');
  const a = (await state(page)).step;
  await settle(page, 300);
  await click(page, '.playback button.play');
  assert.ok((await state(page)).step > a + 5, 'playing advances');
});

it('keyboard: arrows move the cell on a focused map or grid, Space plays and pauses, Home and End jump', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  await page.$eval(TAG, (el) => { el.playback.seek(62 * 5 + 5); el.shadowRoot!.querySelector<HTMLElement>('.input-map')!.focus(); });
  await page.keyboard.press('ArrowRight');
  assert.is((await state(page)).at, '5,6');
  await page.keyboard.press('ArrowDown');
  assert.is((await state(page)).at, '6,6');
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.out .lens')!.focus());
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  assert.is((await state(page)).at, '5,5');
  await assertPlaybackKeys(page, TAG, async () => String((await state(page)).at), '0,0', '61,61');
});

it('links the two maps cell to cell, on hover and on focus', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  const shown = () => page.$eval(TAG, (el) => {
    const r = el.shadowRoot!;
    const box = (sel: string) => { const b = r.querySelector<HTMLElement>(sel)!; return `${parseFloat(b.style.top).toFixed(3)},${parseFloat(b.style.left).toFixed(3)}`; };
    const eq = r.querySelector<HTMLElement>('.equation')!;
    return {
      inBox: box('.input-map .box.current'), outBox: box('.output-map .box.current'),
      eq: `${eq.dataset.row},${eq.dataset.col}`,
      inLens: [...r.querySelectorAll<HTMLElement>('.in .cell.current')].map((c) => `${c.dataset.row},${c.dataset.col}`).join(' '),
      outLens: [...r.querySelectorAll<HTMLElement>('.out .cell.current')].map((c) => `${c.dataset.row},${c.dataset.col}`).join(' '),
      readout: r.querySelector('[data-role=readout]')!.textContent!.replace(/\s+/g, ' '),
    };
  });
  const map = (await page.$('cnn-relu-view >>> .input-map'))!;
  const rect = (await map.boundingBox())!;
  await page.mouse.move(rect.x + (40.5 / 62) * rect.width, rect.y + (12.5 / 62) * rect.height);
  await settle(page);
  let s = await shown();
  const want = `${((12 / 62) * 100).toFixed(3)},${((40 / 62) * 100).toFixed(3)}`;
  assert.is(s.inBox, want);
  assert.is(s.outBox, want, 'the same cell on the output map');
  assert.is(s.eq, '12,40');
  assert.is(s.inLens, '12,40');
  assert.is(s.outLens, '12,40');
  assert.match(s.readout, /Cell \(12, 40\): conv_1_1 gave .* max\(0, .*\) = .*\(pointed at\)/);
  await page.mouse.move(0, 0);
  await settle(page);
  assert.not.match((await shown()).readout, /pointed at/, 'leaving ends the preview');
  // A lens cell under the pointer is linked too.
  const cell = (await page.$('cnn-relu-view >>> .in .lens .cell[data-row="1"][data-col="2"]'))
    ?? (await page.$('cnn-relu-view >>> .in .lens .cell:not(.current)'))!;
  const target = await cell.evaluate((c) => `${(c as HTMLElement).dataset.row},${(c as HTMLElement).dataset.col}`);
  await cell.hover();
  await settle(page);
  s = await shown();
  assert.is(s.eq, target);
  assert.is(s.outLens, target);
  await page.mouse.move(0, 0);
  // Focus: the output map takes focus and the arrows move both maps' cell.
  await page.$eval(TAG, (el) => { el.playback.seek(0); el.shadowRoot!.querySelector<HTMLElement>('.output-map')!.focus(); });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  s = await shown();
  assert.is(s.eq, '1,1');
  assert.is(s.inBox, s.outBox);
  assert.match(s.readout, /Cell \(1, 1\)/);
});

view.announcesCalmly('announces politely, only now and then while playing, and where it stopped', async (page) => {
  await click(page, '.playback button.play');
  await settle(page);
  const s = await state(page);
  assert.match(s.announcement, new RegExp(`^Cell \\(${s.at.replace(',', ', ')}\\): max\\(0, .*\\) = `));
});

it('reduced motion: no autoplay, the finished map at once', async ({ page, url }) => {
  await open(page, url);
  await settle(page, 400);
  const s = await state(page);
  assert.not.ok(s.playing);
  assert.is(s.step, s.total - 1);
  assert.is(s.at, '61,61');
  const veiled = await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.output-map .veil')].some((v) => v.offsetHeight > 0 && v.offsetWidth > 0));
  assert.not.ok(veiled, 'no part of the output is hidden');
  const pending = await page.$eval(TAG, (el) => el.shadowRoot!.querySelectorAll('[data-role=output-pending]').length);
  assert.is(pending, 0);
}, { reducedMotion: true });

it('invalid attributes warn and fall back, never throw; layer and channel reflect', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await withModel(page);
  await page.goto(url(PAGE));
  await page.$eval(TAG, (el) => { el.setAttribute('layer', 'conv_1_1'); el.setAttribute('channel', '42'); });
  await whenShown(page, { layer: 'relu_1_1', channel: 0 });
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('layer'), el.getAttribute('channel')]), ['relu_1_1', '0']);
  assert.ok(warnings.some((w) => /<cnn-relu-view>: layer="conv_1_1" is not a ReLU layer of this model \(relu_1_1, relu_1_2, relu_2_1, relu_2_2\); showing "relu_1_1"/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /channel="42" is not a channel of relu_1_1 \(0 to 9\); showing 0/.test(w)), warnings.join('\n'));
  await page.$eval(TAG, (el) => { el.setAttribute('channel', 'abc'); el.setAttribute('image', 'no-such-picture'); });
  await settle(page, 300);
  assert.ok(warnings.some((w) => /channel="abc"/.test(w)));
  assert.ok(warnings.some((w) => /image="no-such-picture"/.test(w)));
  await page.$eval(TAG, (el) => {
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[aria-label="ReLU layer"]')!;
    select.value = 'relu_2_1';
    select.dispatchEvent(new Event('change'));
  });
  await page.$eval(TAG, (el) => { el.channel = 5; });
  await whenShown(page, { layer: 'relu_2_1', channel: 5 });
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('layer'), el.getAttribute('channel'), el.playback.total]), ['relu_2_1', '5', 28 * 28]);
});

view.hasNoAxeViolations();
view.keepsToItsClock();
view.fitsEveryScreen({ prepare: (page) => page.$eval(TAG, (el) => el.playback.seek(62 * 20 + 24)) });

view.run();
