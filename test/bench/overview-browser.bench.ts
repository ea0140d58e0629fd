/**
 * In headless Chromium, per backend: inference latency in the worker (median of 50), the
 * time from a new image to all maps redrawn (median and p95 of 50), long tasks on the
 * main thread while the figure loads and updates, and the first draw after navigation.
 */
import { writeTestPages } from '../support/test-pages';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, REFERENCE_MODEL_DIR, launchChromium } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { line, percentile } from './stats';

const server = await startStaticServer({ root: DIST, mounts: { '/test-pages/': writeTestPages(), '/reference-model/': REFERENCE_MODEL_DIR } });
const chromium = await launchChromium();
const RUNS = 50;
const PAGE = existsSync(join(ROOT, 'assets/model/model.json')) ? 'overview.html' : 'overview-reference.html';
console.log(`page: ${PAGE}`);
try {
  for (const backend of ['wasm', 'webgl', 'cpu']) {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(`${server.url}/test-pages/${PAGE}?backend=${backend}`);
    await page.waitForFunction(() => (document.querySelector('cnn-overview') as unknown as { network: { run: unknown } }).network.run, { timeout: 120_000 });
    const firstDraw = Date.now() - t0;
    const info = await page.evaluate(() => (document.querySelector('cnn-overview') as unknown as { network: { info: { backend: string; backendReason: string } } }).network.info);
    const loadLong = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    const result = await page.evaluate(async (runs: number) => {
      const el = document.querySelector('cnn-overview') as unknown as HTMLElement & { source: { onPicked(e: CustomEvent): void } };
      const canvas = new OffscreenCanvas(64, 64);
      const ctx = canvas.getContext('2d')!;
      const inference: number[] = [];
      const redraw: number[] = [];
      for (let i = 0; i < runs; i++) {
        ctx.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
        ctx.fillRect(0, 0, 64, 64);
        ctx.fillStyle = '#fff';
        ctx.fillRect(i % 50, 10, 14, 40);
        const bitmap = await createImageBitmap(canvas);
        const started = performance.now();
        const done = new Promise<number>((resolve) => el.addEventListener('cnn-run', (e) => resolve((e as CustomEvent).detail.inferenceMs), { once: true }));
        el.source.onPicked(new CustomEvent('cnn-image', { detail: { source: 'bench', bitmap, notes: [], label: `bench ${i}` } }));
        inference.push(await done);
        await new Promise(requestAnimationFrame);
        redraw.push(performance.now() - started);
      }
      return { inference, redraw };
    }, RUNS);
    const updateLong = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    console.log(`\n${backend} → ${info.backend} (${info.backendReason}); first draw ${firstDraw} ms after navigation`);
    console.log(line(`  inference in the worker`, result.inference));
    console.log(line(`  new image → all maps redrawn`, result.redraw));
    console.log(`  p95 redraw ${percentile(result.redraw, 95).toFixed(1)} ms (budget 50 ms)`);
    console.log(`  long tasks: ${loadLong.length} while loading (max ${Math.max(0, ...loadLong).toFixed(0)} ms), ${updateLong.length} during ${RUNS} updates (max ${Math.max(0, ...updateLong).toFixed(0)} ms)`);
    await page.close();
  }
} finally {
  await chromium.close();
  await server.close();
}
