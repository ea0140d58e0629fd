/**
 * <cnn-training> alone on its test page: at two saved epochs it shows other kernels and
 * predictions, each equal to the checkpoint read by the format's description in the test
 * and run there with plain TF.js; the curves' points are report.json's numbers; the slider,
 * the figure's keys and Play move through the saved epochs; checkpoints are fetched only
 * once the figure is in use, each once; a bad epoch attribute warns once; the figure at
 * 1440 and 390 pixels wide.
 */
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { browserSuite, DIST, screenshot } from '../support/browser';
import { readCheckpoint, readIndex, runTinyVgg } from '../support/checkpoint-reader';
import { axeViolations, captureWarnings, pageOverflow, settle, withModel } from './views-support';
import { CHECKPOINTS, TAG, readShown, setEpoch, whenEpochShown, type TrainingInPage } from './training-support';
import { compositePixels } from '../../components/views/training/kernel-colours';

const { it, run } = browserSuite('training figure');
const PAGE = '/test-pages/training.html';
const index = readIndex(CHECKPOINTS);
const report = JSON.parse(readFileSync(join(DIST, 'assets/model/report.json'), 'utf8'));
/** Two plain saved epochs, early and midway (never the shipped one, which shows first). */
const plain = index.checkpoints.filter((c) => c.label !== 'final');
const EARLY = plain[2];
const LATER = plain[Math.floor(plain.length / 2)];

/** The shipped model's largest first-layer weight: the scale the figure draws every epoch in. */
async function shippedKernelScale(): Promise<number> {
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(join(DIST, 'assets/model/model.json'), 'utf8'));
  const first = json.weightsManifest[0].weights[0];
  assert.is(first.name, 'conv_1_1/kernel');
  const bytes = readFileSync(join(DIST, 'assets/model', json.weightsManifest[0].paths[0]));
  const n = first.shape.reduce((a: number, b: number) => a * b, 1);
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 4 * n));
  return Math.max(...values.map(Math.abs));
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.is(a.length, b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
  return w;
}

it('at two saved epochs it shows other kernels and predictions, each the checkpoint\'s own as read and run independently', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url(PAGE));
  await whenEpochShown(page);
  const scale = await shippedKernelScale();
  const seen = [];
  for (const c of [EARLY, LATER]) {
    await setEpoch(page, String(c.epoch));
    await whenEpochShown(page, c.epoch);
    const shown = await readShown(page);
    assert.is(shown.file, c.file);
    assert.match(shown.heading, new RegExp(`kernels at epoch ${c.epoch}$`));
    const weights = readCheckpoint(CHECKPOINTS, c.file, index);
    const kernel = weights.get('conv_1_1/kernel')!;
    assert.ok(worst(shown.kernel, kernel) <= 1e-6, `epoch ${c.epoch}: kernels`);
    const want = runTinyVgg(weights, index.tensors, Float32Array.from(shown.input));
    assert.ok(worst(shown.probabilities, want.probabilities) <= 1e-4, `epoch ${c.epoch}: probabilities`);
    for (const row of shown.rows) assert.ok(Math.abs(row.probability - want.probabilities[row.index]) <= 1e-4, `epoch ${c.epoch}: the table's class ${row.index}`);
    const top = [...want.probabilities].indexOf(Math.max(...want.probabilities));
    assert.is(shown.rows[0].index, top, 'the table starts with the top class');
    shown.composites.forEach((pixels, co) => {
      const expected = compositePixels(kernel, shown.kernelShape, co, scale);
      assert.ok(worst(pixels, expected) <= 1, `epoch ${c.epoch}: channel ${co + 1}'s picture is its kernels`);
    });
    seen.push(shown);
  }
  assert.ok(worst(seen[0].kernel, seen[1].kernel) > 0.01, 'the kernels differ between the epochs');
  assert.ok(worst(seen[0].probabilities, seen[1].probabilities) > 1e-3, 'so does the prediction');
  assert.ok(worst(seen[0].composites.flat(), seen[1].composites.flat()) > 2, 'and the pictures drawn');
  assert.is(seen[1].attribute, String(LATER.epoch));
  await screenshot(page, `training-epoch-${LATER.epoch}`);
});

