/**
 * <cnn-features> alone on a blank page: with the shipped weights it shows the precomputed
 * atlas (the picture's pixels equal the sprite's tile, decoded here in Node); its patches
 * are each value's receptive field by the window arithmetic, with the picture's own pixels
 * and the channel's value there; a thumbnail picks a channel; bad attributes warn once and
 * fall back; on an edited model the picture is computed live, reports progress and stops
 * on Stop; every screen size without sideways scrolling.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { viewSuite } from './view-suite';
import { captureWarnings, describeView, pageOverflow, whenDrawn } from './views-support';
import { ROOT, screenshot } from '../support/browser';
import { shippedModel } from '../unit/inspect-fixtures';
import { runModelSync } from '../../model/engine/run-model';

const TAG = 'cnn-features';

type PatchInPage = { id: string; label: string; row: number; col: number; value: number; field: { rows: { first: number; last: number }; cols: { first: number; last: number } }; crop: Float32Array; height: number; width: number };
type FeaturesInPage = HTMLElement & {
  origin: string;
  layer: string;
  channel: number;
  patches: { key: string; layer: string; channel: number; patches: PatchInPage[]; current: PatchInPage[] } | null;
  network: { run: { values: Float32Array[]; imageKey: string } | null };
  live: { running: boolean };
};

/** Waits until the figure shows `layer`/`channel` with its picture painted and its patches found. */
const whenShown = (page: Page, want: { layer?: string; channel?: number } = {}) => whenDrawn(page, page.waitForFunction((tag, w) => {
  const el = document.querySelector(tag) as FeaturesInPage | null;
  const look = el?.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.look-image');
  if (!el?.patches || !look?.dataset.painted) return false;
  if (!el.patches.key.endsWith(`|${el.layer}|${el.channel}`)) return false;
  return (!w.layer || el.layer === w.layer) && (w.channel === undefined || el.channel === w.channel);
}, { timeout: 60_000 }, TAG, want), async () => describeView(page, TAG));

const view = viewSuite(TAG, { page: 'features', shown: (p) => whenShown(p) });

/** RGB bytes of an 8-bit RGB, non-interlaced PNG (what inspect:precompute writes): inflate, then undo each row's filter. */
function decodeRgbPng(bytes: Buffer): { width: number; height: number; rgb: Uint8Array } {
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= 3 ? rgb[y * stride + x - 3] : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + x] : 0;
      const c = x >= 3 && y > 0 ? rgb[(y - 1) * stride + x - 3] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      rgb[y * stride + x] = (v + predictor) & 255;
    }
  }
  return { width, height, rgb };
}

view.it('with the shipped weights the picture is the precomputed atlas\'s tile, pixel for pixel', async ({ page, url }) => {
  await view.open(page, url);
  assert.is(await page.$eval(TAG, (el) => (el as FeaturesInPage).origin), 'atlas');
  const shown = await page.$eval(TAG, (el) => [...el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.look-image')!.getContext('2d')!.getImageData(0, 0, 64, 64).data]);
  const sprite = decodeRgbPng(readFileSync(join(ROOT, 'assets/model/features/conv_2_1.png')));
  let worst = 0;
  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) for (let k = 0; k < 3; k++) {
    worst = Math.max(worst, Math.abs(shown[(y * 64 + x) * 4 + k] - sprite.rgb[(y * sprite.width + 3 * 64 + x) * 3 + k]));
  }
  assert.is(worst, 0, 'channel 3 is the fourth tile of the conv_2_1 sprite');
  const caption = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.look-caption')!.textContent!);
  assert.match(caption, 'The input that excites channel 3 of conv_2_1 most, found by gradient ascent');
});

view.it('each patch is one value\'s receptive field (2r … 2r + 9 for conv_2_1), cut from its picture, with the channel\'s value there', async ({ page, url }) => {
  await view.open(page, url);
  const { patches, current, input } = await page.$eval(TAG, (node) => {
    const el = node as FeaturesInPage;
    const plain = (p: PatchInPage) => ({ ...p, crop: [...p.crop] });
    return { patches: el.patches!.patches.map(plain), current: el.patches!.current.map(plain), input: [...el.network.run!.values[0]] };
  });
  assert.is(patches.length, 8);
  assert.is(current.length, 3);
  const conv = runModelSync(await shippedModel(), Float32Array.from(input)).layers.find((l) => l.name === 'conv_2_1')!;
  for (const p of [...patches, ...current]) {
    assert.equal(p.field, { rows: { first: 2 * p.row, last: 2 * p.row + 9 }, cols: { first: 2 * p.col, last: 2 * p.col + 9 } });
    assert.equal([p.height, p.width], [10, 10]);
  }
  for (const p of current) {
    assert.is(p.id, 'espresso-cup');
    assert.ok(Math.abs(conv.values[(p.row * 28 + p.col) * 10 + 3] - p.value) < 1e-4, `value at ${p.row}, ${p.col}`);
    for (let i = 0; i < 300; i += 37) {
      const y = Math.floor(i / 30);
      const x = Math.floor((i % 30) / 3);
      assert.is(p.crop[i], input[((p.field.rows.first + y) * 64 + p.field.cols.first + x) * 3 + (i % 3)]);
    }
  }
  assert.equal(patches.map((p) => p.value), [...patches.map((p) => p.value)].sort((a, b) => b - a), 'strongest first');
  // The boxes over the picture on show are those fields, in percent of the picture.
  const boxes = await page.$$eval(TAG, ([el]) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.current-map .box.place')].map((b) => b.getAttribute('style')));
  assert.equal(boxes, current.map((p) => `top:${(p.field.rows.first / 64) * 100}%;left:${(p.field.cols.first / 64) * 100}%;height:${(10 / 64) * 100}%;width:${(10 / 64) * 100}%`));
});

view.it('a thumbnail of the grid picks its channel: reflected, announced with cnn-channel, its patches found', async ({ page, url }) => {
  await view.open(page, url);
  await page.$eval(TAG, (el) => el.addEventListener('cnn-channel', (e) => { (window as unknown as { picked: unknown }).picked = (e as CustomEvent).detail; }));
  await view.click(page, 'button.thumb[data-channel="7"]');
  await whenShown(page, { channel: 7 });
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('channel')), '7');
  assert.equal(await page.evaluate(() => (window as unknown as { picked: unknown }).picked), { layer: 'conv_2_1', channel: 7 });
  assert.is(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('button.thumb[data-channel="7"]')!.getAttribute('aria-pressed')), 'true');
});

