/**
 * <cnn-teach> training in the worker: a tiny seeded set (red and blue pictures, generated
 * from a seed) fine-tuned to the end with the curves and progress moving while it runs, the
 * held-out score reported, TF.js never loaded in the page and the worker's tensors back to
 * what they were plus the one taught model, also after a second run; Stop ends a long run
 * early and keeps what it learned; a learning rate far too large ends in a plain message.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot } from '../support/browser';
import { withModel } from './views-support';
import { TAG, addFiles, clickTrain, pictureFiles, whenNetworkReady, whenRunEnds, workerTensors, type TeachInPage } from './teach-support';

const { it, run } = browserSuite('teaching figure, training');
const PAGE = '/test-pages/teach.html';
/** Tiny VGG's weight arrays: four convolutions and the output layer, a kernel and a bias each. */
const TAUGHT_WEIGHTS = 10;

async function readyPage(page: Page, url: (p: string) => string, attrs: Record<string, string>): Promise<void> {
  await withModel(page);
  await page.goto(url(PAGE));
  await page.waitForSelector(`${TAG} >>> .tab`);
  await page.$eval(TAG, (el, attrs) => { for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); }, attrs);
  await addFiles(page, 0, pictureFiles('red', 8));
  await addFiles(page, 1, pictureFiles('blue', 8));
  await whenNetworkReady(page);
}

/** Records, at every change the figure draws while the run lasts, what the curves and the progress bar show. */
const recordRun = (page: Page) => page.$eval(TAG, (el) => {
  const root = el.shadowRoot!;
  const seen: { batches: number; points: number; progress: number; text: string }[] = [];
  const look = () => {
    const s = (el as TeachInPage).session;
    if (s.phase !== 'training') return;
    const points = [...root.querySelectorAll('.chart polyline')].reduce((n, p) => n + (p.getAttribute('points') ?? '').trim().split(/\s+/).filter(Boolean).length, 0);
    seen.push({ batches: s.batches.length, points, progress: Number(root.querySelector('.progress')!.getAttribute('aria-valuenow')), text: root.querySelector('.progress-text')!.textContent!.trim() });
  };
  const observer = new MutationObserver(look);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  (window as unknown as { stopRecording: () => typeof seen }).stopRecording = () => { observer.disconnect(); return seen; };
});
const stopRecording = (page: Page) => page.evaluate(() => (window as unknown as { stopRecording: () => { batches: number; points: number; progress: number; text: string }[] }).stopRecording());

