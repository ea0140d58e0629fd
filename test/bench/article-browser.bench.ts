/**
 * The article in headless Chromium at 1440×900, as issue 15 measures it: cold loads in fresh
 * browser contexts (no cache), each followed by clicks on example pictures and a full scroll
 * at reading pace. Prints every metric of the issue as the median over runs with its spread
 * (min–max), next to its budget, with PASS or OVER (see verdict.ts).
 *
 * - navigation → overview fully drawn: from navigation start to the first animation frame in
 *   which every map canvas of the overview shows the live run of its picture;
 * - load: total blocking time (the sum of each main-thread long task's time over 50 ms) and
 *   the longest task, from navigation until a second after the overview is drawn;
 * - JS transferred: every script the page and its worker fetched (the worker's own requests
 *   read from its Resource Timing), counted gzipped as a static host would send them;
 * - heap: the page's and the worker's used JS heap after load, after a garbage collection;
 * - click an example → all maps redrawn: with the figure's controls open, the pointer rests
 *   on an example thumbnail for 150 ms, then clicks it; from the click to the animation frame
 *   in which every map shows that picture (clicks cycle through the examples, so both first
 *   and repeated pictures count), median and p95 of each run;
 * - scroll: the whole article at a reading pace (BENCH_SCROLL_PX_S, default 800 px/s), frame
 *   times (animation-frame intervals) and long tasks, each attributed to the step on show.
 *
 * BENCH_RUNS sets the number of cold loads (default 3); BENCH_CLICKS=0 and BENCH_SCROLL_PX_S=0
 * leave out the clicks and the scroll (for many loads quickly); BENCH_CPU_SLOWDOWN=2 runs the page's
 * threads at half speed (Chromium's CPU throttling: what a slower host would see, to find the lines
 * with no margin; the budgets are for an unthrottled run); BENCH_DIST serves another build (say,
 * the integration branch's, for a before/after in one session). The machine is shared and noisy: read
 * the numbers with the load average printed beside them.
 */
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, readFileSync as read } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { DIST, ROOT, launchChromium } from '../support/browser';
import { startStaticServer } from '../support/static-server';
import { median, percentile } from './stats';
import { verdict } from './verdict';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 35);
const SCROLL_PX_S = Number(process.env.BENCH_SCROLL_PX_S ?? 800);
const SITE = process.env.BENCH_DIST ?? DIST;
const SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);
const baseline = JSON.parse(read(join(import.meta.dirname, 'baseline.json'), 'utf8')) as { drawnMs: number | null };

if (!existsSync(join(ROOT, 'assets/model/model.json'))) {
  console.log('article: no shipped model (assets/model/model.json); nothing to measure.');
  process.exit(0);
}

const gzipCache = new Map<string, number>();
/** The gzip size of a file of dist/ named by its URL path (what a compressing host would send). */
function gzipBytes(path: string): number {
  let n = gzipCache.get(path);
  if (n === undefined) {
    const file = join(SITE, decodeURIComponent(path));
    n = existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
    gzipCache.set(path, n);
  }
  return n;
}

/** Installed before the page's own scripts: long tasks, and the frame in which the overview is fully drawn. */
function instrument(): void {
  type Overview = HTMLElement & { network?: { run?: { imageKey: string } | null } };
  const b = {
    long: [] as { start: number; duration: number }[],
    drawnAt: NaN,
    /** Whether every map of the overview shows the live run of `key` (the current run's when omitted). */
    drawn(key?: string): boolean {
      const o = document.querySelector<Overview>('cnn-overview');
      const run = o?.network?.run;
      if (!o?.shadowRoot || !run || (key && run.imageKey !== key)) return false;
      const canvases = o.shadowRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-column], canvas[data-rgb]');
      if (canvases.length === 0) return false;
      // data-painted is `serial|imageKey|scale|map` (components/overview/overview-paint.ts).
      for (const c of canvases) if (c.dataset.painted?.split('|')[1] !== run.imageKey) return false;
      return true;
    },
  };
  (window as unknown as { __bench: typeof b }).__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const poll = () => {
    if (b.drawn()) b.drawnAt = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

type BenchWindow = Window & { __bench: { long: { start: number; duration: number }[]; drawnAt: number; drawn(key?: string): boolean } };

interface Run {
  drawn: number;
  tbt: number;
  longest: number;
  loadLong: number;
  jsKiB: number;
  allKiB: number;
  heapMiB: number;
  clickMedian: number;
  clickP95: number;
  scrollLong: number;
  scrollLongest: number;
  frameP95: number;
  scrollTasks: { step: string; duration: number }[];
  jsFiles: string[];
}

async function resources(page: Page): Promise<{ name: string; body: number }[]> {
  const read = () => performance.getEntriesByType('resource').map((e) => ({ name: e.name, body: (e as PerformanceResourceTiming).encodedBodySize }));
  const own = await page.evaluate(read);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceResourceTiming | undefined;
    return n ? [{ name: n.name, body: n.encodedBodySize }] : [];
  });
  const fromWorkers = (await Promise.all(page.workers().map((w) => w.evaluate(read).catch(() => [])))).flat();
  const seen = new Map<string, number>();
  for (const r of [...nav, ...own, ...fromWorkers]) seen.set(r.name, Math.max(seen.get(r.name) ?? 0, r.body));
  // The worker's own script is fetched for the worker: it is in neither timeline.
  for (const w of page.workers()) if (!seen.has(w.url()) && w.url().startsWith('http')) seen.set(w.url(), gzipBytes(new URL(w.url()).pathname));
  return [...seen].map(([name, body]) => ({ name, body }));
}

