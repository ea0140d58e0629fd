/**
 * Page helpers the view tests share (conv, ReLU, pooling, flatten, softmax, hyperparameters):
 * the model to load, waiting for a view to be drawn, reading its playback, warnings capture,
 * the page's sideways overflow and axe. Each test file keeps what is its own view's.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { AxePuppeteer } from '@axe-core/puppeteer';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, HAS_REFERENCE_MODEL } from '../support/browser';

/** What a number check in the page reports: how many numbers it compared, and the first mismatches. */
export interface NumberCheckResult {
  checked: number;
  problems: string[];
  count: number;
}

declare global {
  /**
   * In a test page (installed by withModel): collects the comparisons of the numbers a view
   * prints with the numbers a test works out. `near` compares within `tol` (1e-4).
   */
  var __numberCheck: () => {
    near(what: string, got: number, want: number, tol?: number): void;
    problem(text: string): void;
    result(): NumberCheckResult;
  };
}

const NUMBER_CHECK = `globalThis.__numberCheck = () => {
  const problems = [];
  let checked = 0;
  return {
    near(what, got, want, tol = 1e-4) {
      checked++;
      if (!(Math.abs(got - want) <= tol)) problems.push(what + ': shows ' + got + ', expected ' + want);
    },
    problem(text) { problems.push(text); },
    result() { return { checked, problems: problems.slice(0, 10), count: problems.length }; },
  };
};`;

/** What the helpers read of a view element in the page (its playback and the engine's state). */
type ViewInPage = HTMLElement & {
  playback: { pause(): void; play(): void; seek(step: number): void; step: number; stepMs: number; speed: number; playing: boolean };
  network: { phase: string; error: unknown; imageKey?: string; run?: { imageKey: string } };
  source: { error: unknown };
};

/**
 * Until the trained model ships in dist/, figures without a model attribute get the
 * reference model, set before the embed upgrades them (the page itself stays blank).
 */
export async function withModel(page: Page): Promise<void> {
  // tsx compiles this file with esbuild's keepNames, whose __name helper the page lacks.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
  await page.evaluateOnNewDocument(NUMBER_CHECK);
  if (existsSync(join(DIST, 'assets/model/model.json')) || !HAS_REFERENCE_MODEL) return;
  await page.evaluateOnNewDocument(() => {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n instanceof Element && n.localName.startsWith('cnn-') && !n.hasAttribute('model')) n.setAttribute('model', '/reference-model/model.json');
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Lets the page run for `ms` milliseconds. */
export const settle = (page: Page, ms = 60) => page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), ms);

/** Waits for the page's next animation frame. */
export const nextFrame = (page: Page) => page.evaluate(() => new Promise(requestAnimationFrame));

/** What the view is doing, for a failure message. */
export const describeView = (page: Page, tag: string) => page.$eval(tag, (node) => {
  const el = node as ViewInPage;
  return JSON.stringify({
    phase: el.network.phase, error: el.network.error, sourceError: el.source.error, wanted: el.network.imageKey,
    run: el.network.run?.imageKey, attrs: [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
  });
}).catch((e: Error) => e.message);

/**
 * Awaits `waiting` (the test's own waitForFunction for its view being drawn), turning a
 * timeout into an error that says what the view shows (`explain`), then one more frame.
 */
export async function whenDrawn(page: Page, waiting: Promise<unknown>, explain: () => Promise<string>): Promise<void> {
  await waiting.catch(async (err: Error) => {
    throw new Error(`${err.message}; ${await explain()}`);
  });
  await nextFrame(page);
}

/** Loads `path` with the model and waits until `shown` says the view is drawn. */
export async function openView(page: Page, url: (p: string) => string, path: string, shown: (page: Page) => Promise<void>): Promise<void> {
  await withModel(page);
  await page.goto(url(path));
  await shown(page);
}

/** Pauses the view's playback. */
export const pauseView = (page: Page, tag: string) => page.$eval(tag, (el) => (el as ViewInPage).playback.pause());

/** Clicks the element `sel` inside the view's shadow root. */
export const clickInView = (page: Page, tag: string, sel: string) =>
  page.$eval(tag, (el, sel) => el.shadowRoot!.querySelector<HTMLElement>(sel)!.click(), sel);

/** Collects the page's console warnings from now on. */
export function captureWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warn') warnings.push(m.text()); });
  return warnings;
}

