/**
 * What "the figure shows what the prose talks about" means, as checks a browser can make
 * on the article at any step: the step's subject (`[data-step-focus]`, in the view's
 * shadow root or on the stage) lies wholly inside the stage and the viewport; nothing in
 * the stage needs a scroll; the step's first line is on screen and not under the figure;
 * the overview's labels do not overlap and each ⓘ can be clicked.
 */
import type { Page } from 'puppeteer';

export type LandMode = 'scroll' | 'next' | 'load';

/** tsx compiles this file with esbuild's keepNames, whose __name helper the page lacks: call before the first page.goto. */
export async function shimNames(page: Page): Promise<void> {
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
}

/** Scrolls as a reader would until step i has just become the active one. */
export async function scrollReaderTo(page: Page, i: number): Promise<void> {
  await page.evaluate((index) => {
    const step = document.querySelectorAll<HTMLElement>('section[id] .step')[index];
    const stage = document.querySelector<HTMLElement>('.stage')!;
    const stacked = getComputedStyle(stage).getPropertyValue('--stage-layout').trim() === 'stacked';
    const cover = stacked ? stage.offsetHeight : 0;
    const trigger = cover ? cover + (innerHeight - cover) * 0.3 : innerHeight * 0.5;
    window.scrollTo({ top: step.getBoundingClientRect().top + scrollY - trigger + 40, behavior: 'instant' });
  }, i);
}

/** Waits until step i is active and its view has drawn its subject (or the time is up). */
export async function settleOn(page: Page, i: number, timeout = Number(process.env.FRAMING_WAIT ?? 10_000)): Promise<void> {
  await page.waitForFunction((index) => {
    const steps = document.querySelectorAll('section[id] .step');
    if (!steps[index]?.classList.contains('is-active')) return false;
    const view = document.querySelector<HTMLElement & { network?: { phase?: string } }>('.stage-views > [data-view]:not([hidden])');
    if (!view || !customElements.get(view.localName)) return false;
    if (view.network && view.network.phase !== 'ready') return false;
    const deep = (root: ParentNode): Element | null => {
      const hit = root.querySelector('[data-step-focus]');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const h = deep(el.shadowRoot); if (h) return h; }
      return null;
    };
    return Boolean((view.shadowRoot && deep(view.shadowRoot)) || document.querySelector('.stage [data-step-focus]'));
  }, { timeout, polling: 100 }, i).catch(() => undefined);
  // Two frames: a layout that fits itself to the stage settles after its first paint.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Every way step i fails to frame its subject; [] when it frames it. */
