import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { settle, describeView, whenDrawn, captureWarnings, assertSpeedMenu, assertPlaybackKeys } from './views-support';
import { viewSuite } from './view-suite';

const TAG = 'cnn-flatten-view';

async function whenShown(page: Page, want: { classIndex?: number; image?: string } = {}) {
  await whenDrawn(page, page.waitForFunction((w) => {
    const el = document.querySelector('cnn-flatten-view');
    const d = el?.data;
    if (!d || !el!.shadowRoot!.querySelector('canvas[data-painted]') || !el!.shadowRoot!.querySelector('.formula .katex')) return false;
    return (w.classIndex === undefined || d.classIndex === w.classIndex) && (!w.image || d.key.includes(`example:${w.image}`));
  }, { timeout: 60_000 }, want), async () => `the view: ${await describeView(page, TAG)}`);
}

const view = viewSuite(TAG, { page: 'flatten-view', shown: (page) => whenShown(page) });
const { it, open, pause, click } = view;


const state = (page: Page) => page.$eval(TAG, (el) => ({
  step: el.playback.step,
  total: el.playback.total,
  playing: el.playback.playing,
  speed: el.playback.speed,
  stepMs: el.playback.stepMs,
  index: el.index,
  announcement: el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim(),
}));

/**
 * Visits entries and reads back every number the view prints, against the engine's flatten
 * and max_pool_2 activations and the dense kernel, with the index maths done here:
 * i = (r·13 + c)·10 + k, weight = kernel[i·10 + class].
 */
async function checkNumbers(page: Page, indices: number[]) {
  return page.$eval(TAG, async (el, indices) => {
    const info = el.network.info!;
    const run = el.network.run!;
    const fi = info.layers.findIndex((l) => l.name === 'flatten');
    const [H, W, C] = info.layers[fi - 1].shape;
    const { kernel, bias } = info.params.output;
    const outputs = info.classNames.length;
    const cls = el.data!.classIndex;
    const root = el.shadowRoot!;
    const { near, problem, result } = __numberCheck();
    const pos = (i: number) => ({ k: i % C, c: Math.floor(i / C) % W, r: Math.floor(i / (C * W)) });
    for (const index of indices) {
      el.playback.pause();
      el.playback.seek(index);
      await el.updateComplete;
      const { r, c, k } = pos(index);
      if ((r * W + c) * C + k !== index || r >= H) problem(`test maths broken at ${index}`);
      const idx = root.querySelector<HTMLElement>('[data-role=index]')!;
      if (Number(idx.dataset.value) !== index || Number(idx.dataset.row) !== r || Number(idx.dataset.col) !== c || Number(idx.dataset.channel) !== k) {
        problem(`index ${index} shown as ${idx.dataset.value} at (${idx.dataset.row}, ${idx.dataset.col}, ${idx.dataset.channel}), expected (${r}, ${c}, ${k})`);
      }
      near(`flat value ${index}`, Number(root.querySelector<HTMLElement>('[data-role=flat-value]')!.dataset.value), run.values[fi][index]);
      near(`pooled value (${r}, ${c}, ${k})`, Number(root.querySelector<HTMLElement>('[data-role=source-value]')!.dataset.value), run.values[fi - 1][(r * W + c) * C + k]);
      const weight = root.querySelector<HTMLElement>('[data-role=weight]')!;
      near(`weight ${index}→${cls}`, Number(weight.dataset.value), kernel[index * outputs + cls]);
      if (Number(weight.dataset.index) !== index || Number(weight.dataset.class) !== cls) problem(`weight labelled ${weight.dataset.index}→${weight.dataset.class}`);
      near(`product ${index}`, Number(root.querySelector<HTMLElement>('[data-role=product]')!.dataset.value), run.values[fi][index] * kernel[index * outputs + cls]);
      // The tiles' outline and the formula speak of the same pixel.
      const tex = root.querySelector('.formula')!.textContent!.replace(/\s+/g, '');
      if (!tex.includes(`(${r}⋅${W}+${c})⋅${C}+${k}=${index}`)) problem(`formula for ${index} reads ${tex.slice(0, 120)}`);
      const currentTile = root.querySelector<HTMLElement>('.tile.current .map')!;
      if (Number(currentTile.dataset.channel) !== k) problem(`current tile ${currentTile.dataset.channel}, expected ${k}`);
      for (const entry of root.querySelectorAll<HTMLElement>('[data-role=entry]')) {
        const i = Number(entry.dataset.index);
        const p = pos(i);
        if (Number(entry.dataset.row) !== p.r || Number(entry.dataset.col) !== p.c || Number(entry.dataset.channel) !== p.k) problem(`entry ${i} labelled (${entry.dataset.row}, ${entry.dataset.col}, ${entry.dataset.channel})`);
        near(`entry ${i}`, Number(entry.dataset.value), run.values[fi - 1][(p.r * W + p.c) * C + p.k]);
      }
    }
    // The class's logit, rebuilt from all entries, is the engine's.
    let sum = bias[cls];
    for (let i = 0; i < H * W * C; i++) sum += run.values[fi][i] * kernel[i * outputs + cls];
    const oi = info.layers.findIndex((l) => l.name === 'output');
    near('rebuilt logit', Number(root.querySelector<HTMLElement>('[data-role=rebuilt-logit]')!.dataset.value), sum, 1e-3);
    near('engine logit', Number(root.querySelector<HTMLElement>('[data-role=engine-logit]')!.dataset.value), run.values[oi][cls]);
    near('rebuilt = engine', sum, run.logits[cls], 1e-3);
    return result();
  }, indices);
}

