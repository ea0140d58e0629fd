/**
 * <cnn-training> in headless Chromium: navigation → the shipped epoch drawn; a step to the
 * next saved epoch (prefetched in idle time, or not); a jump to a far epoch; a fast drag
 * across every saved epoch until the last is drawn; and the main thread's long tasks
 * while scrubbing. Medians; the machine is noisy, so nothing here passes or fails.
 */
import { DIST, launchChromium } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { writeTestPages } from '../support/test-pages';
import { line, median } from './stats';

const RUNS = 3;
const server = await startStaticServer({ root: DIST, mounts: { '/test-pages/': writeTestPages() } });
const chromium = await launchChromium();
const load: number[] = [];
const neighbour: number[] = [];
const far: number[] = [];
const drag: number[] = [];
const longTasks: number[] = [];
let longest = 0;

type El = HTMLElement & { shown: { epoch: number } | null; stops: { epoch: number }[]; stopIndex: number };

try {
  for (let r = 0; r < RUNS; r++) {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.setCacheEnabled(false);
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(`${server.url}/test-pages/training.html`);
    await page.waitForFunction(() => (document.querySelector('cnn-training') as unknown as El).shown, { timeout: 120_000 });
    load.push(Date.now() - t0);
    await new Promise((res) => setTimeout(res, 2000));
    await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
    /** Milliseconds from setting the epoch to its drawing. */
    const go = (epoch: number) => page.evaluate(async (epoch) => {
      const el = document.querySelector('cnn-training') as unknown as El;
      const t = performance.now();
      el.setAttribute('epoch', String(epoch));
      while (el.shown?.epoch !== epoch) await new Promise((res) => requestAnimationFrame(res));
      return performance.now() - t;
    }, epoch);
    const stops = await page.$eval('cnn-training', (el) => (el as unknown as El).stops.map((s) => s.epoch));
    const at = await page.$eval('cnn-training', (el) => (el as unknown as El).stopIndex);
    neighbour.push(await go(stops[at - 1]));
    far.push(await go(stops[0]));
    // A fast drag: every saved epoch in turn, one a frame, then wait for the last.
    drag.push(await page.evaluate(async (stops) => {
      const el = document.querySelector('cnn-training') as unknown as El;
      const t = performance.now();
      for (const e of stops) {
        el.setAttribute('epoch', String(e));
        await new Promise((res) => requestAnimationFrame(res));
      }
      const last = stops[stops.length - 1];
      while (el.shown?.epoch !== last) await new Promise((res) => requestAnimationFrame(res));
      return performance.now() - t;
    }, stops));
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
    longTasks.push(long.length);
    longest = Math.max(longest, ...long, 0);
    await page.close();
  }
} finally {
  await chromium.close();
  await server.close();
}
console.log(`training figure, ${RUNS} cold loads at 1440×900:`);
console.log(line('navigation → shipped epoch drawn', load));
console.log(line('step to a neighbour (prefetched)', neighbour));
console.log(line('jump to epoch 0 (not prefetched)', far));
console.log(line('drag over every epoch → last drawn', drag));
console.log(`  long tasks while scrubbing: median ${median(longTasks)} a run, longest ${longest.toFixed(0)} ms`);