export function frameProblems(page: Page, i: number): Promise<string[]> {
  return page.evaluate((index) => {
    const problems: string[] = [];
    const steps = [...document.querySelectorAll<HTMLElement>('section[id] .step')];
    const step = steps[index];
    const activeNow = steps.findIndex((s) => s.classList.contains('is-active'));
    if (activeNow !== index) problems.push(`step ${activeNow} is active instead`);
    const stage = document.querySelector<HTMLElement>('.stage')!;
    const viewsBox = document.querySelector<HTMLElement>('.stage-views')!;
    const view = viewsBox.querySelector<HTMLElement>(':scope > [data-view]:not([hidden])');
    if (!view) return [...problems, 'no view on show'];
    const inside = (r: DOMRect, box: { left: number; top: number; right: number; bottom: number }) =>
      r.left >= box.left - 1 && r.top >= box.top - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1;
    const describe = (el: Element) => `${el.localName}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const walk = (root: ParentNode, visit: (el: Element) => void) => {
      for (const el of root.querySelectorAll('*')) {
        visit(el);
        if (el.shadowRoot) walk(el.shadowRoot, visit);
      }
    };

    // The view fits by its layout, not by shrinking its text out of reach.
    const zoom = (view as HTMLElement & { frame?: { zoom?: number } }).frame?.zoom ?? 1;
    if (zoom < 0.85) problems.push(`${view.localName} had to shrink to ${Math.round(zoom * 100)} % to fit`);

    // Nothing scrolls inside the stage, and the view fits its box.
    if (stage.scrollHeight > stage.clientHeight + 1) problems.push(`the stage scrolls (${stage.scrollHeight} > ${stage.clientHeight})`);
    if (view.scrollHeight > view.clientHeight + 1) problems.push(`${view.localName} is taller than its box (${view.scrollHeight} > ${view.clientHeight})`);
    if (view.scrollWidth > view.clientWidth + 1) problems.push(`${view.localName} is wider than its box (${view.scrollWidth} > ${view.clientWidth})`);
    if (view.shadowRoot) {
      walk(view.shadowRoot, (el) => {
        const style = getComputedStyle(el);
        if (style.display === 'none') return;
        const scrollsY = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
        const scrollsX = /(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
        if (scrollsY || scrollsX) problems.push(`inner scroll in ${describe(el)}`);
      });
    }

    // The subject is marked, drawn, and wholly on screen inside the stage.
    let focus: Element | null = stage.querySelector('.stage-bar [data-step-focus]');
    if (!focus && view.shadowRoot) walk(view.shadowRoot, (el) => { if (!focus && el.hasAttribute('data-step-focus')) focus = el; });
    if (!focus) {
      problems.push('no [data-step-focus] element');
    } else {
      const r = (focus as Element).getBoundingClientRect();
      const stageBox = stage.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) problems.push(`the subject ${describe(focus)} is not drawn (${Math.round(r.width)}×${Math.round(r.height)})`);
      else if (!inside(r, stageBox)) problems.push(`the subject ${describe(focus)} leaves the stage (${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(stageBox.top)}–${Math.round(stageBox.bottom)})`);
      else if (!inside(r, { left: 0, top: 0, right: innerWidth, bottom: innerHeight })) problems.push(`the subject ${describe(focus)} leaves the viewport`);
    }

    // The step's first line is on screen, below (or beside) the figure.
    const first = step.querySelector('h3, p:not(.figure-fallback)') ?? step;
    const fr = first.getBoundingClientRect();
    const lineBottom = fr.top + Math.min(fr.height, parseFloat(getComputedStyle(first).lineHeight) || 28);
    const stacked = getComputedStyle(stage).getPropertyValue('--stage-layout').trim() === 'stacked';
    const coverBottom = stacked ? stage.getBoundingClientRect().bottom : 0;
    if (fr.top < coverBottom - 1 || lineBottom > innerHeight + 1) problems.push(`the step's first line (${Math.round(fr.top)}–${Math.round(lineBottom)}) is not visible below ${Math.round(coverBottom)}`);

    // The overview's labels do not overlap, and every ⓘ can be clicked.
    if (view.dataset.view === 'overview' && view.shadowRoot) {
      const root = view.shadowRoot;
      const labels = [...root.querySelectorAll<HTMLElement>('[part~="layer-label"]')].filter((el) => el.getBoundingClientRect().width > 0);
      for (let a = 0; a < labels.length; a++) {
        for (let b = a + 1; b < labels.length; b++) {
          const p = labels[a].getBoundingClientRect();
          const q = labels[b].getBoundingClientRect();
          if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) {
            problems.push(`labels overlap: "${labels[a].textContent!.trim()}" and "${labels[b].textContent!.trim()}"`);
          }
        }
      }
      for (const info of root.querySelectorAll<HTMLElement>('[part~="info-link"]')) {
        const r = info.getBoundingClientRect();
        if (r.width === 0) continue;
        const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(hit === info || info.contains(hit))) problems.push(`an ⓘ (${info.getAttribute('aria-label')}) is covered by ${hit ? describe(hit) : 'nothing'}`);
      }
    }
    return problems;
  }, i);
}

/** What the reader would call "the same figure": the step marked, the view on show with its state attributes, the address. */
export function stageFacts(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const steps = [...document.querySelectorAll<HTMLElement>('section[id] .step')];
    const active = steps.find((s) => s.classList.contains('is-active'));
    const section = active?.closest('section');
    const view = document.querySelector<HTMLElement>('.stage-views > [data-view]:not([hidden])');
    const facts: Record<string, string | null> = {
      step: active && section ? `${section.id}/${[...section.querySelectorAll('.step')].indexOf(active)}` : null,
      view: view?.dataset.view ?? null,
      url: location.pathname + location.search + location.hash,
    };
    for (const name of ['image', 'layer', 'channel', 'selected', 'scale', 'subject', 'input-size', 'padding', 'kernel-size', 'stride', 'dilation', 'class-name', 'temperature']) {
      const value = view?.getAttribute(name);
      if (value) facts[name] = value;
    }
    return facts;
  });
}