view.it('a layer that is not a convolution and a channel out of range each warn once and fall back', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await view.open(page, url);
  await page.$eval(TAG, (el) => { el.setAttribute('layer', 'dense'); el.setAttribute('channel', '42'); });
  await whenShown(page, { layer: 'conv_1_1', channel: 0 });
  const ours = warnings.filter((w) => w.startsWith('<cnn-features>'));
  assert.is(ours.filter((w) => /layer="dense"/.test(w)).length, 1, ours.join('\n'));
  assert.is(ours.filter((w) => /channel="42"/.test(w)).length, 1, ours.join('\n'));
  assert.equal(await page.$eval(TAG, (el) => [el.getAttribute('layer'), el.getAttribute('channel')]), ['conv_1_1', '0']);
});

view.it('on an edited model the picture is computed live: progress with the picture so far, then Stop keeps it and says where it stopped', async ({ page, url }) => {
  await page.goto(url('/test-pages/features-live.html'));
  await page.waitForFunction((tag) => {
    const el = document.querySelector(tag) as FeaturesInPage | null;
    const progress = el?.shadowRoot?.querySelector<HTMLProgressElement>('.look-status progress');
    return el?.origin === 'live' && progress && progress.value >= 8 && el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.look-image')!.dataset.painted;
  }, { timeout: 60_000 }, TAG);
  await view.click(page, '.look-status .stop');
  const after = await page.$eval(TAG, async (node) => {
    const el = node as FeaturesInPage;
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    return { running: el.live.running, progress: Boolean(el.shadowRoot!.querySelector('.look-status progress')), text: el.shadowRoot!.querySelector('.look-status')!.textContent!.replace(/\s+/g, ' '), painted: el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.look-image')!.dataset.painted };
  });
  assert.is(after.running, false);
  assert.is(after.progress, false);
  assert.match(after.text, /Stopped after \d+ of 96 steps\./);
  assert.ok(after.painted, 'the picture so far stays');
  await view.click(page, '.look-status .restart');
  await page.waitForFunction((tag) => (document.querySelector(tag) as FeaturesInPage).live.running, { timeout: 10_000 }, TAG);
});

for (const viewport of ['desktop', 'phone', 'narrow'] as const) {
  view.it(`alone on a blank page, fits a ${viewport} screen without sideways scrolling (screenshot)`, async ({ page, url }) => {
    await view.open(page, url);
    assert.ok(await pageOverflow(page) <= 0, 'the page scrolls sideways');
    await screenshot(page, `features-${viewport}`, true);
  }, { viewport });
}

view.hasNoAxeViolations({ prepare: async () => undefined });
view.run();