it('works alone on a blank page: 13 × 13 × 10 → 1,690, weights to the top class', async ({ page, url }) => {
  await open(page, url);
  const facts = await page.$eval(TAG, (el) => ({
    total: el.playback.total,
    tiles: el.shadowRoot!.querySelectorAll('.tile canvas[data-painted]').length,
    strip: el.shadowRoot!.querySelectorAll('canvas[data-kind=strip][data-painted]').length,
    classIndex: el.data!.classIndex,
    top: Array.from(el.network.run!.probabilities).indexOf(Math.max(...el.network.run!.probabilities)),
    attr: el.getAttribute('class-name'),
    facts: el.shadowRoot!.querySelector('.facts')!.textContent!.replace(/\s+/g, ' '),
  }));
  assert.is(facts.total, 1690);
  assert.is(facts.tiles, 10);
  assert.is(facts.strip, 1);
  assert.is(facts.classIndex, facts.top, 'no class given: the top class');
  assert.not.ok(facts.attr, 'no class is written into the page');
  assert.match(facts.facts, /max_pool_2: 13 × 13 × 10 → flatten: 1,690 values/);
});

it('every number matches the engine, the index maths and the kernel: two classes, two images', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  const indices = [0, 1, 9, 10, 11, 129, 130, 437, 845, 1000, 1689];
  let r = await checkNumbers(page, indices);
  assert.equal(r.problems, [], `${r.count} mismatches`);
  assert.ok(r.checked > 200, `checked ${r.checked}`);
  await page.$eval(TAG, (el) => { el.setAttribute('class-name', 'koala'); el.image = 'koala'; });
  await whenShown(page, { classIndex: 5, image: 'koala' });
  r = await checkNumbers(page, [...indices, 77, 1234]);
  assert.equal(r.problems, [], `koala: ${r.count} mismatches`);
  await page.$eval(TAG, (el) => { el.setAttribute('class-name', '2'); });
  await whenShown(page, { classIndex: 2 });
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('class-name')), 'pizza', 'an index is written back as the class name');
  r = await checkNumbers(page, Array.from({ length: 40 }, (_, i) => i * 42 + 3));
  assert.equal(r.problems, [], `pizza: ${r.count} mismatches`);
});


