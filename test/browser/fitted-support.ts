/**
 * A figure fitted to a box on its own test page, as the article's stage fits it: the
 * element gets a definite size, the `fit` attribute and a subject, and the checks are the
 * framing walk's (framing-support.ts) made on the element alone: nothing overflows or
 * scrolls inside, no shrinking below 85 %, the subject marked and wholly inside the box,
 * and no text below 11 px (typeset formulas aside, whose sub- and superscripts are smaller by design).
 */
import type { Page } from 'puppeteer';

/** The view element's box inside the article's stage at each window size (the shared brief's measurements). */
export const STAGE_BOXES = {
  desktop: { width: 851, height: 836 },
  laptop: { width: 585, height: 704 },
  phone: { width: 366, height: 424 },
  narrow: { width: 336, height: 365 },
} as const;

export type BoxName = keyof typeof STAGE_BOXES;

type FittedInPage = HTMLElement & {
  updateComplete: Promise<unknown>;
  frame: { zoom: number; current: string };
  playback?: { pause(): void; seek(step: number): void; total: number };
};

/** Sizes the element to `box`, fits it and sets its subject and attributes; waits until its layout has settled. */
export async function fitInBox(page: Page, tag: string, box: BoxName, subject: string, attrs: Record<string, string | number> = {}): Promise<void> {
  await page.$eval(tag, async (node, size, subject, attrs) => {
    const el = node as FittedInPage;
    document.body.style.margin = '0';
    el.style.width = `${size.width}px`;
    el.style.height = `${size.height}px`;
    el.setAttribute('fit', '');
    el.setAttribute('subject', subject);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    const settle = async () => {
      for (let i = 0; i < 6; i++) {
        await el.updateComplete;
        await new Promise((r) => requestAnimationFrame(r));
      }
    };
    await settle();
    el.playback?.pause();
    el.playback?.seek(el.playback.total - 1);
    await settle();
  }, STAGE_BOXES[box], subject, attrs);
  // KaTeX's fonts and the layout's second pass (FitBudget) settle within a few frames.
  await page.waitForFunction((tag) => {
    const el = document.querySelector(tag) as FittedInPage;
    return !el.shadowRoot!.querySelector('.formula .status');
  }, { timeout: 15_000 }, tag);
  await page.evaluate(() => document.fonts.ready);
  await page.$eval(tag, async (node) => {
    for (let i = 0; i < 4; i++) {
      await (node as FittedInPage).updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
}

/** Every way the fitted element fails its box; [] when it fits. */
export function fitProblems(page: Page, tag: string): Promise<string[]> {
  return page.$eval(tag, (node) => {
    const el = node as FittedInPage;
    const root = el.shadowRoot!;
    const problems: string[] = [];
    const describe = (e: Element) => `${e.localName}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`;
    if (el.frame.zoom < 0.85) problems.push(`shrank to ${Math.round(el.frame.zoom * 100)} %`);
    if (el.scrollHeight > el.clientHeight + 1) problems.push(`taller than its box (${el.scrollHeight} > ${el.clientHeight})`);
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`wider than its box (${el.scrollWidth} > ${el.clientWidth})`);
    const box = el.getBoundingClientRect();
    for (const e of root.querySelectorAll('*')) {
      const style = getComputedStyle(e);
      if (style.display === 'none') continue;
      if ((/(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1) || (/(auto|scroll)/.test(style.overflowX) && e.scrollWidth > e.clientWidth + 1)) {
        problems.push(`inner scroll in ${describe(e)}`);
      }
      const r = e.getBoundingClientRect();
      const text = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (text && r.width > 0 && !e.closest('.katex, .sr-only') && parseFloat(style.fontSize) * el.frame.zoom < 10.9) {
        problems.push(`text of ${parseFloat(style.fontSize)} px in ${describe(e)}: "${e.textContent!.trim().slice(0, 20)}"`);
      }
    }
    const focus = root.querySelector('[data-step-focus]');
    if (!focus) {
      problems.push(`no subject marked (subject ${el.frame.current})`);
    } else {
      const r = focus.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) problems.push(`the subject ${describe(focus)} is not drawn`);
      else if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1) {
        problems.push(`the subject ${describe(focus)} leaves the box (${Math.round(r.top - box.top)}–${Math.round(r.bottom - box.top)} of ${Math.round(box.height)})`);
      }
    }
    return problems;
  });
}

/** How many elements of the grid `selector` (in the element's shadow root) a Tab key can reach. */
export const tabStops = (page: Page, tag: string, selector: string) => page.$eval(tag, (el, selector) => {
  const grid = el.shadowRoot!.querySelector(selector);
  if (!grid) return -1;
  const all = [grid, ...grid.querySelectorAll('*')] as HTMLElement[];
  return all.filter((e) => e.tabIndex >= 0 && (e.hasAttribute('tabindex') || /^(button|input|select|a)$/.test(e.localName))).length;
}, selector);
