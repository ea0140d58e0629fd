import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { browserSuite } from '../support/browser';
import { loadModel } from '../../model/engine/load-model';
import { runModelSync } from '../../model/engine/run-model';
import { preprocess } from '../../model/engine/preprocess';
import { listSplit, SHARED_DATA_DIR } from '../../model/node/dataset';
import { readJpeg } from '../../model/node/decode-jpeg';
import { fileIOHandler, REFERENCE_MODEL_DIR } from '../../model/node/file-io-handler';

const { needing, run } = browserSuite('the engine in the browser');

type Overview = HTMLElement & {
  network: { run: { imageKey: string; probabilities: Float32Array } | null; info: { backend: string; backendReason: string } | null };
  source: { onPicked(e: CustomEvent): void };
};

async function waitForRun(page: Page) {
  await page.waitForFunction(() => (document.querySelector('cnn-overview') as unknown as Overview | null)?.network?.run, { timeout: 60_000 });
}

/** Sends RGBA bytes through the page's real path (bitmap → worker → engine) and returns the probabilities. */
async function browserProbabilities(page: Page, rgba: number[], width: number, height: number): Promise<number[]> {
  return page.evaluate(async (data, w, h) => {
    const el = document.querySelector('cnn-overview') as unknown as Overview;
    const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(data), w, h));
    const done = new Promise<void>((resolve) => el.addEventListener('cnn-run', () => resolve(), { once: true }));
    el.source.onPicked(new CustomEvent('cnn-image', { detail: { source: 'test', bitmap, notes: [], label: 'test' } }));
    await done;
    return [...el.network.run!.probabilities];
  }, rgba, width, height);
}

{
  const it = needing('reference model', 'val images');
  it('gives the reference model the same probabilities as Node does, to 1e-4, for the same pixels', async ({ page, url }) => {
    await tf.setBackend('cpu');
    const model = await loadModel(fileIOHandler(join(REFERENCE_MODEL_DIR, 'model.json')));
    const files = listSplit(SHARED_DATA_DIR, 'val').filter((_, i) => i % 50 === 7).slice(0, 6);
    await page.goto(url('/test-pages/overview-reference.html'));
    await waitForRun(page);
    let worst = 0;
    for (const f of files) {
      const img = readJpeg(f.path);
      const node = runModelSync(model, preprocess({ width: img.width, height: img.height, data: img.data })).probabilities;
      const browser = await browserProbabilities(page, [...img.data], img.width, img.height);
      for (let k = 0; k < 10; k++) worst = Math.max(worst, Math.abs(browser[k] - node[k]));
    }
    model.tfModel.dispose();
    assert.ok(worst <= 1e-4, `largest difference ${worst}`);
  });
}

{
  const it = needing('reference model');
  it('chooses WASM with SIMD by default and says why', async ({ page, url }) => {
    await page.goto(url('/test-pages/overview-reference.html'));
    await waitForRun(page);
    const info = await page.evaluate(() => (document.querySelector('cnn-overview') as unknown as Overview).network.info!);
    assert.is(info.backend, 'wasm');
    assert.match(info.backendReason, /SIMD/);
  });

  it('honours ?backend=cpu and falls through an unknown override with a reason', async ({ page, url }) => {
    await page.goto(url('/test-pages/overview-reference.html?backend=cpu'));
    await waitForRun(page);
    assert.is(await page.evaluate(() => (document.querySelector('cnn-overview') as unknown as Overview).network.info!.backend), 'cpu');
    await page.goto(url('/test-pages/overview-reference.html?backend=quantum'));
    await waitForRun(page);
    const info = await page.evaluate(() => (document.querySelector('cnn-overview') as unknown as Overview).network.info!);
    assert.is(info.backend, 'wasm');
    assert.match(info.backendReason, /quantum/);
  });

  it('never delivers a stale image: the last of several quick requests wins', async ({ page, url }) => {
    await page.goto(url('/test-pages/overview-reference.html'));
    await waitForRun(page);
    const result = await page.evaluate(async () => {
      const el = document.querySelector('cnn-overview') as unknown as Overview;
      const seen: string[] = [];
      el.addEventListener('cnn-run', (e) => seen.push((e as CustomEvent).detail.imageKey));
      for (const colour of ['red', 'green', 'blue']) {
        const c = new OffscreenCanvas(64, 64);
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 64, 64);
        el.source.onPicked(new CustomEvent('cnn-image', { detail: { source: 'test', bitmap: await createImageBitmap(c), notes: [], label: colour } }));
      }
      await new Promise((r) => setTimeout(r, 1500));
      return { seen, final: el.network.run!.imageKey };
    });
    assert.ok(result.seen.length >= 1);
    assert.is(result.seen[result.seen.length - 1], result.final);
    assert.ok(result.seen.every((k) => k === result.final), `stale runs were delivered: ${result.seen.join(', ')}`);
  });
}

run();
