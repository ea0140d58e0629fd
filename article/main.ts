/**
 * The article's entry: scroll orchestration only. Prose and formulas are already in the
 * HTML; the figures load TF.js and the model (in a worker) when they come near the viewport.
 */
import { DEFAULT_MODEL_PATH, assetUrl, setAssetBase } from '../components/shared/asset-base';
import { NetworkStore } from '../components/shared/network-store';
import '../components/reading-progress';
import '../components/overview/cnn-overview';
import '../components/image-input/image-picker';
import { loadView } from './lazy-views';
import { motionReduced } from '../components/shared/reduced-motion';
import { articleLink, fieldsOfView, FIGURE_VIEWS, type FigureState, type FigureView } from '../components/shared/url-state';
import { OWN_PICTURE, pictureStore } from '../components/shared/picture-store';
import { kindFacts } from '../components/shared/layer-kinds';
import { FigureStage } from './figure-stage';
import { watchSteps } from './scroll-steps';
import { StepGeometry } from './step-geometry';
import { StepLayout } from './step-layout';
import { differences, figureForStep, readSteps, stepFromUrl, type StepFigure } from './step-table';
import { currentUrlState, writeUrlState } from './url-sync';
import { setUpCopyLink, setUpMotionToggle } from './stage-actions';
import { keepWideFormulasReachable } from './wide-formulas';

setAssetBase(import.meta.url);
// The worker, TF.js, the .wasm and the model start loading now, not when the figure first
// wakes: the stage shows the overview from the first screen. Its failure is the figure's to tell.
void NetworkStore.for(assetUrl(DEFAULT_MODEL_PATH)).load().catch(() => undefined);
// The rest sets up in a task of its own: evaluating the page's code (defining the figures)
// and setting up the steps (which reads the layout) made one task longer than a frame budget.
await new Promise((resolve) => setTimeout(resolve, 0));
keepWideFormulasReachable();

const steps = readSteps(document);
for (const s of steps) for (const p of s.problems) console.warn(`Step ${s.indexInSection} of #${s.section}: ${p}.`);
const stepEls = [...document.querySelectorAll<HTMLElement>('section[id] .step')];
const stageEl = document.querySelector<HTMLElement>('.stage');
const stageRoot = document.querySelector<HTMLElement>('.stage-views');
const title = document.querySelector<HTMLElement>('.stage-title');
const backButton = document.querySelector<HTMLButtonElement>('.back-to-network');
const geometry = stageEl ? new StepGeometry(stepEls, stageEl) : null;
const stepLayout = new StepLayout(stepEls);
const stage = stageRoot && stageEl ? new FigureStage(stageRoot, stageEl) : null;
let active = -1;
/** What the reader changed in the figure since the step began (a clicked map, a slider). */
let overrides: Partial<FigureState> = {};
/**
 * The picture the reader chose, if any: it stays on show across steps (the steps' own
 * pictures give way to it) and travels in links as its example id or address, or as
 * `image=own` when it cannot travel (a file or a snapshot).
 */
let readerPicture: { shareable: string | null } | null = null;
/**
 * The reader's own edits to the network (a kernel typed in, a channel switched off), or
 * null before any: like the picture, they stay in force on every step until Reset ('').
 */
let readerEdits: string | null = null;

function figureNow(): StepFigure {
  const base = figureForStep(steps, Math.max(0, active));
  const f = { ...base, ...overrides };
  if (readerPicture) f.image = readerPicture.shareable ?? OWN_PICTURE;
  if (readerEdits !== null) f.edits = readerEdits;
  // The step's subject belongs to the step's own view; an operation the reader opened shows its default subject.
  return f.view === base.view ? f : { ...f, focus: '' };
}

/** The URL state: the step, and only what differs from the step's own figure (the step implies the rest). */
function urlStateOf(f: StepFigure): Partial<FigureState> {
  return { section: f.section, step: f.step, ...differences(f, figureForStep(steps, Math.max(0, active))) };
}

/** Shows step `index`'s figure; -1 (above the first step) shows the first step's figure, with no step marked. */
function show(index: number, history: 'replace' | 'push' | 'none'): void {
  if (!stage || steps.length === 0) return;
  active = Math.max(-1, Math.min(steps.length - 1, index));
  const f = figureNow();
  void loadView(f.view);
  stage.apply(f, { animate: !motionReduced(), keepPicture: readerPicture !== null });
  stepEls.forEach((el, i) => el.classList.toggle('is-active', i === active));
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.toc a')) {
    if (a.hash === `#${f.section}`) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
  if (title) title.textContent = stepTitle(f);
  if (backButton) backButton.hidden = !openedFromOverview(f);
  if (history !== 'none' && active >= 0) writeUrlState(urlStateOf(f), history);
  prepareNeighbours();
}

let preparing = 0;

/**
 * In idle time, the code of the views of the steps before and after this one loads, so that
 * they are defined and rendered (hidden) before a step shows them: the step's frame then only
 * lays the view out, instead of also downloading, parsing and first rendering it.
 */