/** How many pixels the page is wider than the screen (0 or less: no sideways scrolling). */
export const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The view's own axe violations, one line each; a bare test page's landmark and heading rules are the host's. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxePuppeteer(page).disableRules(['landmark-one-main', 'page-has-heading-one', 'region']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** What the ReLU and pooling views' waits and reads need of them in the page. */
type ChannelMapInPage = ViewInPage & {
  data?: { layer: { name: string }; channel: number; key: string };
  playback: { total: number; playing: boolean; speed: number };
  computedAt: { row: number; col: number };
};

/** Waits until a ReLU or pooling view shows `layer`/`channel` for `image` (each when given), its maps painted. */
export const whenMapShown = (page: Page, tag: 'cnn-relu-view' | 'cnn-pool-view', want: { layer?: string; channel?: number; image?: string } = {}) =>
  whenDrawn(page, page.waitForFunction((tag, w) => {
    const el = document.querySelector(tag) as ChannelMapInPage | null;
    const d = el?.data;
    if (!d || !el!.shadowRoot!.querySelector('canvas[data-painted]')) return false;
    return (!w.layer || d.layer.name === w.layer) && (w.channel === undefined || d.channel === w.channel) && (!w.image || d.key.includes(`example:${w.image}`));
  }, { timeout: 60_000 }, tag, want), async () => `the view: ${await describeView(page, tag)}`);

/** A ReLU or pooling view's playback, the cell it has reached and what its live region says. */
export const mapPlaybackState = (page: Page, tag: 'cnn-relu-view' | 'cnn-pool-view') => page.$eval(tag, (node) => {
  const el = node as ChannelMapInPage;
  return {
    step: el.playback.step,
    total: el.playback.total,
    playing: el.playback.playing,
    speed: el.playback.speed,
    stepMs: el.playback.stepMs,
    at: `${el.computedAt.row},${el.computedAt.col}`,
    announcement: el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim(),
  };
});

/**
 * A clock the test moves: the page's performance.now runs as usual until frozen, then
 * stands still until advanced. Install before the page loads. Figures pace their live
 * region and their pass by performance.now, so a test can tell what they do with time
 * without waiting for it (and without failing on a loaded machine).
 */
export const useFakeClock = (page: Page) => page.evaluateOnNewDocument(`{
  const real = performance.now.bind(performance);
  let frozen = null;
  performance.now = () => frozen ?? real();
  globalThis.__testClock = {
    freeze: () => { frozen = real(); },
    advance: (ms) => { frozen = (frozen ?? real()) + ms; },
  };
}`);

type TestClock = { freeze(): void; advance(ms: number): void };

export const freezeClock = (page: Page) => page.evaluate(() => (globalThis as unknown as { __testClock: TestClock }).__testClock.freeze());
export const advanceClock = (page: Page, ms: number) => page.evaluate((ms) => (globalThis as unknown as { __testClock: TestClock }).__testClock.advance(ms), ms);

const announcementOf = (page: Page, tag: string) =>
  page.$eval(tag, (el) => el.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim());

/** Waits (in the page) until the view's playback has moved `steps` past `from`. */
const stepsPast = (page: Page, tag: string, from: number, steps: number) =>
  page.waitForFunction((tag, target) => (document.querySelector(tag) as ViewInPage).playback.step >= target, { timeout: 15_000 }, tag, from + steps);

/**
 * While playing, the live region speaks at most once in ANNOUNCE_EVERY_MS (4 s) of the
 * page's clock: with the clock frozen, many steps say nothing new; 4 s later, one does.
 * Needs useFakeClock before the page loaded. Leaves the view playing.
 */
