/**
 * One suite for every figure's browser tests: `viewSuite(tag, …)` opens the figure's test
 * page with the model, waits until it is drawn, and registers the tests every figure passes
 * the same way (axe, every screen size without sideways scrolling, a calm live region, a
 * pass that keeps to its clock). Each test file adds what is its own figure's.
 *
 *   const view = viewSuite('cnn-relu-view', { page: 'relu-view', shown: (page) => … });
 *   view.it('links the two maps', async ({ page, url }) => { await view.open(page, url); … });
 *   view.fitsEveryScreen({ prepare: (page) => … });
 *   view.run();
 */
import * as assert from 'uvu/assert';
import type { Page } from 'puppeteer';
import { browserSuite, screenshot, VIEWPORTS } from '../support/browser';
import { assertCalmAnnouncements, assertPassKeepsToClock, axeViolations, clickInView, mapPlaybackState, openView, pageOverflow, pauseView, settle, useFakeClock, whenMapShown } from './views-support';

type Url = (path: string) => string;

export interface ViewSuiteOptions {
  /** The test page's name: /test-pages/NAME.html (test/support/test-pages.ts). */
  page: string;
  /** Resolves once the figure on the page is drawn in its first state. */
  shown(page: Page): Promise<void>;
}

export function viewSuite(tag: keyof HTMLElementTagNameMap, options: ViewSuiteOptions) {
  const { it, needing, run } = browserSuite(tag);
  const path = `/test-pages/${options.page}.html`;

  const view = {
    it,
    needing,
    run,
    tag,
    /** Loads the test page with the model and waits until the figure is drawn. */
    open: (page: Page, url: Url) => openView(page, url, path, options.shown),
    pause: (page: Page) => pauseView(page, tag),
    /** Clicks `selector` inside the figure's shadow root. */
    click: (page: Page, selector: string) => clickInView(page, tag, selector),

    /** The figure has no accessibility violations of its own, in the state `prepare` leaves (default: paused). */
    hasNoAxeViolations({ prepare = (page: Page) => view.pause(page) }: { prepare?: (page: Page) => Promise<unknown> } = {}): void {
      it('has no accessibility violations of its own (axe)', async ({ page, url }) => {
        await view.open(page, url);
        await prepare(page);
        assert.equal(await axeViolations(page), []);
      });
    },

    /**
     * On a desktop, a phone and a narrow phone the page never scrolls sideways; a full-page
     * screenshot of each is saved as NAME-VIEWPORT. `prepare` puts the figure in the state to
     * check (after a pause); `more` checks more states at that size.
     */
    fitsEveryScreen({ name = options.page, prepare, more }: { name?: string; prepare?: (page: Page) => Promise<unknown>; more?: (page: Page, viewport: keyof typeof VIEWPORTS) => Promise<void> } = {}): void {
      for (const viewport of ['desktop', 'phone', 'narrow'] as const) {
        it(`fits a ${viewport} screen without sideways scrolling (screenshots)`, async ({ page, url }) => {
          await view.open(page, url);
          await view.pause(page);
          await prepare?.(page);
          await settle(page, 200);
          const overflow = await pageOverflow(page);
          assert.ok(overflow <= 0, `page is ${overflow}px too wide`);
          await screenshot(page, `${name}-${viewport}`, true);
          await more?.(page, viewport);
        }, { viewport });
      }
    },

    /**
     * The live region is polite, speaks at most every 4 s of the page's clock while playing
     * (a fake clock: no waiting), and `whereItStopped` checks what it says once paused.
     */
    announcesCalmly(title: string, whereItStopped: (page: Page) => Promise<void>): void {
      it(title, async ({ page, url }) => {
        await useFakeClock(page);
        await view.open(page, url);
        const live = await page.$eval(tag, (el) => el.shadowRoot!.querySelector('[data-role=announcement]')!.getAttribute('aria-live'));
        assert.is(live, 'polite');
        await assertCalmAnnouncements(page, tag);
        await whereItStopped(page);
      });
    },

    /** Where the device falls behind, a playing pass jumps to the step its clock says is due. */
    keepsToItsClock(title = 'a pass keeps to its clock: about 20 s even where a step takes longer than its few milliseconds'): void {
      it(title, async ({ page, url }) => {
        await useFakeClock(page);
        await view.open(page, url);
        await assertPassKeepsToClock(page, tag);
      });
    },
  };
  return view;
}

/** viewSuite for the ReLU and pooling views: waits for a layer and channel, and reads their playback. */
export function mapViewSuite(tag: 'cnn-relu-view' | 'cnn-pool-view', page: string, first: { layer: string; channel: number }) {
  const whenShown = (p: Page, want: { layer?: string; channel?: number; image?: string } = {}) => whenMapShown(p, tag, want);
  const view = viewSuite(tag, { page, shown: (p) => whenShown(p, first) });
  return { ...view, whenShown, state: (p: Page) => mapPlaybackState(p, tag) };
}
