/**
 * A figure alone on its own test page, told to fit a box of a given size (as the article's
 * stage does): the box, the subject, and every way the fitted figure fails to frame it
 * (overflow, inner scroll, scaling below 85 %, a subject not wholly inside the box, text
 * below 10 px, except a formula's scripts when the formula itself is set at 15 px or more).
 */
import type { Page } from 'puppeteer';

/** The view element's box in the article's stage at 1440×900, 1024×768, 390×844 and 360×740. */
export const STAGE_BOXES = {
  desktop: [851, 836],
  laptop: [585, 704],
  phone: [366, 424],
  narrow: [336, 365],
} as const;

export type BoxName = keyof typeof STAGE_BOXES;

/** Puts the figure `tag` in a box of `box` CSS pixels, fitted, with `subject`, and waits for it to settle. */
export async function fitInBox(page: Page, tag: string, box: BoxName, subject: string): Promise<void> {
  const [width, height] = STAGE_BOXES[box];
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