export async function assertCalmAnnouncements(page: Page, tag: string): Promise<void> {
  await page.$eval(tag, (node) => { const el = node as ViewInPage; el.playback.pause(); el.playback.seek(0); el.playback.play(); });
  await freezeClock(page);
  const first = await page.$eval(tag, (node) => (node as ViewInPage).playback.step);
  const seen = new Set<string>();
  for (let k = 1; k <= 4; k++) {
    await stepsPast(page, tag, first, 3 * k);
    seen.add(await announcementOf(page, tag));
  }
  assert.ok(seen.size <= 2, `${seen.size} announcements while the clock stood still: ${[...seen].join(' | ')}`);
  const before = await announcementOf(page, tag);
  await advanceClock(page, 4001);
  await page.waitForFunction((tag, before) => document.querySelector(tag)!.shadowRoot!.querySelector('[data-role=announcement]')!.textContent!.trim() !== before, { timeout: 10_000 }, tag, before)
    .catch(() => { throw new Error('4 s later the live region did not speak again'); });
}

/**
 * A pass keeps to its clock: where the device falls behind (here the clock leaps 15 s at
 * once), playback jumps to the step that is due instead of crawling on step by step.
 * Needs useFakeClock before the page loaded.
 */
export async function assertPassKeepsToClock(page: Page, tag: string): Promise<void> {
  await page.$eval(tag, (node) => { const el = node as ViewInPage; el.playback.pause(); el.playback.seek(0); el.playback.play(); });
  await stepsPast(page, tag, 0, 2);
  await freezeClock(page);
  const { step, stepMs } = await page.$eval(tag, (node) => ({ step: (node as ViewInPage).playback.step, stepMs: (node as ViewInPage).playback.stepMs }));
  await advanceClock(page, 15_000);
  const due = Math.floor(15_000 / stepMs);
  // Step by step this would take 15 s of ticks; keeping to the clock, one tick does it.
  await page.waitForFunction((tag, target) => (document.querySelector(tag) as ViewInPage).playback.step >= target, { timeout: 5_000 }, tag, step + due - 3)
    .catch(async () => { throw new Error(`the pass did not catch up with its clock: step ${await page.$eval(tag, (n) => (n as ViewInPage).playback.step)}, due about ${step + due}`); });
  await page.$eval(tag, (node) => (node as ViewInPage).playback.pause());
}

/** Picks `speed` in the playback bar's menu: the view plays at that speed, its steps that much shorter (900 ms at most). */
export async function assertSpeedMenu(page: Page, tag: string, speed: number): Promise<void> {
  const before = await page.$eval(tag, (el) => (el as ViewInPage).playback.stepMs);
  await page.$eval(tag, (el, speed) => {
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('.playback select')!;
    select.value = String(speed);
    select.dispatchEvent(new Event('change'));
  }, speed);
  const after = await page.$eval(tag, (el) => ({ speed: (el as ViewInPage).playback.speed, stepMs: (el as ViewInPage).playback.stepMs }));
  assert.is(after.speed, speed);
  assert.ok(Math.abs(after.stepMs - Math.min(900, before / speed)) < 1e-9, `${speed}× speed: ${after.stepMs} ms a step, was ${before}`);
}

/** With focus in the view: Space plays and pauses, End and Home jump to the last and the first step. */
export async function assertPlaybackKeys(page: Page, tag: string, at: () => Promise<string>, first: string, last: string): Promise<void> {
  const playing = () => page.$eval(tag, (el) => (el as ViewInPage).playback.playing);
  await page.keyboard.press('Space');
  assert.ok(await playing(), 'Space plays');
  await page.keyboard.press('Space');
  assert.not.ok(await playing(), 'Space pauses');
  // The view draws the new position in its next update: wait for it (a few frames at most).
  const reaches = async (want: string, key: string) => {
    let now = await at();
    for (let k = 0; k < 100 && now !== want; k++) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      now = await at();
    }
    const step = await page.$eval(tag, (el) => (el as ViewInPage).playback.step);
    assert.is(now, want, `${key} shows ${want} (shown ${now}, playback step ${step})`);
  };
  await page.keyboard.press('End');
  await reaches(last, 'End');
  await page.keyboard.press('Home');
  await reaches(first, 'Home');
}