function prepareNeighbours(): void {
  const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
  const ticket = ++preparing;
  idle(() => {
    if (ticket !== preparing) return;
    for (const i of [active + 1, active - 1]) if (i >= 0 && i < steps.length) void loadView(figureForStep(steps, i).view);
  }, { timeout: 2000 });
}

/** Whether the figure shows an operation the reader opened from a map of the step's overview. */
function openedFromOverview(f: StepFigure): boolean {
  return figureForStep(steps, Math.max(0, active)).view === 'overview' && f.view !== 'overview';
}

type FramedView = HTMLElement & { frame?: { focusSubject(): void }; updateComplete?: Promise<unknown> };

/** Moves keyboard focus into the figure on show, to its subject (once the view is defined and drawn). */
async function focusFigure(): Promise<void> {
  const view = stage?.view(figureNow().view) as FramedView | null;
  if (!view) return;
  await customElements.whenDefined(view.localName);
  await view.updateComplete;
  view.frame?.focusSubject();
}

/** Leaves an operation opened from the overview: back to the network, focus on the map it came from. */
function backToNetwork(): void {
  const f = figureNow();
  if (!openedFromOverview(f)) return;
  const { layer, channel } = f;
  const { view: _v, layer: _l, channel: _c, ...rest } = overrides;
  overrides = rest;
  show(active, 'push');
  // A figure hidden a while has laid itself out again at no size: wait for its maps to come back.
  const overview = stage?.view('overview');
  const selector = `[data-layer="${CSS.escape(layer)}"][data-channel="${channel}"]`;
  const started = performance.now();
  const attempt = () => {
    const map = overview?.shadowRoot?.querySelector<HTMLElement>(selector);
    if (map && map.getClientRects().length) map.focus({ preventScroll: true });
    else if (performance.now() - started < 3000) requestAnimationFrame(attempt);
  };
  attempt();
}

function stepTitle(f: StepFigure): string {
  const heading = document.querySelector(`#${CSS.escape(f.section)} h2`)?.textContent ?? '';
  const count = steps.filter((s) => s.section === f.section).length;
  return `${heading} · step ${f.step + 1} of ${count}`;
}

/** True while the page scrolls itself to a step: the steps it passes on the way are not choices. */
let navigating = false;
let settleTimer: ReturnType<typeof setTimeout> | undefined;

function goTo(index: number, history: 'replace' | 'push' | 'none', scroll: 'smooth' | 'instant', keep: Partial<FigureState> = {}): void {
  if (!geometry) return;
  overrides = keep;
  show(index, history);
  const smooth = scroll === 'smooth' && !motionReduced();
  navigating = true;
  // Stop a smooth scroll still under way (say, from the previous "next step"), so that it
  // cannot carry the page past the step chosen now.
  window.scrollTo({ top: window.scrollY, behavior: 'instant' });
  stepLayout.through(active);
  window.scrollTo({ top: geometry.scrollTopFor(active), behavior: smooth ? 'smooth' : 'instant' });
  const settle = () => {
    clearTimeout(settleTimer);
    window.removeEventListener('scrollend', settle);
    navigating = false;
  };
  clearTimeout(settleTimer);
  if (smooth) {
    window.addEventListener('scrollend', settle, { once: true });
    settleTimer = setTimeout(settle, 2000);
  } else {
    // Scroll reports for this jump arrive after this task: let them pass first.
    settleTimer = setTimeout(settle, 100);
  }
}

function restoreFromUrl(history: 'replace' | 'none'): boolean {
  const url = currentUrlState();
  const index = stepFromUrl(steps, url.section, url.step);
  if (index < 0) return false;
  goTo(index, history, 'instant', differences(url, figureForStep(steps, index)));
  return true;
}

/**
 * After a fresh load, late layout (fonts, pictures, the browser's own jump to the #fragment)
 * can move the landed step; so can the browser's jump to the #fragment that follows the
 * popstate of a navigation within the page (opening the address the page already has).
 * Until the reader scrolls, types or taps, or a second after the page has loaded (or after
 * that popstate), the landed step holds: it is landed again instead of giving way to
 * whichever step the moved layout puts under the trigger line.
 */
let reland: (() => boolean) | null = null;
// The reader's own scroll, key or tap ends a landing (one set of listeners for every landing).
for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const) window.addEventListener(type, () => { reland = null; }, { passive: true });

function keepLanding(after: 'load' | 'popstate'): void {
  if (!geometry) return;
  let until = after === 'load' ? Infinity : performance.now() + 1000;
  /** Lands the step again; false once the landing is over. */
  reland = () => {
    if (active < 0 || performance.now() > until) { reland = null; return false; }
    const top = geometry.scrollTopFor(active);
    if (Math.abs(top - scrollY) > 2) goTo(active, 'none', 'instant', overrides);
    return true;
  };
  if (after === 'popstate') {
    // The jump comes after the event, and its scroll reports while the landing's own are ignored.
    requestAnimationFrame(() => reland?.());
    return;
  }
  void document.fonts?.ready.then(() => reland?.());
  window.addEventListener('load', () => {
    until = performance.now() + 1000;
    reland?.();
    requestAnimationFrame(() => reland?.());
  }, { once: true });
}