it('fine-tunes a tiny seeded set to the end in the worker, the curves and progress moving, and leaves no tensor behind', async ({ page, url }) => {
  await readyPage(page, url, { epochs: '8', classes: 'red, blue' });
  const baseline = await workerTensors(page);
  await recordRun(page);
  await clickTrain(page);
  await whenRunEnds(page);
  const seen = await stopRecording(page);
  const s = await page.$eval(TAG, (el) => {
    const { session } = el as TeachInPage;
    const root = el.shadowRoot!;
    return {
      phase: session.phase, message: session.message, epochs: session.epochs.length, key: session.modelKey,
      classNames: session.outcome?.classNames, held: session.outcome?.heldOut?.accuracy,
      rows: [...root.querySelectorAll('.per-class tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim()),
      all: root.querySelector('.per-class tfoot .num')?.textContent?.trim(),
      progress: root.querySelector('.progress')!.getAttribute('aria-valuenow'),
      tfInPage: '_tfengine' in globalThis,
    };
  });
  assert.is(s.phase, 'finished', s.message);
  assert.is(s.epochs, 8);
  assert.ok(s.key.startsWith('taught:'));
  assert.equal(s.classNames, ['red', 'blue']);
  assert.is(s.progress, '100');
  assert.is(s.tfInPage, false, 'TF.js ran in the worker, never in the page');
  // Two pictures of each 8 were kept aside; red and blue are easy.
  assert.equal(s.rows.map((r) => r.replace(/ \d \/ 2$/, '')), ['red', 'blue']);
  assert.ok(s.held !== undefined && s.held >= 0.75, `held-out accuracy ${s.held}`);
  assert.is(s.all, `${Math.round(100 * s.held!)} %`);
  // The curves grew while the run lasted, and the progress text told the time left.
  const during = seen.filter((x) => x.batches > 0);
  assert.ok(during.length >= 2, `seen ${during.length} moments of the run`);
  assert.ok(new Set(during.map((x) => x.points)).size >= 2, 'the curves changed during the run');
  assert.ok(during.some((x) => /Epoch \d of 8 · (about .* left|working out the time left)/.test(x.text)), during.map((x) => x.text).join(' | '));
  assert.ok(during.at(-1)!.progress > during[0].progress);
  assert.is(await workerTensors(page), baseline + TAUGHT_WEIGHTS, 'only the taught model\'s weights stay');
  await screenshot(page, 'teach-trained');

  await clickTrain(page);
  await whenRunEnds(page);
  await page.waitForFunction((tag) => (document.querySelector(tag) as TeachInPage).session.modelKey === 'taught:2', {}, TAG);
  await page.waitForFunction(async (tag, want) => (await (document.querySelector(tag) as TeachInPage).session.tensorsInWorker()) === want, { polling: 100, timeout: 5000 }, TAG, baseline + TAUGHT_WEIGHTS);
});

it('Stop ends a long run after the batch in hand and keeps what it learned', async ({ page, url }) => {
  await readyPage(page, url, { epochs: '300' });
  const baseline = await workerTensors(page);
  await clickTrain(page);
  await page.waitForFunction((tag) => (document.querySelector(tag) as TeachInPage).session.batches.length >= 3, { timeout: 60_000, polling: 50 }, TAG);
  await (await page.$(`${TAG} >>> .stop`))!.click();
  await whenRunEnds(page);
  const s = await page.$eval(TAG, (el) => {
    const { session } = el as TeachInPage;
    return { phase: session.phase, message: session.message, epochs: session.report!.epoch, key: session.modelKey, held: session.outcome?.heldOut?.accuracy, train: el.shadowRoot!.querySelector('.train')?.textContent?.trim() };
  });
  assert.is(s.phase, 'stopped');
  assert.ok(s.epochs < 300, `stopped in epoch ${s.epochs}`);
  assert.ok(s.key.startsWith('taught:'), 'what it learned is kept as a model');
  assert.ok(typeof s.held === 'number');
  assert.match(s.message, /[Ss]topped/);
  assert.is(s.train, 'Train again');
  assert.is(await workerTensors(page), baseline + TAUGHT_WEIGHTS);
});

it('from scratch, it learns red against blue and paints the first layer\'s kernels as they form', async ({ page, url }) => {
  await readyPage(page, url, { epochs: '6', mode: 'scratch' });
  await clickTrain(page);
  const kernelPixels = () => page.$eval(TAG, (el) => {
    const c = el.shadowRoot!.querySelector<HTMLCanvasElement>('.kernel-canvas');
    return c ? [...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data].join() : '';
  });
  await page.waitForFunction((tag) => Boolean(document.querySelector(tag)!.shadowRoot!.querySelector('.kernel-canvas')), { timeout: 60_000, polling: 50 }, TAG);
  const first = await kernelPixels();
  await whenRunEnds(page);
  const s = await page.$eval(TAG, (el) => ({ phase: (el as TeachInPage).session.phase, mode: el.shadowRoot!.querySelector<HTMLInputElement>('input[value=scratch]')!.checked }));
  assert.is(s.phase, 'finished');
  assert.is(s.mode, true);
  const last = await kernelPixels();
  assert.ok(first && last && first !== last, 'the kernels changed as it learned');
});

it('a learning rate far too large stops the run and says it diverged, keeping no model', async ({ page, url }) => {
  await readyPage(page, url, { epochs: '30', mode: 'scratch', 'learning-rate': '1e9' });
  const baseline = await workerTensors(page);
  await clickTrain(page);
  await whenRunEnds(page);
  const s = await page.$eval(TAG, (el) => {
    const { session } = el as TeachInPage;
    return { phase: session.phase, key: session.modelKey, alert: el.shadowRoot!.querySelector('.result .summary.error[role=alert]')?.textContent?.trim(), use: Boolean(el.shadowRoot!.querySelector('.use')) };
  });
  assert.is(s.phase, 'diverged');
  assert.is(s.key, '');
  assert.match(s.alert ?? '', /^Training diverged in epoch \d+: the /);
  assert.is(s.use, false, 'there is no model to use');
  assert.is(await workerTensors(page), baseline);
  await screenshot(page, 'teach-diverged');
});

run();