it('controls and keyboard: play, step, scrub, speed; arrows on a map move the pixel, on the strip an entry or a row', async ({ page, url }) => {
  await open(page, url);
  let s = await state(page);
  assert.ok(s.playing, 'plays on its own when motion is allowed');
  assert.ok(s.stepMs * s.total <= 20_000 + 1e-6, 'one pass takes at most 20 s');
  await click(page, '.playback button.play');
  assert.not.ok((await state(page)).playing);
  await page.$eval(TAG, (el) => el.playback.seek(437));
  await click(page, '.playback button[aria-label="Step forward"]');
  assert.is((await state(page)).index, 438);
  await page.$eval(TAG, (el) => {
    const range = el.shadowRoot!.querySelector<HTMLInputElement>('.playback input[type=range]')!;
    range.value = '1000';
    range.dispatchEvent(new Event('input'));
  });
  assert.is((await state(page)).index, 1000);
  await assertSpeedMenu(page, TAG, 2);
  // Entry 437 is pixel (3, 4), channel 7. On its tile, Down moves to pixel (4, 4): entry 437 + 130.
  await page.$eval(TAG, (el) => { el.playback.seek(437); });
  await page.$eval(TAG, (el) => el.updateComplete);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.tile.current .map')!.focus());
  await page.keyboard.press('ArrowDown');
  assert.is((await state(page)).index, 567);
  await page.keyboard.press('ArrowRight');
  assert.is((await state(page)).index, 577, 'one pixel right: ten entries on');
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('.strip')!.focus());
  await page.keyboard.press('ArrowRight');
  assert.is((await state(page)).index, 578, 'on the strip, one entry: the next channel');
  await page.keyboard.press('ArrowUp');
  assert.is((await state(page)).index, 448, 'one strip row up: one map row up');
  await assertPlaybackKeys(page, TAG, async () => String((await state(page)).index), '0', '1689');
});

it('links a pixel, its entry in the vector and its weight, on hover and on focus', async ({ page, url }) => {
  await open(page, url);
  await pause(page);
  const shown = () => page.$eval(TAG, (el) => {
    const r = el.shadowRoot!;
    const idx = r.querySelector<HTMLElement>('[data-role=index]')!;
    const stripBox = r.querySelector<HTMLElement>('.strip .box.current')!;
    return {
      index: Number(idx.dataset.value), pos: `${idx.dataset.row},${idx.dataset.col},${idx.dataset.channel}`,
      tile: r.querySelector<HTMLElement>('.tile.current .map')!.dataset.channel,
      strip: `${parseFloat(stripBox.style.top).toFixed(3)},${parseFloat(stripBox.style.left).toFixed(3)}`,
      entry: r.querySelector<HTMLElement>('.entry.current')?.dataset.index,
      weightIndex: r.querySelector<HTMLElement>('[data-role=weight]')!.dataset.index,
      readout: r.querySelector('[data-role=readout]')!.textContent!.replace(/\s+/g, ' '),
    };
  });
  // Pixel (6, 9) of channel 2: entry (6·13 + 9)·10 + 2 = 872.
  const tile = (await page.$('cnn-flatten-view >>> .tile .map[data-channel="2"]'))!;
  const rect = (await tile.boundingBox())!;
  await page.mouse.move(rect.x + (9.5 / 13) * rect.width, rect.y + (6.5 / 13) * rect.height);
  await settle(page);
  let s = await shown();
  assert.is(s.index, 872);
  assert.is(s.pos, '6,9,2');
  assert.is(s.tile, '2');
  assert.is(s.strip, `${((6 / 13) * 100).toFixed(3)},${((92 / 130) * 100).toFixed(3)}`, 'strip row 6, entry 92 of it');
  assert.is(s.entry, '872');
  assert.is(s.weightIndex, '872');
  assert.match(s.readout, /^Entry 872 = \(6·13 \+ 9\)·10 \+ 2: max_pool_2 at row 6, column 9, channel 2/);
  // The strip under the pointer: row 10, entry 57 of it → 1357 = (10·13 + 5)·10 + 7.
  const strip = (await page.$('cnn-flatten-view >>> .strip'))!;
  const srect = (await strip.boundingBox())!;
  await page.mouse.move(srect.x + (57.5 / 130) * srect.width, srect.y + (10.5 / 13) * srect.height);
  await settle(page);
  s = await shown();
  assert.is(s.index, 1357);
  assert.is(s.pos, '10,5,7');
  assert.is(s.tile, '7');
  // An entry of the zoom, then a click keeps it.
  const entry = (await page.$('cnn-flatten-view >>> .entry[data-index="1353"]'))!;
  await entry.hover();
  await settle(page);
  assert.is((await page.$eval(TAG, (el) => el.index)), 1353, 'moving from the strip onto an entry previews that entry');
  await entry.click();
  await page.mouse.move(0, 0);
  await settle(page);
  assert.is((await state(page)).index, 1353, 'a click goes there');
  // Focus alone reaches every pixel: the current tile is a tab stop.
  const tabStops = await page.$eval(TAG, (el) => el.shadowRoot!.querySelectorAll('.tile .map[tabindex="0"]').length);
  assert.is(tabStops, 1);
});

