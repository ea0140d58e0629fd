import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { screenshot } from '../support/browser';
import { withModel, settle, whenDrawn, captureWarnings, pageOverflow, assertSpeedMenu, assertPlaybackKeys } from './views-support';
import { viewSuite } from './view-suite';

const PAGE = '/test-pages/conv-view.html';

/** Waits until the view shows `layer`/`channel` for `imageKey` (when given), formulas typeset. */
async function whenShown(page: Page, want: { layer?: string; channel?: number; image?: string } = {}) {
  await whenDrawn(page, page.waitForFunction((w) => {
    const el = document.querySelector('cnn-conv-view') as (HTMLElement & { data?: { layer: { name: string }; channel: number; key: string } }) | null;
    const d = el?.data;
    if (!d || !el!.shadowRoot!.querySelector('.formula .katex')) return false;
    return (!w.layer || d.layer.name === w.layer) && (w.channel === undefined || d.channel === w.channel) && (!w.image || d.key.includes(`example:${w.image}`));
  }, { timeout: 60_000 }, want), async () => {
    const seen = await page.$eval('cnn-conv-view', (el) => JSON.stringify({
      key: el.data?.key, layer: el.layer, channel: el.channel, phase: el.network.phase, error: el.network.error,
      status: el.shadowRoot!.querySelector('.status')?.textContent, formula: Boolean(el.shadowRoot!.querySelector('.formula .katex')),
    }));
    return `wanted ${JSON.stringify(want)}, the view shows ${seen}`;
  });
}

const view = viewSuite('cnn-conv-view', { page: 'conv-view', shown: (page) => whenShown(page, { layer: 'conv_1_1', channel: 3 }) });
const { it, open, pause, click } = view;


/**
 * Visits output positions and reads back every number the view prints, comparing the
 * outputs with the engine's activation and every share, running sum and total with sums
 * the test works out itself from the kernel and the layer's input (not with model/ops).
 */
async function checkNumbers(page: Page, positions: [number, number][] | 'all', detailChannels: number[]) {
  return page.$eval('cnn-conv-view', async (el, positions, detailChannels) => {
    const info = el.network.info!;
    const run = el.network.run!;
    const li = info.layers.findIndex((l) => l.name === el.layer);
    const [H, W, C] = info.layers[li].shape;
    const [ih, iw, cin] = info.layers[li - 1].shape;
    const { kernel, bias, kernelShape } = info.params[el.layer];
    const [kh, kw, , cout] = kernelShape;
    const input = run.values[li - 1];
    const co = el.channel;
    const root = el.shadowRoot!;
    const vals = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)].map((n) => Number(n.dataset.value));
    const { near, problem, result } = __numberCheck();
    // The kernels drawn in the channel rows.
    for (const cell of root.querySelectorAll<HTMLElement>('.kernel [data-role=weight]')) {
      const { ci, ky, kx } = cell.dataset;
      near(`weight ${ci},${ky},${kx}`, Number(cell.dataset.value), kernel[((Number(ky) * kw + Number(kx)) * cin + Number(ci)) * cout + co]);
    }
    const list = positions === 'all' ? Array.from({ length: H * W }, (_, i) => [Math.floor(i / W), i % W] as [number, number]) : positions;
    for (const [row, col] of list) {
      el.playback.pause();
      el.playback.seek(row * W + col);
      await el.updateComplete;
      const engine = run.values[li][(row * W + col) * C + co];
      for (const v of vals('[data-role=output]')) near(`output (${row}, ${col})`, v, engine);
      const map = root.querySelector<HTMLElement>('.output-map')!;
      if (Number(map.dataset.row) !== row || Number(map.dataset.col) !== col) problem(`output map is at ${map.dataset.row},${map.dataset.col}, not ${row},${col}`);
      near(`output map (${row}, ${col})`, Number(map.dataset.value), engine);
      // The test's own sums: one share per input channel, in channel order.
      const shares: number[][] = [];
      for (let ci = 0; ci < cin; ci++) {
        const products: number[] = [];
        for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) {
          const r = row + ky, c = col + kx;
          const x = r < ih && c < iw ? input[(r * iw + c) * cin + ci] : 0;
          products.push(x * kernel[((ky * kw + kx) * cin + ci) * cout + co]);
        }
        shares.push(products);
      }
      const share = shares.map((p) => p.reduce((a, b) => a + b, 0));
      vals('.share [data-role=share]').forEach((v, ci) => near(`share ${ci} at (${row}, ${col})`, v, share[ci]));
      vals('[data-role=share-table]').forEach((v, ci) => near(`table share ${ci}`, v, share[ci]));
      let total = 0;
      vals('[data-role=total]').forEach((v, ci) => { total += share[ci]; near(`sum so far after ${ci}`, v, total); });
      near('output = total + bias', total + bias[co], engine);
      for (const v of vals('.sum-line [data-role=bias]')) near('bias', v, bias[co]);
      if (vals('[data-role=share]').length !== cin || vals('[data-role=total]').length !== cin) problem('a share or a total is missing');
      for (const dc of detailChannels) {
        if (dc >= cin) continue;
        const select = root.querySelector<HTMLSelectElement>('.detail select')!;
        select.value = String(dc);
        select.dispatchEvent(new Event('change'));
        await el.updateComplete;
        let running = 0;
        vals('[data-role=running]').forEach((v, i) => { running += shares[dc][i]; near(`running sum ${i} of channel ${dc}`, v, running); });
        vals('[data-role=product]').forEach((v, i) => near(`product ${i} of channel ${dc}`, v, shares[dc][i]));
        vals('[data-role=patch]').forEach((v, i) => near(`patch ${i}`, v, input[((row + Math.floor(i / kw)) * iw + col + (i % kw)) * cin + dc]));
        vals('[data-role=kernel-weight]').forEach((v, i) => near(`kernel ${i}`, v, kernel[(i * cin + dc) * cout + co]));
        if (vals('[data-role=running]').length !== kh * kw) problem('running sums missing');
      }
    }
    return result();
  }, positions, detailChannels);
}