async function heapMiB(page: Page): Promise<number> {
  const session = await page.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  const own = (await session.send('Runtime.getHeapUsage')).usedSize;
  await session.detach();
  let workers = 0;
  for (const w of page.workers()) {
    const client = (w as unknown as { client: { send(m: string): Promise<{ usedSize: number }> } }).client;
    await client.send('HeapProfiler.collectGarbage').catch(() => undefined);
    workers += (await client.send('Runtime.getHeapUsage')).usedSize;
  }
  return (own + workers) / 1024 / 1024;
}

/** Clicks example thumbnails in the overview's picker, cycling through them; ms from each click to the frame with every map redrawn. */
async function clickExamples(page: Page, clicks: number): Promise<number[]> {
  return page.evaluate(async (n: number) => {
    const b = (window as unknown as BenchWindow).__bench;
    const o = document.querySelector('cnn-overview')!;
    // A reader opens the fitted figure's controls, points at a thumbnail, and clicks it a moment later.
    o.shadowRoot!.querySelector<HTMLButtonElement>('button.controls-toggle[aria-expanded="false"]')?.click();
    await new Promise((r) => setTimeout(r, 300));
    const picker = o.shadowRoot!.querySelector('cnn-image-picker') as HTMLElement & { examples: { id: string }[]; selected: string };
    const times: number[] = [];
    for (let i = 1; times.length < n; i++) {
      const ex = picker.examples[i % picker.examples.length];
      if (ex.id === picker.selected) continue;
      const thumb = [...picker.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.thumb')][i % picker.examples.length];
      thumb.dispatchEvent(new PointerEvent('pointerenter'));
      await new Promise((r) => setTimeout(r, 150));
      const t0 = performance.now();
      thumb.click();
      const key = `example:${ex.id}`;
      const t = await new Promise<number>((resolve, reject) => {
        const give = setTimeout(() => reject(new Error(`${key} was not drawn within 15 s`)), 15_000);
        const check = (now: number) => {
          if (b.drawn(key)) { clearTimeout(give); resolve(performance.now()); } else requestAnimationFrame(check);
          void now;
        };
        requestAnimationFrame(check);
      });
      times.push(t - t0);
    }
    return times;
  }, clicks);
}

/** Scrolls from the top to the end at `pxPerS`; frame intervals, and the step on show over time. */
async function scrollArticle(page: Page, pxPerS: number) {
  return page.evaluate(async (speed: number) => {
    window.scrollTo({ top: 0, behavior: 'instant' });
    await new Promise((r) => setTimeout(r, 500));
    const start = performance.now();
    const end = document.documentElement.scrollHeight - innerHeight;
    const frames: number[] = [];
    const steps: { t: number; step: string }[] = [];
    let last = start;
    let shown = '';
    await new Promise<void>((done) => {
      const tick = (now: number) => {
        frames.push(now - last);
        last = now;
        const y = Math.min(end, ((now - start) / 1000) * speed);
        window.scrollTo({ top: y, behavior: 'instant' });
        const active = document.querySelector<HTMLElement>('.step.is-active');
        const section = active?.closest('section[id]');
        const label = active && section ? `${section.id} step ${[...section.querySelectorAll('.step')].indexOf(active) + 1}` : 'top';
        if (label !== shown) steps.push({ t: now, step: (shown = label) });
        if (y >= end) done();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await new Promise((r) => setTimeout(r, 300));
    return { start, frames: frames.slice(1), steps, height: end };
  }, pxPerS);
}

const server = await startStaticServer({ root: SITE });
const chromium = await launchChromium();
const runs: Run[] = [];
const loads: string[] = [];
try {
  for (let r = 0; r < RUNS; r++) {
    loads.push(loadavg()[0].toFixed(2));
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.setCacheEnabled(false);
    if (SLOWDOWN > 1) await page.emulateCPUThrottling(SLOWDOWN);
    // tsx keeps function names with a helper the page lacks: give it one.
    await page.evaluateOnNewDocument('globalThis.__name = (f) => f;');
    await page.evaluateOnNewDocument(instrument);
    await page.goto(server.url + '/');
    await page.waitForFunction(() => Number.isFinite((window as unknown as BenchWindow).__bench.drawnAt), { timeout: 120_000, polling: 100 });
    await new Promise((res) => setTimeout(res, 1000));
    const drawn = await page.evaluate(() => (window as unknown as BenchWindow).__bench.drawnAt);
    const loadLong = await page.evaluate(() => (window as unknown as BenchWindow).__bench.long.splice(0));
    const res = await resources(page);
    const js = res.filter((x) => /\.m?js(\?|$)/.test(new URL(x.name).pathname) && x.name.startsWith(server.url));
    const heap = await heapMiB(page);
    const clicks = CLICKS > 0 ? await clickExamples(page, CLICKS) : [];
    await page.evaluate(() => (window as unknown as BenchWindow).__bench.long.splice(0));
    const scroll = SCROLL_PX_S > 0 ? await scrollArticle(page, SCROLL_PX_S) : { start: Infinity, steps: [], frames: [], height: 0 };
    const scrollLong = (await page.evaluate(() => (window as unknown as BenchWindow).__bench.long.splice(0))).filter((t) => t.start >= scroll.start);
    const stepAt = (t: number) => [...scroll.steps].reverse().find((s) => s.t <= t)?.step ?? 'top';
    runs.push({
      drawn,
      tbt: loadLong.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
      longest: Math.max(0, ...loadLong.map((t) => t.duration)),
      loadLong: loadLong.length,
      jsKiB: js.reduce((s, x) => s + gzipBytes(new URL(x.name).pathname), 0) / 1024,
      allKiB: res.reduce((s, x) => s + x.body, 0) / 1024,
      heapMiB: heap,
      clickMedian: median(clicks),
      clickP95: percentile(clicks, 95),
      scrollLong: scrollLong.length,
      scrollLongest: Math.max(0, ...scrollLong.map((t) => t.duration)),
      frameP95: percentile(scroll.frames, 95),
      scrollTasks: scrollLong.map((t) => ({ step: stepAt(t.start + t.duration + 50), duration: Math.round(t.duration) })),
      jsFiles: js.map((x) => `${new URL(x.name).pathname} ${(gzipBytes(new URL(x.name).pathname) / 1024).toFixed(1)}`),
    });
    console.log(`  run ${r + 1}/${RUNS} (load ${loads[r]}): drawn ${drawn.toFixed(0)} ms, ${clicks.length} clicks, scrolled ${scroll.height} px in ${(scroll.frames.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s`);
    if (loadLong.length) console.log(`    long tasks during load (duration at start, ms): ${loadLong.map((t) => `${Math.round(t.duration)} at ${Math.round(t.start)}`).join(', ')}`);
    await context.close();
  }
} finally {
  await chromium.close();
  await server.close();
}

const col = (k: keyof Run) => runs.map((x) => x[k] as number);
const then = [CLICKS > 0 ? `${CLICKS} clicks` : '', SCROLL_PX_S > 0 ? `one full scroll (${SCROLL_PX_S} px/s)` : ''].filter(Boolean).join(' and ');
console.log(`\narticle at 1440×900${SLOWDOWN > 1 ? `, CPU throttled ×${SLOWDOWN}` : ''}, ${RUNS} cold loads${then ? `, ${then} each` : ''}; load average ${loads.join(', ')}:`);
const today = baseline.drawnMs;
verdict('navigation → overview fully drawn', col('drawn'), today ? today / 3 : Infinity, 'ms', today ? `(⅓ of today's ${today} ms)` : '(no baseline yet: test/bench/baseline.json)');
verdict('total blocking time during load', col('tbt'), 50, 'ms');
verdict('longest task during load', col('longest'), 50, 'ms', `(${median(col('loadLong'))} long tasks)`);
verdict('JS transferred, page + worker (gzip)', col('jsKiB'), 300, 'KiB');
verdict('heap, page + worker, after load', col('heapMiB'), 5.5 * 1.1, 'MiB', '(5.5 MiB + 10 %)');
if (CLICKS > 0) {
  verdict('click an example → all maps redrawn, median', col('clickMedian'), 50, 'ms');
  verdict('click an example → all maps redrawn, p95', col('clickP95'), 50, 'ms');
}
if (SCROLL_PX_S > 0) {
  verdict('scroll: long tasks', col('scrollLong'), 0, '');
  verdict('scroll: longest task', col('scrollLongest'), 50, 'ms');
  verdict('scroll: frame time p95', col('frameP95'), 17, 'ms');
}
console.log(`  all bytes transferred (uncompressed host), info: ${median(col('allKiB')).toFixed(0)} KiB`);
const byStep = new Map<string, number[]>();
for (const t of runs.flatMap((x) => x.scrollTasks)) byStep.set(t.step, [...(byStep.get(t.step) ?? []), t.duration]);
if (byStep.size) {
  console.log(`  long tasks while scrolling, by step on show (all runs):`);
  for (const [step, ds] of byStep) console.log(`    ${step.padEnd(28)} ${ds.length} × (${ds.join(', ')} ms)`);
}
console.log(`  scripts fetched (last run, gzip KiB): ${runs[runs.length - 1].jsFiles.join(', ')}`);
