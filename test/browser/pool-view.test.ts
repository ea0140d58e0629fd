import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { withModel, settle, captureWarnings, assertSpeedMenu } from './views-support';
import { mapViewSuite } from './view-suite';

const PAGE = '/test-pages/pool-view.html';
const TAG = 'cnn-pool-view';

const view = mapViewSuite(TAG, 'pool-view', { layer: 'max_pool_1', channel: 4 });
const { it, open, pause, click, whenShown, state } = view;

/**
 * Visits windows and reads back every number the view prints: outputs against the engine's
 * pooling activation, window cells against the engine's activation of the layer before,
 * and the winner against a maximum worked out here (first one in row-major order on a tie).
 */
async function checkNumbers(page: Page, cells: [number, number][] | 'all') {
  return page.$eval(TAG, async (el, cells) => {
    const info = el.network.info!;
    const run = el.network.run!;
    const li = info.layers.findIndex((l) => l.name === el.layer);
    const [OH, OW, C] = info.layers[li].shape;
    const [, IW] = info.layers[li - 1].shape;
    const ch = el.channel;
    const engineOut = (r: number, c: number) => run.values[li][(r * OW + c) * C + ch];
    const engineIn = (r: number, c: number) => run.values[li - 1][(r * IW + c) * C + ch];
    const root = el.shadowRoot!;
    const { near, problem, result } = __numberCheck();
    const list = cells === 'all' ? Array.from({ length: OH * OW }, (_, i) => [Math.floor(i / OW), i % OW] as [number, number]) : cells;
    for (const [row, col] of list) {
      el.playback.pause();
      el.playback.seek(row * OW + col);
      await el.updateComplete;
      near(`result (${row}, ${col})`, Number(root.querySelector<HTMLElement>('[data-role=result]')!.dataset.value), engineOut(row, col));
      near(`output map (${row}, ${col})`, Number(root.querySelector<HTMLElement>('.output-map')!.dataset.value), engineOut(row, col));
      // The test's own window: 2 × 2 at (2·row, 2·col), and its first maximum.
      let best: [number, number] = [2 * row, 2 * col];
      for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) {
        if (engineIn(2 * row + dy, 2 * col + dx) > engineIn(best[0], best[1])) best = [2 * row + dy, 2 * col + dx];
      }
      near(`max of window (${row}, ${col})`, engineIn(best[0], best[1]), engineOut(row, col));
      const winner = root.querySelector<HTMLElement>('[data-role=winner]')!;
      if (`${winner.dataset.row},${winner.dataset.col}` !== best.join(',')) problem(`winner of (${row}, ${col}) shown at ${winner.dataset.row},${winner.dataset.col}, expected ${best}`);
      const zoom = [...root.querySelectorAll<HTMLElement>('.window-zoom [data-role=window-cell]')];
      if (zoom.length !== 4) problem(`window (${row}, ${col}) shows ${zoom.length} cells`);
      for (const cell of zoom) {
        const r = Number(cell.dataset.row);
        const c = Number(cell.dataset.col);
        if (r < 2 * row || r > 2 * row + 1 || c < 2 * col || c > 2 * col + 1) problem(`window (${row}, ${col}) shows input (${r}, ${c})`);
        if ((cell.dataset.winner === 'true') !== (r === best[0] && c === best[1])) problem(`winner mark at (${r}, ${c})`);
      }
      for (const cell of root.querySelectorAll<HTMLElement>('[data-role=window-cell]')) {
        near(`input (${cell.dataset.row}, ${cell.dataset.col})`, Number(cell.dataset.value), engineIn(Number(cell.dataset.row), Number(cell.dataset.col)));
      }
      for (const group of root.querySelectorAll<HTMLElement>('.lens.windows .window')) {
        const r = Number(group.dataset.outRow);
        const c = Number(group.dataset.outCol);
        const marked = group.querySelector<HTMLElement>('[data-winner=true]')!;
        near(`winner of lens window (${r}, ${c})`, Number(marked.dataset.value), engineOut(r, c));
      }
      for (const cell of root.querySelectorAll<HTMLElement>('[data-role=output]')) {
        near(`output lens (${cell.dataset.row}, ${cell.dataset.col})`, Number(cell.dataset.value), engineOut(Number(cell.dataset.row), Number(cell.dataset.col)));
      }
    }
    return result();
  }, cells);
}

