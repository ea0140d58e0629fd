/**
 * The article's entry: scroll orchestration only. Prose and formulas are already in the
 * HTML; the figures load TF.js and the model (in a worker) when they come near the viewport.
 */
import { setAssetBase } from '../components/shared/asset-base';
import '../components/reading-progress';
import '../components/overview/cnn-overview';
import '../components/image-input/image-picker';
import { loadView } from './lazy-views';
import { motionReduced, setMotionReduced } from '../components/shared/reduced-motion';
import { articleLink, type FigureState, type FigureView } from '../components/shared/url-state';
import { pictureStore } from '../components/shared/picture-store';
import { kindFacts } from '../components/shared/layer-kinds';
import { FigureStage } from './figure-stage';
import { watchSteps } from './scroll-steps';
import { figureForStep, readSteps, stepFromUrl, type StepFigure } from './step-table';
import { currentUrlState, writeUrlState } from './url-sync';

setAssetBase(import.meta.url);

const steps = readSteps(document);
const stepEls = [...document.querySelectorAll<HTMLElement>('section[id] .step')];
const stageRoot = document.querySelector<HTMLElement>('.stage-views');
const title = document.querySelector<HTMLElement>('.stage-title');
let active = -1;
/** What the reader changed in the figure since the step began (a clicked map, a new scale, their own picture). */
let overrides: Partial<FigureState> = {};

const stage = stageRoot ? new FigureStage(stageRoot) : null;

const TRIGGER = 0.55;

/** The last step whose top is above the trigger line: where the reader is, whatever fired. */
function stepAtTriggerLine(): number {
  const line = innerHeight * TRIGGER;
  let found = 0;
  for (let i = 0; i < stepEls.length; i++) {
    if (stepEls[i].getBoundingClientRect().top <= line) found = i;
    else break;
  }
  return found;
}

function figureNow(): StepFigure {
  return { ...figureForStep(steps, active), ...(overrides as Partial<StepFigure>) };
}

function urlStateOf(f: StepFigure): Partial<FigureState> {
  const base = figureForStep(steps, active);
  const state: Partial<FigureState> = { section: f.section, step: f.step };
  // Only what differs from the step's own figure goes into the URL: the step implies the rest.
  for (const key of ['view', 'image', 'layer', 'channel', 'scale'] as const) {
    if (f[key] !== base[key]) (state as Record<string, unknown>)[key] = f[key];
  }
  return state;
}

function show(index: number, history: 'replace' | 'push' | 'none'): void {
  if (!stage || steps.length === 0) return;
  active = Math.max(0, Math.min(steps.length - 1, index));
  const f = figureNow();
  void loadView(f.view);
  stage.apply(f, { animate: !motionReduced() });
  stepEls.forEach((el, i) => el.classList.toggle('is-active', i === active));
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.toc a')) {
    if (a.hash === `#${f.section}`) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
  if (title) title.textContent = stepTitle(f);
  if (history !== 'none') writeUrlState(urlStateOf(f), history);
}

function stepTitle(f: StepFigure): string {
  const heading = document.querySelector(`#${CSS.escape(f.section)} h2`)?.textContent ?? '';
  const count = steps.filter((s) => s.section === f.section).length;
  return `${heading} · step ${f.step + 1} of ${count}`;
}

/** True while the page scrolls itself to a step: the steps it passes on the way are not choices. */
let navigating = false;
let settleTimer: ReturnType<typeof setTimeout> | undefined;

function goTo(index: number, history: 'replace' | 'push' | 'none', scroll: 'smooth' | 'instant'): void {
  overrides = {};
  show(index, history);
  const smooth = scroll === 'smooth' && !motionReduced();
  navigating = smooth;
  // Stop a smooth scroll still under way (say, from the previous "next step"), so that it
  // cannot carry the page past the step chosen now.
  window.scrollTo({ top: window.scrollY, behavior: 'instant' });
  stepEls[active]?.scrollIntoView({ behavior: smooth ? 'smooth' : 'instant', block: 'center' });
  if (!smooth) return;
  const settle = () => {
    clearTimeout(settleTimer);
    window.removeEventListener('scrollend', settle);
    navigating = false;
  };
  window.addEventListener('scrollend', settle, { once: true });
  settleTimer = setTimeout(settle, 2000);
}