if (stage && geometry && steps.length) {
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  // scrollama may report steps late, skipped or out of order: treat a report only as a hint
  // to look at where the reader actually is.
  const follow = () => {
    if (navigating) return;
    if (reland?.()) return;
    const index = geometry.stepAtTriggerLine();
    if (index === active) return;
    // Above the first step the figure is the first step's: what the reader set there stays.
    if (!(active === -1 && index === 0)) overrides = {};
    show(index, 'replace');
  };
  watchSteps(stepEls, follow, () => geometry.triggerLine());
  // Steps off screen are not laid out at load (style.css): now, one per idle task, and at
  // once those above wherever the reader scrolls meanwhile.
  const layOutAbove = () => stepLayout.aboveTheWindow();
  window.addEventListener('scroll', layOutAbove, { passive: true });
  void stepLayout.whenIdle().then(() => window.removeEventListener('scroll', layOutAbove));
  // It can also miss one: each step's observer reads only the first of the reports delivered
  // together, so a jump made while an older report waits (a busy page, a step that just
  // changed height) is lost. When a scroll ends, look again.
  if ('onscrollend' in window) window.addEventListener('scrollend', follow, { passive: true });
  else {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    (window as Window).addEventListener('scroll', () => { clearTimeout(quiet); quiet = setTimeout(follow, 150); }, { passive: true });
  }

  document.querySelector('.next-step')?.addEventListener('click', () => goTo(active + 1, 'push', 'smooth'));

  for (const a of document.querySelectorAll<HTMLAnchorElement>('.toc a')) {
    a.addEventListener('click', (e) => {
      const index = stepFromUrl(steps, a.hash.slice(1), 0);
      if (index < 0) return;
      e.preventDefault();
      goTo(index, 'push', 'smooth');
    });
  }

  window.addEventListener('popstate', () => {
    if (restoreFromUrl('none')) keepLanding('popstate');
  });

  // A map chosen in the overview opens the operation behind it.
  stageRoot!.addEventListener('cnn-select', (e) => {
    const { layer, channel } = (e as CustomEvent<{ layer: string; channel: number }>).detail;
    const overview = stage.view('overview') as (HTMLElement & { network?: { info?: { layers: { name: string; kind: string }[] } } }) | null;
    const kind = overview?.network?.info?.layers.find((l) => l.name === layer)?.kind;
    const view: FigureView | undefined = kindFacts(kind)?.view ?? undefined;
    if (!view) return;
    overrides = { ...overrides, view, layer, channel };
    show(active, 'push');
    void focusFigure();
  });

  backButton?.addEventListener('click', backToNetwork);
  stageEl!.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented && openedFromOverview(figureNow())) {
      e.preventDefault();
      backToNetwork();
    }
  });

  // "Skip to the live figure": show the figure at the reader's step and put focus on its subject.
  document.querySelector('[data-skip="figure"]')?.addEventListener('click', (e) => {
    e.preventDefault();
    goTo(Math.max(0, active), 'none', 'instant', overrides);
    void focusFigure();
  });

  watchReaderChanges(stageRoot!);
  stageRoot!.addEventListener('cnn-edits', (e) => {
    readerEdits = (e as CustomEvent<{ edits: string }>).detail.edits;
    show(active, 'replace');
  });
  pictureStore.subscribe(({ shareable }) => {
    readerPicture = { shareable };
    show(active, 'replace');
  });
  setUpCopyLink(() => articleLink(location.href, urlStateOf(figureNow())), () =>
    readerPicture && readerPicture.shareable === null
      ? 'Link copied. Your own picture stays on your device, so whoever opens the link sees the figure with an example picture and a note saying why.'
      : 'Link copied. It opens this figure exactly as it is now.');
  setUpMotionToggle();
  if (currentUrlState().section && restoreFromUrl('none')) keepLanding('load');
  else {
    // A link with figure state but no section (`/?image=koala`) opens the top of the article
    // with the first step's figure in that state; it holds until the reader passes that step.
    const { section: _section, step: _step, ...state } = currentUrlState();
    overrides = differences(state, figureForStep(steps, 0));
    show(geometry.stepAtTriggerLine(), 'none');
  }
}

/**
 * The reader's own changes inside the figure on show (a menu, a slider, a picture) become
 * overrides, so the address bar and "Copy link" carry them. Changes to hidden figures, or
 * the stage's own writes, change nothing.
 */
function watchReaderChanges(root: HTMLElement): void {
  const attributes = new Set(['selected']);
  for (const view of FIGURE_VIEWS) {
    for (const spec of fieldsOfView(view)) attributes.add(spec.attribute!.name);
  }
  new MutationObserver((records) => {
    const f = figureNow();
    if (!records.some((r) => (r.target as HTMLElement).dataset.view === f.view)) return;
    const next = differences(stage!.viewState(), figureForStep(steps, Math.max(0, active)));
    if (JSON.stringify(next) === JSON.stringify(overrides)) return;
    overrides = next;
    show(active, 'replace');
  }).observe(root, { attributes: true, subtree: true, attributeFilter: [...attributes] });
}