it('class-name chooses the weights; an unknown class warns and shows the top class; the strip can show weights', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await open(page, url);
  await pause(page);
  await page.$eval(TAG, (el) => { el.setAttribute('class-name', 'Red Panda'); });
  await whenShown(page, { classIndex: 7 });
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('class-name')), 'red panda');
  await page.$eval(TAG, (el) => { el.setAttribute('class-name', 'giraffe'); el.setAttribute('strip', 'sideways'); });
  const top = await page.$eval(TAG, (el) => Array.from(el.network.run!.logits).indexOf(Math.max(...el.network.run!.logits)));
  await whenShown(page, { classIndex: top });
  const topName = await page.$eval(TAG, (el, k) => el.network.info!.classNames[k], top);
  assert.ok(warnings.some((w) => w.startsWith('<cnn-flatten-view>: class-name="giraffe" is not a class of this model') && w.endsWith(`showing the top class, "${topName}".`)), warnings.join('\n'));
  assert.ok(warnings.some((w) => /strip="sideways" is not one of value, weight, product; using "value"/.test(w)), warnings.join('\n'));
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('class-name'), el.getAttribute('strip')]), ['', 'value']);
  await page.$eval(TAG, (el) => {
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[aria-label="Colour the vector by"]')!;
    select.value = 'weight';
    select.dispatchEvent(new Event('change'));
  });
  await page.$eval(TAG, (el) => el.updateComplete);
  const painted = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-kind=strip]')!.dataset.painted);
  assert.match(painted!, /\|weight$/);
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('strip')), 'weight');
  // A class attribute that names a class works as well; one that is only CSS is left alone.
  await page.$eval(TAG, (el) => { el.removeAttribute('class-name'); el.setAttribute('class', 'figure wide'); el.selectedClass = ''; });
  await page.$eval(TAG, (el) => el.updateComplete);
  assert.is(await page.$eval(TAG, (el) => el.data!.classIndex), top);
});

it('reduced motion: no autoplay, the last entry at once', async ({ page, url }) => {
  await open(page, url);
  await settle(page, 400);
  const s = await state(page);
  assert.not.ok(s.playing);
  assert.is(s.index, 1689);
}, { reducedMotion: true });

view.announcesCalmly('announces politely, only now and then while playing', async (page) => {
  await click(page, '.playback button.play');
  await settle(page);
  const s = await state(page);
  assert.ok(s.announcement.startsWith(`Entry ${s.index} = `), s.announcement);
});

view.hasNoAxeViolations();

view.keepsToItsClock('a pass keeps to its clock: about 20 s even where a step takes longer than its few milliseconds');

view.fitsEveryScreen({ prepare: (page) => page.$eval(TAG, (el) => el.playback.seek(437)) });

view.run();
