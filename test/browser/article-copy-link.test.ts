/**
 * "Copy link" carries what the reader changed with a view's own controls: for each view, a
 * step is opened, every menu and slider of the view is moved to another value as a reader
 * would (a change event on the control), the link is copied, and a fresh page opened at it
 * shows the same view with the same state attributes; for the convolution, its output map's
 * pixels are compared too.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite } from '../support/browser';
import { fieldsOfView, type FigureView } from '../../components/shared/url-state';
import { shimNames } from './framing-support';

const { it, run } = browserSuite('copy link');

const VIEWS: FigureView[] = ['overview', 'conv', 'relu', 'pool', 'flatten', 'softmax', 'hyperparameters'];

/** Captures what Copy link writes, whatever the clipboard's permissions. */
async function stubClipboard(page: Page) {
  await shimNames(page);
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    const stub = { writeText: async (t: string) => { w.__copied.push(t); } };
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => stub });
  });
}

async function openStepOf(page: Page, view: FigureView) {
  const index = await page.$$eval('section[id] .step', (steps, view) => steps.findIndex((s) => (s as HTMLElement).dataset.view === view), view);
  assert.ok(index >= 0, `a step shows the ${view} view`);
  await page.evaluate((i) => document.querySelectorAll('section[id] .step')[i].scrollIntoView({ block: 'center', behavior: 'instant' }), index);
  await ready(page, view);
}

/** The view on the stage is shown, its network has run and its layout has settled. */
async function ready(page: Page, view: FigureView) {
  await page.waitForFunction((view) => {
    const el = document.querySelector(`.stage-views [data-view="${view}"]`) as (HTMLElement & { network?: { phase: string } }) | null;
    return el && !el.hidden && el.network?.phase === 'ready';
  }, { timeout: 30_000 }, view).catch(async (e) => {
    const seen = await page.evaluate((view) => {
      const el = document.querySelector(`.stage-views [data-view="${view}"]`) as (HTMLElement & { network?: { phase: string } }) | null;
      return `${location.href}: ${view} ${el ? `hidden=${el.hidden} phase=${el.network?.phase}` : 'missing'}`;
    }, view);
    throw new Error(`${(e as Error).message} (${seen})`);
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Moves every menu and slider of the view to another value; returns how many it moved. */
function moveControls(page: Page, view: FigureView) {
  return page.$eval(`.stage-views [data-view="${view}"]`, async (el) => {
    let moved = 0;
    const root = el.shadowRoot!;
    for (const select of [...root.querySelectorAll('select')]) {
      const options = [...select.options].filter((o) => !o.disabled);
      const other = options.reverse().find((o) => o.value !== select.value);
      if (!other) continue;
      select.value = other.value;
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      moved++;
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    }
    for (const range of [...root.querySelectorAll<HTMLInputElement>('input[type=range]')]) {
      const min = Number(range.min || 0);
      const step = Number(range.step || 1) || 1;
      const next = Number(range.value) === min ? min + step : min;
      range.value = String(next);
      range.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      range.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      moved++;
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    }
    return moved;
  });
}

/** The view's state attributes, by the URL table's names. */
function stateAttributes(page: Page, view: FigureView) {
  const names = fieldsOfView(view).map((f) => f.attribute!.name).concat(view === 'overview' ? ['selected'] : []);
  return page.$eval(`.stage-views [data-view="${view}"]`, (el, names) => Object.fromEntries(names.map((n) => [n, el.getAttribute(n) || null])), names); // absent and empty mean the same
}

async function copyLink(page: Page): Promise<string> {
  await page.$eval('.copy-link', (b) => (b as HTMLButtonElement).click());
  await page.waitForFunction(() => (window as unknown as { __copied: string[] }).__copied.length > 0, { timeout: 5000 }).catch(async () => {
    throw new Error(`nothing copied; the status says "${await page.$eval('.copy-status', (s) => s.textContent)}"`);
  });
  return page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.pop()!);
}

/** The first drawn canvas of the view's output, as a data URL. */
const outputPixels = (page: Page, view: FigureView) => page.$eval(`.stage-views [data-view="${view}"]`, (el) => {
  const canvas = [...el.shadowRoot!.querySelectorAll('canvas')].find((c) => c.width > 0 && c.getClientRects().length > 0);
  return canvas?.toDataURL() ?? '';
});

for (const view of VIEWS) {
  it(`a link copied after changing the ${view} view's menus and sliders reopens it as it was`, async ({ page, browser, url }) => {
    await stubClipboard(page);
    await page.goto(url('/'));
    await openStepOf(page, view);
    const before = await stateAttributes(page, view);
    const moved = await moveControls(page, view);
    assert.ok(moved > 0, `the ${view} view has controls to move`);
    await ready(page, view);
    const changed = await stateAttributes(page, view);
    assert.not.equal(changed, before, 'the controls changed the view\'s state');
    const href = await copyLink(page);
    const pixels = view === 'conv' ? await outputPixels(page, view) : '';

    const fresh = await browser.newPage();
    try {
      await fresh.setViewport({ width: 1440, height: 900 });
      await fresh.goto(href);
      await ready(fresh, view);
      assert.equal(await stateAttributes(fresh, view), changed, `the link ${href} reopens the same state`);
      if (view === 'conv') assert.is(await outputPixels(fresh, view), pixels, 'the convolution draws the same pixels');
    } finally {
      await fresh.close();
    }
  });
}

run();
