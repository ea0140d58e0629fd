/**
 * The overview's first paint, before the model has loaded (components/shared/first-run.ts):
 * the committed snapshot is the live run of the default picture to half a code step, the
 * article paints it while the worker is held back, and the live run that replaces it changes
 * no pixel by more than one step of the colour scale. Another picture never shows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { decodeRunSnapshot, snapshotTolerance } from '../../model/engine/run-snapshot';
import { FIRST_RUN_PATH } from '../../components/shared/first-run';
import { browserSuite, ROOT, screenshot } from '../support/browser';

const { it, run } = browserSuite('first-run snapshot');

type Net = {
  info: { preview?: boolean; classNames: string[]; layers: unknown[] } | null;
  run: { imageKey: string; values: Float32Array[]; logits: Float32Array; probabilities: Float32Array } | null;
  phase: string;
};
type Overview = HTMLElement & { network: Net };

/** Holds every message from the inference worker to the page until window.__releaseWorker() (the model "loads" when the test says). */
const HOLD_WORKER = `(() => {
  const held = [];
  let open = false;
  window.__releaseWorker = () => { open = true; for (const f of held.splice(0)) f(); };
  const Real = window.Worker;
  window.Worker = class extends Real {
    addEventListener(type, fn, opts) {
      if (type !== 'message') return super.addEventListener(type, fn, opts);
      return super.addEventListener(type, (e) => (open ? fn.call(this, e) : held.push(() => fn.call(this, e))), opts);
    }
    set onmessage(fn) { this.addEventListener('message', fn); }
  };
})()`;

/** Every overview map canvas's pixels with what it shows ('serial|imageKey|scale|map'). */
const canvases = (page: Page) => page.$eval('cnn-overview', (el) => [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column], canvas[data-rgb]')].map((c) => ({
  key: `${c.dataset.column ?? 'rgb'}:${c.dataset.channel ?? ''}`,
  painted: c.dataset.painted ?? '',
  pixels: [...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data],
})));

const allPainted = (page: Page, preview: boolean) => page.waitForFunction((preview) => {
  const o = document.querySelector('cnn-overview') as Overview | null;
  const n = o?.network;
  if (!n?.run || !n.info || Boolean(n.info.preview) !== preview) return false;
  const list = [...o!.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column], canvas[data-rgb]')];
  return list.length > 0 && list.every((c) => c.dataset.painted?.split('|')[1] === n.run!.imageKey);
}, { timeout: 60_000, polling: 50 }, preview);

it('the committed snapshot is the live run of the default picture, to half a code step', async ({ page, url }) => {
  await page.goto(url('/'));
  await allPainted(page, false);
  const live = await page.$eval('cnn-overview', (el) => {
    const n = (el as Overview).network;
    return { imageKey: n.run!.imageKey, classNames: n.info!.classNames, layers: n.info!.layers, values: n.run!.values.map((v) => [...v]), probabilities: [...n.run!.probabilities], logits: [...n.run!.logits] };
  });
  const bytes = new Uint8Array(readFileSync(join(ROOT, FIRST_RUN_PATH)));
  const snap = decodeRunSnapshot(bytes);
  const tolerance = snapshotTolerance(bytes);
  const hint = ' (run `npm run first-run` after changing the weights or the default picture)';
  assert.is(snap.imageKey, live.imageKey, 'the default picture' + hint);
  assert.equal(snap.classNames, live.classNames);
  assert.equal(snap.layers, live.layers, 'the layers' + hint);
  live.values.forEach((v, i) => {
    let worst = 0;
    for (let k = 0; k < v.length; k++) worst = Math.max(worst, Math.abs(v[k] - snap.values[i][k]));
    assert.ok(worst <= tolerance[i], `layer ${i}: off by ${worst}, allowed ${tolerance[i]}${hint}`);
  });
  live.probabilities.forEach((p, k) => assert.ok(Math.abs(p - snap.probabilities[k]) < 1e-6, `probability ${k}${hint}`));
  live.logits.forEach((p, k) => assert.ok(Math.abs(p - snap.logits[k]) < 1e-5, `logit ${k}${hint}`));
});

it('the article paints the snapshot before the model loads, and the live run changes no pixel by more than a colour step', async ({ page, url }) => {
  await page.evaluateOnNewDocument(HOLD_WORKER);
  await page.goto(url('/'));
  await allPainted(page, true);
  const before = await canvases(page);
  const shown = await page.$eval('cnn-overview', (el) => ({ phase: (el as Overview).network.phase, text: el.shadowRoot!.textContent ?? '' }));
  assert.is(shown.phase, 'preview', 'the figure knows it shows the snapshot (and looks finished: see below)');
  assert.ok(/Best guess/.test(shown.text), 'the prediction shows with the snapshot');
  assert.not.ok(/Loading|Running the image/i.test(shown.text), 'no loading message over the snapshot');
  await screenshot(page, 'first-run-snapshot');
  await page.evaluate('window.__releaseWorker()');
  await allPainted(page, false);
  // The live run repaints a few milliseconds per frame: wait until every map has been repainted.
  await page.waitForFunction((stamps) => {
    const list = [...document.querySelector('cnn-overview')!.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[data-column], canvas[data-rgb]')];
    return list.length === stamps.length && list.every((c, i) => c.dataset.painted !== stamps[i]);
  }, { timeout: 30_000, polling: 50 }, before.map((c) => c.painted));
  const after = await canvases(page);
  assert.is(after.length, before.length);
  let worst = 0;
  let changed = 0;
  let total = 0;
  after.forEach((c, i) => {
    assert.is(c.key, before[i].key);
    assert.is.not(c.painted, before[i].painted, `${c.key} was painted again from the live run`);
    for (let k = 0; k < c.pixels.length; k++) {
      const d = Math.abs(c.pixels[k] - before[i].pixels[k]);
      worst = Math.max(worst, d);
      if (d) changed++;
      total++;
    }
  });
  // One step of the 256-colour diverging scale moves a channel by a few levels at most.
  assert.ok(worst <= 4, `a pixel changed by ${worst} levels`);
  // Codes of 8 bits put a value near a colour boundary on the other side of it now and then.
  assert.ok(changed / total < 0.1, `${changed} of ${total} colour values changed`);
});

it('a figure showing another picture never shows the snapshot', async ({ page, url }) => {
  await page.evaluateOnNewDocument(HOLD_WORKER);
  await page.goto(url('/?image=koala#what-is-a-cnn'));
  await page.waitForFunction((path) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(path)) && (document.querySelector('cnn-overview') as Overview | null)?.network.phase === 'loading', { timeout: 30_000 }, FIRST_RUN_PATH);
  // Two frames and a task after the snapshot arrived: long enough for it to be shown, were it used.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const net = await page.$eval('cnn-overview', (el) => ({ info: Boolean((el as Overview).network.info), run: Boolean((el as Overview).network.run) }));
  assert.equal(net, { info: false, run: false });
  await page.evaluate('window.__releaseWorker()');
  await page.waitForFunction(() => (document.querySelector('cnn-overview') as Overview | null)?.network.run?.imageKey === 'example:koala', { timeout: 60_000 });
});

run();