it('works alone on a blank page: max_pool_1 channel 4 of the espresso cup, with what it drops', async ({ page, url }) => {
  await open(page, url);
  const facts = await page.$eval(TAG, (el) => ({
    discard: el.shadowRoot!.querySelector('[data-role=discard]')!.textContent!.trim(),
    canvases: el.shadowRoot!.querySelectorAll('canvas[data-painted]').length,
    windows: el.shadowRoot!.querySelectorAll('.lens.windows .window').length,
    image: el.network.run!.imageKey,
    inputName: el.data!.inputLayer.name,
  }));
  assert.is(facts.discard, '3 of every 4 values are dropped: 3,600 → 900 for this map (36,000 → 9,000 over all 10 channels).');
  assert.is(facts.canvases, 2);
  assert.is(facts.windows, 9, 'three by three windows in the lens');
  assert.is(facts.image, 'example:espresso-cup');
  assert.is(facts.inputName, 'relu_1_2');
  await page.$eval(TAG, (el) => { el.layer = 'max_pool_2'; });
  await whenShown(page, { layer: 'max_pool_2' });
  const discard = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[data-role=discard]')!.textContent!.trim());
  assert.is(discard, '3 of every 4 values are dropped: 676 → 169 for this map (6,760 → 1,690 over all 10 channels).');
});

it('every number matches the engine and the test\'s own maxima: both pools, several channels, two images', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  let r = await checkNumbers(page, [[0, 0], [0, 29], [29, 0], [29, 29], [3, 4], [15, 17], [22, 8]]);
  assert.equal(r.problems, [], `${r.count} mismatches`);
  assert.ok(r.checked > 300, `checked ${r.checked}`);
  for (const [image, layer, channel] of [['koala', 'max_pool_1', 6], ['koala', 'max_pool_2', 3], ['espresso-cup', 'max_pool_2', 9]] as const) {
    await page.$eval(TAG, (el, image, layer, channel) => { el.image = image; el.layer = layer; el.channel = channel; }, image, layer, channel);
    await whenShown(page, { layer, channel, image });
    await pause(page);
    r = await checkNumbers(page, layer === 'max_pool_2' ? 'all' : [[0, 0], [12, 20], [29, 29], [5, 9]]);
    assert.equal(r.problems, [], `${layer}:${channel} on ${image}: ${r.count} mismatches`);
  }
});


it('controls and keyboard: play and pause, step, scrub, speed, arrows from window to window', async ({ page, url }) => {
  await open(page, url);
  let s = await state(page);
  assert.ok(s.playing, 'plays on its own when motion is allowed');
  assert.is(s.total, 900);
  assert.ok(s.stepMs * s.total <= 20_000 + 1e-6, 'one pass takes at most 20 s');
  await click(page, '.playback button.play');
  assert.not.ok((await state(page)).playing);
  await page.$eval(TAG, (el) => el.playback.seek(40));
  await click(page, '.playback button[aria-label="Step forward"]');
  assert.is((await state(page)).at, '1,11');
  await page.$eval(TAG, (el) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.playback input[type=range]')!;
    range.value = String(30 * 20 + 4);
    range.dispatchEvent(new Event('input'));
  });
  assert.is((await state(page)).at, '20,4');
  await assertSpeedMenu(page, TAG, 0.5);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.input-map')!.focus());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.is((await state(page)).at, '21,5');
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.lens.windows')!.focus());
  await page.keyboard.press('ArrowUp');
  assert.is((await state(page)).at, '20,5');
  await page.keyboard.press('Space');
  assert.ok((await state(page)).playing, 'Space plays');
  await page.keyboard.press('k');
  assert.not.ok((await state(page)).playing, 'K pauses');
  await page.keyboard.press('End');
  assert.is((await state(page)).at, '29,29');
  await page.keyboard.press('Home');
  assert.is((await state(page)).at, '0,0');
});