/** The points of each drawn curve, turned back into numbers with the chart's own scales. */
const drawnCurves = (page: Parameters<typeof readShown>[0]) => page.$eval(TAG, (el) => {
  const out: Record<string, Record<string, { epoch: number; value: number }[]> & { marker?: number; shipped?: number; dots?: Record<string, number> }> = {};
  for (const chart of el.shadowRoot!.querySelectorAll<HTMLElement>('.chart')) {
    const plot = chart.querySelector<SVGGElement>('g.plot')!;
    const nums = (a: string) => plot.getAttribute(a)!.split(',').map(Number);
    const [d0, d1] = nums('data-x-domain');
    const [r0, r1] = nums('data-x-range');
    const [v0, v1] = nums('data-y-domain');
    const [s0, s1] = nums('data-y-range');
    const epoch = (x: number) => d0 + ((x - r0) * (d1 - d0)) / (r1 - r0);
    const value = (y: number) => v0 + ((y - s0) * (v1 - v0)) / (s1 - s0);
    const curves: Record<string, { epoch: number; value: number }[]> = {};
    for (const path of plot.querySelectorAll<SVGPathElement>('path.line')) {
      const pts = [...path.getAttribute('d')!.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => ({ epoch: epoch(Number(m[1])), value: value(Number(m[2])) }));
      curves[path.dataset.curve!] = pts;
    }
    const marker = plot.querySelector('line.marker');
    const shipped = plot.querySelector('g.shipped line');
    const dots = Object.fromEntries([...plot.querySelectorAll<SVGCircleElement>('circle.dot')].map((c) => [c.dataset.curve!, value(Number(c.getAttribute('cy')))]));
    out[chart.dataset.kind!] = Object.assign(curves, {
      marker: marker ? epoch(Number(marker.getAttribute('x1'))) : undefined,
      shipped: shipped ? epoch(Number(shipped.getAttribute('x1'))) : undefined,
      dots,
    });
  }
  return out;
});

it('the curves\' points are report.json\'s numbers, the epoch on show and the shipped epoch marked', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url(PAGE));
  await whenEpochShown(page);
  await setEpoch(page, String(LATER.epoch));
  await whenEpochShown(page, LATER.epoch);
  const drawn = await drawnCurves(page);
  const fields = { accuracy: { train: 'accuracy', early: 'valAccuracy', heldOut: 'testAccuracy' }, loss: { train: 'loss', early: 'valLoss', heldOut: 'testLoss' } } as const;
  const epochs = report.epochs as Record<string, number>[];
  for (const kind of ['accuracy', 'loss'] as const) {
    for (const [curve, field] of Object.entries(fields[kind])) {
      const pts = drawn[kind][curve];
      assert.is(pts.length, epochs.length, `${kind} ${curve}: one point per epoch`);
      pts.forEach((p, i) => {
        assert.ok(Math.abs(p.epoch - epochs[i].epoch) < 1e-3, `${kind} ${curve}: point ${i} at epoch ${p.epoch}`);
        assert.ok(Math.abs(p.value - epochs[i][field]) < 1e-4, `${kind} ${curve} epoch ${epochs[i].epoch}: ${p.value} vs ${epochs[i][field]}`);
      });
      const at = epochs.find((e) => e.epoch === LATER.epoch)!;
      assert.ok(Math.abs(drawn[kind].dots![curve] - at[field]) < 1e-4, `${kind} ${curve}: the marker's dot`);
    }
    assert.ok(Math.abs(drawn[kind].marker! - LATER.epoch) < 1e-3, `${kind}: the marker at the epoch on show`);
    assert.ok(Math.abs(drawn[kind].shipped! - report.selection.epoch) < 1e-3, `${kind}: the shipped epoch marked`);
  }
  const key = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('.curve-key')!.textContent!.replace(/\s+/g, ' '));
  assert.match(key, /early-stopping half: half of the validation pictures, used only to choose which epoch to ship/);
  assert.match(key, /held-out half: the other half, never used for any choice: the honest score/);
});

it('the slider moves by keyboard, so do the arrows on any part of the figure, and Play steps through the saved epochs', async ({ page, url }) => {
  await withModel(page);
  await page.goto(url(PAGE));
  await whenEpochShown(page);
  const stops = await page.$eval(TAG, (el) => (el as TrainingInPage).stops.map((s) => s.epoch));
  const at = () => page.$eval(TAG, (el) => ({ index: (el as TrainingInPage).stopIndex, attr: el.getAttribute('epoch') }));
  const start = (await at()).index;
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!.focus());
  await page.keyboard.press('ArrowLeft');
  assert.equal(await at(), { index: start - 1, attr: String(stops[start - 1]) });
  await page.keyboard.press('Home');
  assert.equal(await at(), { index: 0, attr: String(stops[0]) });
  await page.keyboard.press('ArrowRight');
  assert.equal(await at(), { index: 1, attr: String(stops[1]) });
  await page.keyboard.press('End');
  assert.equal(await at(), { index: stops.length - 1, attr: String(stops[stops.length - 1]) });
  const valueText = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('input[type=range]')!.getAttribute('aria-valuetext'));
  assert.is(valueText, `epoch ${stops[stops.length - 1]}`);
  // The kernels block takes focus (the article focuses the subject) and its arrows move too.
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLElement>('[data-part=kernels]')!.focus());
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await at(), { index: 2, attr: String(stops[2]) });
  await whenEpochShown(page, stops[2]);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.play')!.click());
  await page.waitForFunction((tag) => (document.querySelector(tag) as TrainingInPage).stopIndex >= 5, { timeout: 60_000 }, TAG);
  await page.$eval(TAG, (el) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.play')!.click());
  const paused = (await at()).index;
  assert.is(await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('button.play')!.getAttribute('aria-label')), 'Play through the epochs');
  await settle(page, 1500);
  assert.is((await at()).index, paused, 'paused, it stays');
  const said = await page.$eval(TAG, (el) => el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim());
  assert.match(said, /^Epoch \d+\. The held-out half: [\d.]+\u00a0% right\. This picture: [a-z ]+, [\d.]+\u00a0%\.$/);
});

