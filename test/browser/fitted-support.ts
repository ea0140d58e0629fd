/**
 * A figure alone on its own test page, told to fit a box of a given size (as the article's
 * stage does): the box, the subject, and every way the fitted figure fails to frame it
 * (overflow, inner scroll, scaling below 85 %, a subject not wholly inside the box, text
 * below 10 px, except a formula's scripts when the formula itself is set at 15 px or more).
 */
import type { Page } from 'puppeteer';

/** The view element's box in the article's stage at 1440×900, 1024×768, 390×844 and 360×740. */
export const STAGE_BOXES = {
  desktop: { width: 851, height: 836 },
  laptop: { width: 585, height: 704 },
  phone: { width: 366, height: 424 },
  narrow: { width: 336, height: 365 },
} as const;

export type BoxName = keyof typeof STAGE_BOXES;

/** Puts the figure `tag` in a box of `box` CSS pixels, fitted, with `subject`, and waits for it to settle. */
export async function fitInBox(page: Page, tag: string, box: BoxName, subject: string): Promise<void> {
  const { width, height } = STAGE_BOXES[box];
  await page.$eval(tag, async (el, width, height, subject) => {
    let frame = el.parentElement!;
    if (!frame.classList.contains('test-box')) {
      frame = document.createElement('div');
      frame.className = 'test-box';
      el.before(frame);
      frame.append(el);
    }
    frame.style.cssText = `width:${width}px;height:${height}px;outline:1px dashed #999`;
    el.setAttribute('fit', '');
    el.setAttribute('subject', subject);
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }, width, height, subject);
  // A few frames: the size observer, then the layout that fits the new size.
  for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  await page.$eval(tag, (el) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

/** Every way the fitted figure fails to frame its subject; [] when it frames it. */
export function fittedProblems(page: Page, tag: string): Promise<string[]> {
  return page.$eval(tag, (el) => {
    const problems: string[] = [];
    const host = el as HTMLElement & { frame: { zoom: number } };
    const root = host.shadowRoot!;
    const describe = (e: Element) => `${e.localName}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}${e.getAttribute('data-part') ? `[${e.getAttribute('data-part')}]` : ''}`;
    if (host.frame.zoom < 0.85) problems.push(`shrunk to ${Math.round(host.frame.zoom * 100)} %`);
    if (host.scrollHeight > host.clientHeight + 1) problems.push(`taller than its box (${host.scrollHeight} > ${host.clientHeight})`);
    if (host.scrollWidth > host.clientWidth + 1) problems.push(`wider than its box (${host.scrollWidth} > ${host.clientWidth})`);
    const box = host.getBoundingClientRect();
    for (const e of root.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || e.closest('.sr-only')) continue;
      if ((/(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1) || (/(auto|scroll)/.test(style.overflowX) && e.scrollWidth > e.clientWidth + 1)) {
        problems.push(`inner scroll in ${describe(e)}`);
      }
      const r = e.getBoundingClientRect();
      const ownText = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.replace(/[\s\u200b]/g, ''));
      // A formula set at a legible size keeps TeX's smaller scripts.
      const katex = e.closest('.katex');
      const typeset = katex && parseFloat(getComputedStyle(katex).fontSize) * host.frame.zoom >= 15;
      if (ownText && !typeset && r.width > 0 && r.height > 0 && r.bottom > box.top && r.top < box.bottom) {
        const px = parseFloat(style.fontSize) * host.frame.zoom;
        if (px < 10) problems.push(`text of ${px.toFixed(1)} px in ${describe(e)}: "${e.textContent!.trim().slice(0, 20)}"`);
      }
    }
    const focus = root.querySelector('[data-step-focus]');
    if (!focus) problems.push('no [data-step-focus] element');
    else {
      const r = focus.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) problems.push(`the subject ${describe(focus)} is not drawn`);
      else if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1) {
        problems.push(`the subject ${describe(focus)} leaves the box (${Math.round(r.top - box.top)}–${Math.round(r.bottom - box.top)} of ${Math.round(box.height)})`);
      }
    }
    return [...new Set(problems)].slice(0, 12);
  });
}

/** The bounding box of the figure's subject, relative to the box: for "large enough" checks. */
export const subjectRect = (page: Page, tag: string) => page.$eval(tag, (el) => {
  const f = el.shadowRoot!.querySelector('[data-step-focus]')!.getBoundingClientRect();
  const b = el.getBoundingClientRect();
  return { width: f.width, height: f.height, boxWidth: b.width, boxHeight: b.height };
});

// Fitting the element itself (its own size, attributes, playback at its end): the conv and hyperparameter views.
type FittedInPage = HTMLElement & {
  updateComplete: Promise<unknown>;
  frame: { zoom: number; current: string };
  playback?: { pause(): void; seek(step: number): void; total: number };
};

/** Sizes the element to `box`, fits it and sets its subject and attributes; waits until its layout has settled. */
export async function fitElement(page: Page, tag: string, box: BoxName, subject: string, attrs: Record<string, string | number> = {}): Promise<void> {
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