it('works alone on a blank page: conv_1_1 channel 3 of the espresso cup, with its counts', async ({ page, url }) => {
  await open(page, url);
  const facts = await page.$eval('cnn-conv-view', (el) => ({
    kernels: el.shadowRoot!.querySelector<HTMLElement>('[data-role=kernel-count]')!.dataset.value,
    params: el.shadowRoot!.querySelector<HTMLElement>('[data-role=param-count]')!.textContent,
    rows: el.shadowRoot!.querySelectorAll('.row').length,
    // The kernel editor's own two maps (.ke-map) are counted in edits-conv.test.ts.
    canvases: el.shadowRoot!.querySelectorAll('canvas[data-painted]:not(.ke-map)').length,
    image: el.network.run!.imageKey,
  }));
  assert.is(facts.kernels, '30');
  assert.match(facts.params!, /3·3·3·10 weights \+ 10 biases = 280/);
  assert.is(facts.rows, 3, 'one row per input channel');
  assert.is(facts.canvases, 7, '3 input maps, 3 intermediate maps, 1 output map');
  assert.is(facts.image, 'example:espresso-cup');
  const overflow = await pageOverflow(page);
  assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
});

it('every number matches the engine and the test\'s own sums: conv_1_1 and conv_1_2 on two images', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  const corners: [number, number][] = [[0, 0], [0, 61], [61, 0], [61, 61], [3, 4], [30, 17], [44, 52]];
  let r = await checkNumbers(page, corners, [0, 1, 2]);
  assert.equal(r.problems, [], `${r.count} mismatches`);
  assert.ok(r.checked > 500, `checked ${r.checked} numbers`);
  await page.$eval('cnn-conv-view', (el) => { el.image = 'koala'; el.layer = 'conv_1_2'; el.channel = 6; });
  await whenShown(page, { layer: 'conv_1_2', channel: 6, image: 'koala' });
  await pause(page);
  r = await checkNumbers(page, [[0, 0], [59, 59], [12, 40]], [0, 9]);
  assert.equal(r.problems, [], `${r.count} mismatches`);
});

