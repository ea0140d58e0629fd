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

run();