it('checkpoints are fetched only once the figure is in use, the epoch on show first, each file once', async ({ page, url }) => {
  const requests: string[] = [];
  page.on('request', (r) => { if (/\/checkpoints\/|report\.json/.test(r.url())) requests.push(r.url().replace(/^.*\/assets\/model\//, '')); });
  await withModel(page);
  await page.goto(url('/test-pages/training-below.html'));
  await page.waitForFunction((tag) => customElements.get(tag) && (document.querySelector(tag) as TrainingInPage).shadowRoot, {}, TAG);
  await settle(page, 1500);
  assert.equal(requests, [], 'nothing while the figure is far below');
  await page.$eval(TAG, (el) => el.scrollIntoView());
  await whenEpochShown(page);
  const shipped = index.checkpoints.find((c) => c.label === 'final')!;
  const bins = () => requests.filter((r) => r.endsWith('.bin'));
  assert.is(bins()[0], `checkpoints/${shipped.file}`, 'the shipped epoch comes first');
  assert.is(requests.filter((r) => r === 'report.json').length, 1);
  // Idle time brings the neighbours, and only them.
  const stops = await page.$eval(TAG, (el) => (el as TrainingInPage).stops.map((s) => s.file));
  const s = stops.indexOf(shipped.file);
  const near = [s - 2, s - 1, s + 1, s + 2].filter((i) => i >= 0 && i < stops.length).map((i) => `checkpoints/${stops[i]}`);
  for (let i = 0; i < 300 && bins().length < 1 + near.length; i++) await settle(page, 100);
  await settle(page, 1000);
  assert.equal(new Set(bins()), new Set([`checkpoints/${shipped.file}`, ...near]));
  // Back and forth among them fetches nothing new; a far epoch fetches its own file once.
  for (const i of [s - 1, s, s - 1]) {
    await setEpoch(page, String(index.checkpoints.find((c) => c.file === stops[i])!.epoch));
    await whenEpochShown(page, index.checkpoints.find((c) => c.file === stops[i])!.epoch);
  }
  await setEpoch(page, '0');
  await whenEpochShown(page, 0);
  const counts = new Map<string, number>();
  for (const b of bins()) counts.set(b, (counts.get(b) ?? 0) + 1);
  assert.ok([...counts.values()].every((n) => n === 1), `each file once: ${JSON.stringify([...counts])}`);
  assert.ok(counts.has(`checkpoints/${stops[0]}`));
});

it('a bad epoch warns once and shows the nearest saved epoch, which the attribute then says', async ({ page, url }) => {
  const warnings = captureWarnings(page);
  await withModel(page);
  await page.goto(url(PAGE));
  await whenEpochShown(page);
  const stops = await page.$eval(TAG, (el) => (el as TrainingInPage).stops.map((s) => s.epoch));
  const gap = stops.findIndex((e, i) => i > 0 && e - stops[i - 1] >= 4);
  const asked = stops[gap] - 1;
  for (let k = 0; k < 2; k++) {
    await setEpoch(page, String(asked));
    await whenEpochShown(page, stops[gap]);
  }
  assert.is(await page.$eval(TAG, (el) => el.getAttribute('epoch')), String(stops[gap]));
  const about = warnings.filter((w) => w.includes(`epoch="${asked}"`));
  assert.is(about.length, 1, warnings.join('\n'));
  assert.match(about[0], new RegExp(`^<cnn-training>: epoch="${asked}" was not saved \\(saved: .*\\); showing epoch ${stops[gap]}, the nearest saved one\\.$`));
  await setEpoch(page, 'last');
  await page.waitForFunction((tag) => document.querySelector(tag)!.getAttribute('epoch') !== 'last', {}, TAG);
  assert.ok(warnings.some((w) => /epoch="last" is not a whole number of epochs; showing the shipped epoch/.test(w)));
});

for (const viewport of ['desktop', 'phone'] as const) {
  it(`alone on a blank page ${viewport === 'desktop' ? 1440 : 390} pixels wide it draws every part, with no sideways scroll and no axe violation`, async ({ page, url }) => {
    await withModel(page);
    await page.goto(url(PAGE));
    await whenEpochShown(page);
    const facts = await page.$eval(TAG, (el) => {
      const root = el.shadowRoot!;
      const visible = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)].filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 4).length;
      return {
        units: visible('.kernels .unit'), maps: visible('.maps canvas'), rows: visible('.prediction tbody tr'),
        charts: visible('.chart svg'), lines: root.querySelectorAll('.chart path.line').length, slider: visible('input[type=range]'),
        inside: [...root.querySelectorAll<HTMLElement>('.block')].every((b) => b.getBoundingClientRect().right <= document.documentElement.clientWidth + 1),
      };
    });
    assert.equal(facts, { units: 10, maps: 10, rows: 5, charts: 2, lines: 6, slider: 1, inside: true });
    assert.ok((await pageOverflow(page)) <= 0, 'no sideways scroll');
    assert.equal(await axeViolations(page), []);
    await screenshot(page, `training-alone-${viewport}`, true);
  }, { viewport });
}

run();