it('conv_2_2: every output position of a channel matches the engine, on two images', async ({ page, url }) => {
  await open(page, url);
  for (const [image, channel] of [['espresso-cup', 7], ['koala', 2]] as const) {
    await page.$eval('cnn-conv-view', (el, image, channel) => { el.image = image; el.layer = 'conv_2_2'; el.channel = channel; }, image, channel);
    await whenShown(page, { layer: 'conv_2_2', channel, image });
    await pause(page);
    const r = await checkNumbers(page, 'all', []);
    assert.equal(r.problems, [], `${image}: ${r.count} mismatches`);
    assert.ok(r.checked > 676 * 20, `checked ${r.checked}`);
    const d = await checkNumbers(page, [[0, 0], [25, 25], [11, 8]], [0, 4, 9]);
    assert.equal(d.problems, [], `${image} detail: ${d.count} mismatches`);
  }
  await screenshot(page, 'conv-view-conv_2_2-desktop', true);
});

const state = (page: Page) => page.$eval('cnn-conv-view', (el) => ({
  step: el.playback.step, total: el.playback.total, playing: el.playback.playing, speed: el.playback.speed, stepMs: el.playback.stepMs,
  at: el.shadowRoot!.querySelector<HTMLElement>('.output-map')?.dataset.row + ',' + el.shadowRoot!.querySelector<HTMLElement>('.output-map')?.dataset.col,
  announcement: el.shadowRoot!.querySelector('[data-role=announcement]')?.textContent ?? '',
}));

it('plays by itself within 20 s, pauses, steps, scrubs and changes speed', async ({ page, url }) => {
  await open(page, url);
  let s = await state(page);
  assert.ok(s.playing, 'autoplays without reduced motion');
  assert.is(s.total, 62 * 62);
  assert.ok(s.stepMs * s.total <= 20_000 + 1, `a pass takes ${s.stepMs * s.total} ms`);
  await page.waitForFunction((from) => document.querySelector('cnn-conv-view')!.playback.step > from + 10, { timeout: 10_000 }, s.step);
  await click(page, '.playback button.play');
  s = await state(page);
  assert.not.ok(s.playing, 'Pause stops it');
  const stopped = s.step;
  await settle(page, 200);
  assert.is((await state(page)).step, stopped, 'nothing moves while paused');
  await click(page, '.playback button[aria-label="Step forward"]');
  assert.is((await state(page)).step, stopped + 1);
  await click(page, '.playback button[aria-label="Step back"]');
  await click(page, '.playback button[aria-label="Step back"]');
  s = await state(page);
  assert.is(s.step, stopped - 1);
  assert.match(s.announcement, new RegExp(`^Output \\(${Math.floor((stopped - 1) / 62)}, ${(stopped - 1) % 62}\\) = .+ \\+ bias .+ = `), 'a manual step is announced');
  await page.$eval('cnn-conv-view', (el) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.playback input[type=range]')!;
    range.value = String(62 * 10 + 5);
    range.dispatchEvent(new Event('input'));
  });
  s = await state(page);
  assert.is(s.step, 62 * 10 + 5);
  assert.is(s.at, '10,5', 'scrubbing moves the window');
  const speedShown = await page.$eval('cnn-conv-view', (el) => el.shadowRoot!.querySelector<HTMLSelectElement>('.playback select')!.value);
  assert.is(speedShown, '1', 'the speed menu shows the real speed');
  await assertSpeedMenu(page, 'cnn-conv-view', 4);
});

view.keepsToItsClock('a pass keeps to its clock: 20 s even where a step takes longer than its few milliseconds');