function restoreFromUrl(history: 'replace' | 'none'): void {
  const url = currentUrlState();
  const index = stepFromUrl(steps, url.section, url.step);
  if (index < 0) return;
  const base = figureForStep(steps, index);
  goTo(index, 'none', 'instant');
  overrides = {};
  for (const key of ['view', 'image', 'layer', 'channel', 'scale'] as const) {
    if (url[key] !== undefined && url[key] !== base[key]) (overrides as Record<string, unknown>)[key] = url[key];
  }
  show(index, history);
}

if (stage && steps.length) {
  // scrollama may report steps late, skipped or out of order: treat a report only as a hint
  // to look at where the reader actually is.
  watchSteps(stepEls, () => {
    if (navigating) return;
    const index = stepAtTriggerLine();
    if (index === active) return;
    overrides = {};
    show(index, 'replace');
  }, TRIGGER);

  document.querySelector('.next-step')?.addEventListener('click', () => goTo(active + 1, 'push', 'smooth'));

  for (const a of document.querySelectorAll<HTMLAnchorElement>('.toc a')) {
    a.addEventListener('click', (e) => {
      const index = stepFromUrl(steps, a.hash.slice(1), 0);
      if (index < 0) return;
      e.preventDefault();
      goTo(index, 'push', 'smooth');
    });
  }

  window.addEventListener('popstate', () => restoreFromUrl('none'));

  // A map chosen in the overview opens the operation behind it.
  stageRoot!.addEventListener('cnn-select', (e) => {
    const { layer, channel } = (e as CustomEvent<{ layer: string; channel: number }>).detail;
    const overview = stage.view('overview') as (HTMLElement & { network?: { info?: { layers: { name: string; kind: string }[] } } }) | null;
    const kind = overview?.network?.info?.layers.find((l) => l.name === layer)?.kind;
    const view: FigureView | undefined = kindFacts(kind)?.view ?? undefined;
    if (!view) return;
    overrides = { ...overrides, view, layer, channel };
    show(active, 'push');
  });

  // The reader's own changes inside a figure (scale, picture) stay in the link.
  const overview = stage.view('overview');
  if (overview) {
    new MutationObserver((records) => {
      // Only the figure on show speaks for the reader; a hidden one settling its own
      // attributes (say, reflecting a default) is not a choice.
      const f = figureNow();
      if (f.view !== 'overview') return;
      let changed = false;
      for (const r of records) {
        const value = overview.getAttribute(r.attributeName!);
        if (r.attributeName === 'scale' && value && value !== f.scale) { overrides.scale = value as FigureState['scale']; changed = true; }
      }
      if (changed) show(active, 'replace');
    }).observe(overview, { attributes: true, attributeFilter: ['scale'] });
  }
  // The reader's own picture stays in the link when it can travel (an example or an address).
  pictureStore.subscribe(({ shareable }) => {
    if (!shareable || shareable === figureNow().image) return;
    overrides.image = shareable;
    show(active, 'replace');
  });

  setUpCopyLink();
  setUpMotionToggle();
  if (currentUrlState().section) restoreFromUrl('replace');
}

function setUpCopyLink(): void {
  const button = document.querySelector<HTMLButtonElement>('.copy-link');
  const status = document.querySelector<HTMLElement>('.copy-status');
  button?.addEventListener('click', async () => {
    const link = articleLink(location.href, urlStateOf(figureNow()));
    try {
      await navigator.clipboard.writeText(link);
      if (status) status.textContent = 'Link copied. It opens this figure exactly as it is now.';
    } catch {
      if (status) status.textContent = `Copy this link: ${link}`;
    }
  });
}

function setUpMotionToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('.motion-toggle');
  if (!button) return;
  const stored = localStorage.getItem('cnn-motion');
  if (stored === 'off' || stored === 'on') setMotionReduced(stored === 'off');
  const render = () => {
    const off = motionReduced();
    button.textContent = off ? 'Motion: off' : 'Motion: on';
    button.setAttribute('aria-pressed', String(off));
  };
  render();
  button.addEventListener('click', () => {
    const off = !motionReduced();
    setMotionReduced(off);
    localStorage.setItem('cnn-motion', off ? 'off' : 'on');
    render();
  });
}