it('links each window to its output cell, on hover and on focus; the dropped cells fade', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  const shown = () => page.$eval(TAG, (el) => {
    const r = el.shadowRoot!;
    const box = (sel: string) => { const b = r.querySelector<HTMLElement>(sel)!; return [b.style.top, b.style.left, b.style.height].map((v) => parseFloat(v).toFixed(3)).join(','); };
    const zoom = r.querySelector<HTMLElement>('.window-zoom')!;
    return {
      window: box('.input-map .box.current'), out: box('.output-map .box.current'),
      zoom: `${zoom.dataset.outRow},${zoom.dataset.outCol}`,
      lens: r.querySelector<HTMLElement>('.lens.windows .window.current')?.dataset.outRow + ',' + r.querySelector<HTMLElement>('.lens.windows .window.current')?.dataset.outCol,
      readout: r.querySelector('[data-role=readout]')!.textContent!.replace(/\s+/g, ' '),
    };
  });
  const map = (await page.$('cnn-pool-view >>> .input-map'))!;
  const rect = (await map.boundingBox())!;
  // Input cell (25, 41) sits in window (12, 20).
  await page.mouse.move(rect.x + (41.5 / 60) * rect.width, rect.y + (25.5 / 60) * rect.height);
  await settle(page);
  let s = await shown();
  assert.is(s.window, [(24 / 60) * 100, (40 / 60) * 100, (2 / 60) * 100].map((v) => v.toFixed(3)).join(','), 'the 2 × 2 window at input (24, 40)');
  assert.is(s.out, [(12 / 30) * 100, (20 / 30) * 100, (1 / 30) * 100].map((v) => v.toFixed(3)).join(','), 'its output cell (12, 20)');
  assert.is(s.zoom, '12,20');
  assert.is(s.lens, '12,20');
  assert.match(s.readout, /^Window \(12, 20\): max\(.*\) = .*, from input \(\d+, \d+\)\. \(pointed at\)/);
  const out = (await page.$('cnn-pool-view >>> .output-map'))!;
  const orect = (await out.boundingBox())!;
  await page.mouse.move(orect.x + (3.5 / 30) * orect.width, orect.y + (7.5 / 30) * orect.height);
  await settle(page);
  s = await shown();
  assert.is(s.zoom, '7,3', 'hovering the output moves the window too');
  await page.mouse.click(orect.x + (3.5 / 30) * orect.width, orect.y + (7.5 / 30) * orect.height);
  await page.mouse.move(0, 0);
  await settle(page);
  assert.is((await state(page)).at, '7,3', 'a click goes there');
  // The windows done so far: every cell but the winner is marked as dropped, the later ones not.
  const marks = await page.$eval(TAG, (el) => {
    const groups = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.lens.windows .window')];
    return groups.map((g) => ({
      at: Number(g.dataset.outRow) * 30 + Number(g.dataset.outCol),
      lost: g.querySelectorAll('.cell.lost').length,
      winners: g.querySelectorAll('[data-winner=true]').length,
    }));
  });
  const step = 7 * 30 + 3;
  for (const m of marks) {
    assert.is(m.winners, 1);
    assert.is(m.lost, m.at <= step ? 3 : 0, `window ${m.at}`);
  }
});

view.announcesCalmly('announces politely, only now and then while playing, and where it stopped', async (page) => {
  await click(page, '.playback button.play');
  await settle(page);
  const s = await state(page);
  assert.match(s.announcement, new RegExp(`^Window \\(${s.at.replace(',', ', ')}\\): max\\(`));
});

it('reduced motion: no autoplay, every window pooled at once', async ({ page, url }) => {
  await open(page, url);
  await settle(page, 400);
  const s = await state(page);
  assert.not.ok(s.playing);
  assert.is(s.step, s.total - 1);
  assert.is(s.at, '29,29');
  const veiled = await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.output-map .veil')].some((v) => v.offsetHeight > 0 && v.offsetWidth > 0));
  assert.not.ok(veiled);
}, { reducedMotion: true });

it('invalid attributes warn and fall back, never throw; layer and channel reflect', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await withModel(page);
  await page.goto(url(PAGE));
  await page.$eval(TAG, (el) => { el.setAttribute('layer', 'flatten'); el.setAttribute('channel', '-1'); });
  await whenShown(page, { layer: 'max_pool_1', channel: 0 });
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('layer'), el.getAttribute('channel')]), ['max_pool_1', '0']);
  assert.ok(warnings.some((w) => /<cnn-pool-view>: layer="flatten" is not a pooling layer of this model \(max_pool_1, max_pool_2\); showing "max_pool_1"/.test(w)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /channel="-1" is not a channel of max_pool_1 \(0 to 9\); showing 0/.test(w)), warnings.join('\n'));
  await page.$eval(TAG, (el) => { el.setAttribute('channel', '2.5'); });
  await settle(page, 200);
  assert.ok(warnings.some((w) => /channel="2.5"/.test(w)));
  await page.$eval(TAG, (el) => {
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[aria-label="Channel"]')!;
    select.value = '7';
    select.dispatchEvent(new Event('change'));
  });
  await whenShown(page, { layer: 'max_pool_1', channel: 7 });
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('channel')), '7');
});

view.hasNoAxeViolations();

view.fitsEveryScreen({ prepare: (page) => page.$eval(TAG, (el) => el.playback.seek(30 * 12 + 11)) });

view.run();