it('keyboard: Space plays and pauses, arrows move the window, Home and End jump', async ({ page, url }) => {
  await open(page, url);
  // Under load a late run (the picture decoded after the model) can restart the pass: pause and
  // seek until the window rests at (5, 5).
  for (let tries = 0; tries < 5; tries++) {
    await pause(page);
    await page.$eval('cnn-conv-view', (el) => { el.playback.seek(62 * 5 + 5); });
    await settle(page, 200);
    const s = await state(page);
    if (!s.playing && s.at === '5,5') break;
  }
  await page.$eval('cnn-conv-view', (el) => el.shadowRoot!.querySelector<HTMLElement>('.output-map')!.focus());
  await page.keyboard.press('ArrowRight');
  assert.is((await state(page)).at, '5,6');
  await page.keyboard.press('ArrowDown');
  assert.is((await state(page)).at, '6,6');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  assert.is((await state(page)).at, '5,5');
  await assertPlaybackKeys(page, 'cnn-conv-view', async () => String((await state(page)).at), '0,0', '61,61');
  // The kernels: one tab stop, arrows between cells and on to the next channel's kernel.
  await page.$eval('cnn-conv-view', (el) => el.shadowRoot!.querySelector<HTMLElement>('.kernel [tabindex="0"]')!.focus());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const focused = await page.$eval('cnn-conv-view', (el) => {
    const a = el.shadowRoot!.activeElement as HTMLElement;
    return { ci: a.dataset.ci, ky: a.dataset.ky, kx: a.dataset.kx, value: Number(a.dataset.value), readout: Number(el.shadowRoot!.querySelector<HTMLElement>('[data-role=weight-readout]')?.dataset.value), tabbable: el.shadowRoot!.querySelectorAll('.kernel [tabindex="0"]').length };
  });
  assert.equal([focused.ci, focused.ky, focused.kx], ['1', '0', '1'], 'Down from the last row of red reaches green');
  assert.is(focused.readout, focused.value, 'focus shows the weight\'s value');
  assert.is(focused.tabbable, 1);
});

it('links input and output both ways, on hover and on focus', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  const boxOf = (sel: string) => page.$eval('cnn-conv-view', (el, sel) => {
    const b = el.shadowRoot!.querySelector<HTMLElement>(sel);
    return b ? { top: parseFloat(b.style.top), left: parseFloat(b.style.left), h: parseFloat(b.style.height), w: parseFloat(b.style.width) } : null;
  }, sel);
  // Hover an output cell: the 3×3 window moves there on every input channel.
  const map = (await page.$('cnn-conv-view >>> .output-map'))!;
  const r = (await map.boundingBox())!;
  await page.mouse.move(r.x + (20.5 / 62) * r.width, r.y + (10.5 / 62) * r.height);
  await settle(page);
  const win = await boxOf('.input-map[data-ci="2"] .box');
  assert.ok(Math.abs(win!.top - (10 / 64) * 100) < 1e-6 && Math.abs(win!.left - (20 / 64) * 100) < 1e-6, 'window at input (10, 20)');
  assert.ok(Math.abs(win!.h - (3 / 64) * 100) < 1e-6, 'a 3×3 window');
  assert.is((await state(page)).at, '10,20');
  await page.mouse.move(0, 0);
  // Hover an input cell: the output cells whose windows hold it are outlined.
  const input = (await page.$('cnn-conv-view >>> .input-map[data-ci="0"]'))!;
  const ir = (await input.boundingBox())!;
  await page.mouse.move(ir.x + (30.5 / 64) * ir.width, ir.y + (7.5 / 64) * ir.height);
  await settle(page);
  let reading = await boxOf('.output-map .box.probe');
  assert.ok(reading && Math.abs(reading.top - (5 / 62) * 100) < 1e-3 && Math.abs(reading.left - (28 / 62) * 100) < 1e-3 && Math.abs(reading.h - (3 / 62) * 100) < 1e-3, `outputs rows 5–7, columns 28–30: ${JSON.stringify(reading)}`);
  await page.mouse.move(0, 0);
  await settle(page);
  assert.is(await boxOf('.output-map .box.probe'), null, 'leaving clears the probe');
  // The same by keyboard: focus the input map, move the probe with the arrows.
  await page.$eval('cnn-conv-view', (el) => { el.playback.seek(0); el.shadowRoot!.querySelector<HTMLElement>('.input-map[tabindex="0"]')!.focus(); });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  reading = await boxOf('.output-map .box.probe');
  assert.ok(reading && reading.top === 0 && reading.left === 0 && Math.abs(reading.w - (2 / 62) * 100) < 1e-3, 'input (1, 1) is read by outputs 0–1 × 0–1');
  const text = await page.$eval('cnn-conv-view', (el) => el.shadowRoot!.querySelector('[data-role=readout]')!.textContent!.replace(/\s+/g, ' '));
  assert.match(text, /Input cell \(1, 1\) of red = [\d.]+ is read by output rows 0–1, columns 0–1 \(4 windows\)/);
  // Hovering a kernel cell shows its value too.
  const cell = (await page.$('cnn-conv-view >>> .kernel [data-ci="2"][data-ky="1"][data-kx="2"]'))!;
  await cell.hover();
  const shown = await page.$eval('cnn-conv-view', (el) => ({
    readout: Number(el.shadowRoot!.querySelector<HTMLElement>('[data-role=weight-readout]')?.dataset.value),
    value: Number(el.shadowRoot!.querySelector<HTMLElement>('.kernel [data-ci="2"][data-ky="1"][data-kx="2"]')!.dataset.value),
  }));
  assert.is(shown.readout, shown.value);
});

