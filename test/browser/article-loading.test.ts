/**
 * How the article loads its network and pictures (issue 15): one worker, started from the
 * page's head and adopted by the figures; the model fetched once; each example picture
 * downloaded once however many parts of the page show it, on load and on a click.
 */
import * as assert from 'uvu/assert';
import type { HTTPRequest } from 'puppeteer';
import { browserSuite } from '../support/browser';

const { it, run } = browserSuite('article: loading');

type Overview = HTMLElement & { network: { run: { imageKey: string } | null } };

/** Downloads by script (fetch), by path: the pictures the page decodes for the network and the picker. Thumbnails are <img> elements of their own. */
function countFetches(page: import('puppeteer').Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on('request', (r: HTTPRequest) => {
    if (r.resourceType() !== 'fetch') return;
    const path = new URL(r.url()).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  });
  return counts;
}

it('starts one worker that loads the model once, and draws the overview with it', async ({ page, url }) => {
  await page.setCacheEnabled(false);
  await page.evaluateOnNewDocument(() => {
    const Original = window.Worker;
    (window as unknown as { __workers: number }).__workers = 0;
    window.Worker = class extends Original {
      constructor(u: string | URL, o?: WorkerOptions) { super(u, o); (window as unknown as { __workers: number }).__workers++; }
    };
  });
  await page.goto(url('/'));
  await page.waitForFunction(() => (document.querySelector('cnn-overview') as Overview).network.run?.imageKey === 'example:espresso-cup', { timeout: 60_000 });
  const facts = await page.evaluate(() => ({
    workers: (window as unknown as { __workers: number }).__workers,
    adopted: !('__cnnEarlyWorker' in window) || (window as unknown as { __cnnEarlyWorker?: unknown }).__cnnEarlyWorker === undefined,
    loads: (window as unknown as { __cnnNetworkCounters: { loads: number } }).__cnnNetworkCounters.loads,
  }));
  assert.is(facts.workers, 1, 'one worker for the page');
  assert.ok(facts.adopted, 'the figures took over the worker the head started');
  assert.is(facts.loads, 1, 'the page asked for the model once');
});

it('downloads the default picture once, and a clicked example once', async ({ page, url }) => {
  await page.setCacheEnabled(false);
  const counts = countFetches(page);
  await page.goto(url('/'));
  await page.waitForFunction(() => (document.querySelector('cnn-overview') as Overview).network.run?.imageKey === 'example:espresso-cup', { timeout: 60_000 });
  // The picker shows the same picture: it takes the page's one decode of it.
  await page.evaluate(() => document.querySelector('cnn-overview')!.shadowRoot!.querySelector<HTMLButtonElement>('button.controls-toggle')?.click());
  await new Promise((r) => setTimeout(r, 500));
  assert.is(counts.get('/assets/examples/espresso-cup.jpg') ?? 0, 1, 'espresso-cup.jpg fetched once for the overview and its picker');
  const koala = await page.evaluate(() => {
    const picker = document.querySelector('cnn-overview')!.shadowRoot!.querySelector('cnn-image-picker') as HTMLElement & { examples: { id: string }[] };
    const i = picker.examples.findIndex((e) => e.id === 'koala');
    picker.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.thumb')[i].click();
    return i >= 0;
  });
  assert.ok(koala, 'the picker offers the koala');
  await page.waitForFunction(() => (document.querySelector('cnn-overview') as Overview).network.run?.imageKey === 'example:koala', { timeout: 30_000 });
  assert.is(counts.get('/assets/examples/koala.jpg') ?? 0, 1, 'koala.jpg fetched once for the picker, the overview and the crop');
});

/** The main frame's layouts in a trace: how many layout objects each had to lay out, in order. */
function layoutsOf(trace: Uint8Array): { dirty: number; total: number }[] {
  const events = (JSON.parse(Buffer.from(trace).toString()) as { traceEvents: { name: string; ph: string; ts: number; args?: { beginData?: { dirtyObjects?: number; totalObjects?: number } } }[] }).traceEvents;
  return events
    .filter((e) => e.name === 'Layout' && e.ph === 'X' && e.args?.beginData?.totalObjects !== undefined)
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({ dirty: e.args!.beginData!.dirtyObjects ?? 0, total: e.args!.beginData!.totalObjects! }));
}

it('lays out only the first screen at load, and the other steps one per idle task', async ({ page, url }) => {
  await page.tracing.start({ categories: ['devtools.timeline'] });
  await page.goto(url('/'));
  await page.waitForFunction(() => document.querySelectorAll('.scrolly .step').length > 1 &&
    [...document.querySelectorAll('.scrolly .step')].every((s) => s.classList.contains('laid-out')), { timeout: 30_000 });
  // Every layout object on the page, the way the first layout would have seen them all.
  await page.evaluate(() => { document.body.style.width = '99.9%'; void document.body.offsetHeight; });
  const layouts = layoutsOf((await page.tracing.stop())!);
  const full = layouts.at(-1)!.total;
  const biggest = Math.max(...layouts.slice(0, -1).map((l) => l.dirty));
  assert.ok(full > 2000, `the whole article has ${full} layout objects`);
  assert.ok(biggest < full / 3, `no layout before the last did more than a third of the article: the largest laid out ${biggest} of ${full} objects`);
  const skipped = await page.evaluate(() => [...document.querySelectorAll('.scrolly .step')].filter((s) => getComputedStyle(s).contentVisibility !== 'visible').length);
  assert.is(skipped, 0, 'every step is laid out for good once the page had time');
});

it('keeps a step the reader scrolled to right after load in place while the steps above it take their real heights', async ({ page, url }) => {
  await page.goto(url('/'));
  const before = await page.evaluate(() => {
    const steps = document.querySelectorAll<HTMLElement>('.scrolly .step');
    const target = steps[Math.floor(steps.length / 2)];
    target.scrollIntoView({ block: 'center', behavior: 'instant' });
    return { top: target.getBoundingClientRect().top, placeholders: [...steps].filter((s) => !s.classList.contains('laid-out')).length };
  });
  assert.ok(before.placeholders > 10, `most steps still had placeholder heights (${before.placeholders})`);
  await page.waitForFunction(() => [...document.querySelectorAll('.scrolly .step')].every((s) => s.classList.contains('laid-out')), { timeout: 30_000 });
  await new Promise((r) => setTimeout(r, 300));
  const after = await page.evaluate(() => {
    const steps = document.querySelectorAll<HTMLElement>('.scrolly .step');
    return steps[Math.floor(steps.length / 2)].getBoundingClientRect().top;
  });
  assert.ok(Math.abs(after - before.top) <= 2, `the step's top went from ${before.top.toFixed(0)} to ${after.toFixed(0)} px`);
});

run();
