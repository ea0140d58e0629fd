/**
 * The article's steps as data, and the figure state each step asks for. The state of step
 * i depends only on the step list and i (never on which steps were seen before), so skipped
 * steps, fast jumps and a reload mid-article all land on the same figure.
 */
import { FIGURE_VIEWS, type FigureState, type FigureView } from '../components/shared/url-state';

export interface StepSpec {
  /** Index in the whole article. */
  index: number;
  section: string;
  /** Index within its section: what `step` means in a URL. */
  indexInSection: number;
  view: FigureView;
  layer?: string;
  channel?: number;
  scale?: FigureState['scale'];
  image?: string;
  playback?: 'start' | 'end';
}

export interface StepFigure {
  section: string;
  view: FigureView;
  image: string;
  layer: string;
  channel: number;
  scale: FigureState['scale'];
  playback: 'start' | 'end';
  step: number;
}

export const DEFAULT_IMAGE = 'espresso-cup';

/** Reads the step markup: `<div class="step" data-view=… data-layer=… …>` inside sections. */
export function readSteps(root: ParentNode): StepSpec[] {
  const counts = new Map<string, number>();
  return [...root.querySelectorAll<HTMLElement>('section[id] .step')].map((el, index) => {
    const section = (el.closest('section[id]') as HTMLElement).id;
    const indexInSection = counts.get(section) ?? 0;
    counts.set(section, indexInSection + 1);
    const d = el.dataset;
    const view = (FIGURE_VIEWS as readonly string[]).includes(d.view ?? '') ? (d.view as FigureView) : 'overview';
    const channel = d.channel !== undefined && /^\d+$/.test(d.channel) ? Number(d.channel) : undefined;
    const scale = d.scale === 'unit' || d.scale === 'module' || d.scale === 'global' ? d.scale : undefined;
    const playback = d.playback === 'start' || d.playback === 'end' ? d.playback : undefined;
    return { index, section, indexInSection, view, layer: d.layer || undefined, channel, scale, image: d.image || undefined, playback };
  });
}

/** The figure for step i: its own attributes, with the picture carried over from the last step that chose one. */
export function figureForStep(steps: readonly StepSpec[], i: number): StepFigure {
  const s = steps[Math.max(0, Math.min(steps.length - 1, i))];
  let image = DEFAULT_IMAGE;
  for (let k = s.index; k >= 0; k--) {
    if (steps[k].image) { image = steps[k].image!; break; }
  }
  return {
    section: s.section,
    view: s.view,
    image,
    layer: s.layer ?? '',
    channel: s.channel ?? 0,
    scale: s.scale ?? 'unit',
    playback: s.playback ?? 'end',
    step: s.indexInSection,
  };
}

/** The step a URL points at: section + step within it; the first step of the section otherwise. */
export function stepFromUrl(steps: readonly StepSpec[], section: string | undefined, step: number | undefined): number {
  if (!section) return -1;
  const inSection = steps.filter((s) => s.section === section);
  if (inSection.length === 0) return -1;
  return (inSection[Math.min(step ?? 0, inSection.length - 1)] ?? inSection[0]).index;
}