view.announcesCalmly('announces steps politely, and only now and then while playing', async (page) => {
  await click(page, '.playback button.play');
  // The pause's announcement comes with the render after it (later under load): wait for it, then compare.
  await page.waitForFunction(() => {
    const el = document.querySelector('cnn-conv-view') as HTMLElement & { playback: { playing: boolean } };
    return !el.playback.playing && el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim().startsWith('Output (');
  }, { timeout: 10_000 }).catch(() => undefined);
  await settle(page);
  const s = await state(page);
  assert.ok(s.announcement.startsWith(`Output (${s.at.replace(',', ', ')}) =`), `pausing announces where it stopped: "${s.announcement}" at ${s.at}`);
});

it('reduced motion: no autoplay, the finished map at once', async ({ page, url }) => {
  await open(page, url);
  await settle(page, 500);
  const s = await state(page);
  assert.not.ok(s.playing);
  assert.is(s.step, s.total - 1);
  assert.is(s.at, '61,61');
  const veiled = await page.$eval('cnn-conv-view', (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.output-map .veil')].some((v) => v.offsetHeight > 0 && v.offsetWidth > 0));
  assert.not.ok(veiled, 'no part of the output is hidden');
}, { reducedMotion: true });

it('invalid attributes warn and fall back, never throw; layer and channel reflect', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await withModel(page);
  await page.goto(url(PAGE));
  await page.$eval('cnn-conv-view', (el) => { el.setAttribute('layer', 'relu_1_1'); el.setAttribute('channel', '42'); });
  await whenShown(page, { layer: 'conv_1_1', channel: 0 });
  const attrs = await page.$eval('cnn-conv-view', (el) => [el.getAttribute('layer'), el.getAttribute('channel')]);
  assert.equal(attrs, ['conv_1_1', '0']);
  assert.ok(warnings.some((w) => /layer="relu_1_1" is not a convolution layer/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /channel="42" is not an output channel of conv_1_1 \(0 to 9\)/.test(w)), warnings.join('\n'));
  await page.$eval('cnn-conv-view', (el) => { el.setAttribute('channel', 'abc'); el.setAttribute('image', 'no-such-picture'); });
  await settle(page, 300);
  assert.ok(warnings.some((w) => /channel="abc"/.test(w)));
  assert.ok(warnings.some((w) => /image="no-such-picture"/.test(w)));
  await page.$eval('cnn-conv-view', (el) => { el.layer = 'conv_2_1'; el.channel = 5; });
  await whenShown(page, { layer: 'conv_2_1', channel: 5 });
  assert.equal(await page.$eval('cnn-conv-view', (el) => [el.getAttribute('layer'), el.getAttribute('channel'), el.shadowRoot!.querySelectorAll('.row').length]), ['conv_2_1', '5', 10]);
  const overflow = await pageOverflow(page);
  assert.ok(overflow <= 0);
  // Every figure keeps the part the prose is about, as a reflected attribute.
  const subject = await page.$eval('cnn-conv-view', async (el) => { el.subject = 'kernel'; await el.updateComplete; return el.getAttribute('subject'); });
  assert.is(subject, 'kernel');
});

view.hasNoAxeViolations();

view.fitsEveryScreen({ prepare: (page) => page.$eval('cnn-conv-view', (el) => el.playback.seek(62 * 20 + 24)), more: async (page, viewport) => {
  if (viewport === 'desktop') return;
  // The widest layer too: ten input channels.
  await page.$eval('cnn-conv-view', (el) => { el.layer = 'conv_2_2'; });
  await whenShown(page, { layer: 'conv_2_2' });
  await pause(page);
  await settle(page, 200);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
  await screenshot(page, `conv-view-${viewport}-conv_2_2`, true);
} });

view.run();
