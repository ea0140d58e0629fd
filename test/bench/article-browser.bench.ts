/**
 * The article in headless Chromium: navigation → the overview drawn, total blocking time
 * (the sum of each long task's time over 50 ms), bytes by type, and long tasks during a
 * scripted scroll to the end. Medians of a few runs; the machine is noisy.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, launchChromium } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { median } from './stats';

const RUNS = 3;
const server = await startStaticServer({ root: DIST });
const chromium = await launchChromium();
const hasModel = existsSync(join(ROOT, 'assets/model/model.json'));
const results: { drawn: number; tbt: number; longTasks: number; maxTask: number; scrollLong: number; scrollMax: number; bytes: Record<string, number> }[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.setCacheEnabled(false);
    const bytes: Record<string, number> = {};
    page.on('response', async (res) => {
      const type = res.request().resourceType();
      const length = Number(res.headers()['content-length'] ?? 0);
      bytes[type] = (bytes[type] ?? 0) + length;
    });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(server.url + '/');
    let drawn = NaN;
    if (hasModel) {
      await page.evaluate(() => document.querySelector('cnn-overview')!.scrollIntoView({ block: 'center' }));
      await page.waitForFunction(() => (document.querySelector('cnn-overview') as unknown as { network: { run: unknown } }).network.run, { timeout: 120_000 });
      drawn = Date.now() - t0;
    }
    const loadLong = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
    // Scroll to the end in steps a reader might take.
    await page.evaluate(async () => {
      window.scrollTo(0, 0);
      const end = document.documentElement.scrollHeight;
      for (let y = 0; y < end; y += 300) {
        window.scrollTo(0, y);
        await new Promise((res) => setTimeout(res, 40));
      }
    });
    const scrollLong = await page.evaluate(() => (window as unknown as { __long: number[] }).__long.splice(0));
    results.push({
      drawn,
      tbt: loadLong.reduce((s, d) => s + Math.max(0, d - 50), 0),
      longTasks: loadLong.length,
      maxTask: Math.max(0, ...loadLong),
      scrollLong: scrollLong.length,
      scrollMax: Math.max(0, ...scrollLong),
      bytes,
    });
    await page.close();
  }
} finally {
  await chromium.close();
  await server.close();
}
const m = (k: keyof (typeof results)[0]) => median(results.map((x) => x[k] as number));
console.log(`article, median of ${RUNS} cold loads at 1440×900:`);
console.log(`  navigation → overview drawn   ${hasModel ? `${m('drawn')} ms` : 'n/a (no shipped model yet)'}`);
console.log(`  total blocking time (load)    ${m('tbt').toFixed(0)} ms  (${m('longTasks')} long tasks, longest ${m('maxTask').toFixed(0)} ms)`);
console.log(`  long tasks while scrolling    ${m('scrollLong')} (longest ${m('scrollMax').toFixed(0)} ms)`);
const last = results[results.length - 1].bytes;
console.log(`  bytes by type (last run): ${Object.entries(last).sort((a, b) => b[1] - a[1]).map(([t, b]) => `${t} ${(b / 1024).toFixed(0)} KiB`).join(', ')}`);
