/**
 * The look-inside figures in headless Chromium (WASM backend in the worker), against the
 * issue's budgets: <cnn-saliency>'s occlusion for one class, from the click on a class to
 * the map painted (computed afresh each time; median of 20, budget 300 ms), with the
 * longest main-thread task while it runs (budget 50 ms); <cnn-features>' live feature
 * visualisation of one channel on an edited model, from picking the channel to the
 * finished picture (median of 5, budget 2 s).
 */
import { writeTestPages } from '../support/test-pages';
import { DIST, launchChromium } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { line, median } from './stats';

const OCCLUSION_RUNS = 20;
const FEATURE_RUNS = 5;
const verdict = (ms: number, budget: number) => `${ms <= budget ? 'PASS' : 'OVER'} (budget ${budget} ms)`;

const server = await startStaticServer({ root: DIST, mounts: { '/test-pages/': writeTestPages() } });
const chromium = await launchChromium();
try {
  const page = await chromium.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}/test-pages/saliency.html?backend=wasm`);
  await page.waitForFunction(() => (document.querySelector('cnn-saliency') as unknown as { shown: unknown }).shown, { timeout: 120_000 });
  const occlusion = await page.evaluate(async (runs: number) => {
    type El = HTMLElement & { forgetResults(): void; shown: { method: string } | null };
    const el = document.querySelector('cnn-saliency') as El;
    const w = window as unknown as { __longTasks: number[] };
    const times: number[] = [];
    let longest = 0;
    for (let i = 0; i < runs; i++) {
      el.forgetResults();
      await new Promise(requestAnimationFrame);
      w.__longTasks.splice(0);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>(`button.class-row[data-class="${i % 2 ? 6 : 8}"]`)!;
      const painted = new Promise<void>((resolve) => el.addEventListener('cnn-saliency', () => resolve(), { once: true }));
      const t0 = performance.now();
      button.click();
      await painted;
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 60));
      longest = Math.max(longest, 0, ...w.__longTasks.splice(0));
    }
    return { times, longest, backend: (el as unknown as { network: { info: { backend: string } } }).network.info.backend };
  }, OCCLUSION_RUNS);
  console.log(`backend in the worker: ${occlusion.backend}`);
  console.log(line('occlusion, click → map (one class)', occlusion.times), verdict(median(occlusion.times), 300));
  console.log(`${'longest main-thread task meanwhile'.padEnd(40)} ${occlusion.longest.toFixed(0)} ms  ${occlusion.longest <= 50 ? 'PASS' : 'OVER'} (budget 50 ms)`);
  await page.close();

  const live = await chromium.browser.newPage();
  await live.setViewport({ width: 1440, height: 900 });
  await live.goto(`${server.url}/test-pages/features-live.html?backend=wasm`);
  type Features = HTMLElement & { live: { running: boolean; stateFor(m: string, l: string, c: number): { done: boolean } }; network: { info: { url: string } }; selectChannel(c: number): void; layer: string };
  await live.waitForFunction(() => {
    const el = document.querySelector('cnn-features') as unknown as Features | null;
    return el?.network?.info && el.live.stateFor(el.network.info.url, el.layer, 1).done;
  }, { timeout: 120_000 });
  const features = await live.evaluate(async (runs: number) => {
    const el = document.querySelector('cnn-features') as unknown as Features;
    const times: number[] = [];
    for (let c = 2; c < 2 + runs; c++) {
      const t0 = performance.now();
      el.selectChannel(c);
      while (!el.live.stateFor(el.network.info.url, el.layer, c).done) await new Promise(requestAnimationFrame);
      times.push(performance.now() - t0);
    }
    return times;
  }, FEATURE_RUNS);
  console.log(line('feature visualisation, one channel live', features), verdict(median(features), 2000));
  await live.close();
} finally {
  await chromium.close();
  await server.close();
}
