/**
 * The article's steps as data, and the figure state each step asks for. The state of step
 * i depends only on the step list and i (never on which steps were seen before), so skipped
 * steps, fast jumps and a reload mid-article all land on the same figure.
 *
 * A step's markup names its figure with the URL table's parameters (`data-view`,
 * `data-layer`, `data-padding`, …; see components/shared/url-state.ts), its subject with
 * `data-focus` (the part of the figure the prose talks about, which the stage frames), and
 * its playback with `data-playback`.
 */
import { AUTO_CHANNEL, parseDataset, type FigureState } from '../components/shared/url-state';

export interface StepSpec {
  /** Index in the whole article. */
  index: number;
  section: string;
  /** Index within its section: what `step` means in a URL. */
  indexInSection: number;
  /** The figure fields the markup sets (the view included). */
  state: Partial<FigureState>;
  /** What the step talks about: a part of the view (see each view's subjects), or '' for the whole figure. */
  focus: string;
  playback?: 'start' | 'end';
  /** Markup values the table rejected, for a warning. */
  problems: string[];
}

/** A figure state with every field set, plus what the stage needs beyond the URL. */
export interface StepFigure extends FigureState {
  focus: string;
  playback: 'start' | 'end';
}

export const DEFAULT_IMAGE = 'espresso-cup';

/** Reads the step markup: `<div class="step" data-view=… data-layer=… data-focus=…>` inside sections. */
export function readSteps(root: ParentNode): StepSpec[] {
  const counts = new Map<string, number>();
  return [...root.querySelectorAll<HTMLElement>('section[id] .step')].map((el, index) => {
    const section = (el.closest('section[id]') as HTMLElement).id;
    const indexInSection = counts.get(section) ?? 0;
    counts.set(section, indexInSection + 1);
    const { state, problems } = parseDataset(el.dataset);
    delete state.step;
    const playback = el.dataset.playback === 'start' || el.dataset.playback === 'end' ? el.dataset.playback : undefined;
    return { index, section, indexInSection, state, focus: el.dataset.focus ?? '', playback, problems };
  });
}

/** Every field's default, as the URL table gives them. */
const DEFAULTS: Omit<FigureState, 'section' | 'step'> = {
  view: 'overview', image: '', layer: '', channel: AUTO_CHANNEL, scale: 'unit',
  inputSize: 7, padding: 0, kernelSize: 3, stride: 1, dilation: 1, className: '', temperature: 1, edits: '',
};

/** The figure for step i: its own fields over the defaults, with the picture carried over from the last step that chose one. */
export function figureForStep(steps: readonly StepSpec[], i: number): StepFigure {
  const s = steps[Math.max(0, Math.min(steps.length - 1, i))];
  let image = DEFAULT_IMAGE;
  for (let k = s.index; k >= 0; k--) {
    if (steps[k].state.image) { image = steps[k].state.image!; break; }
  }
  return {
    ...DEFAULTS,
    ...s.state,
    image,
    section: s.section,
    step: s.indexInSection,
    focus: s.focus,
    playback: s.playback ?? 'end',
  };
}

/** The step a URL points at: section + step within it; the first step of the section otherwise. */
export function stepFromUrl(steps: readonly StepSpec[], section: string | undefined, step: number | undefined): number {
  if (!section) return -1;
  const inSection = steps.filter((s) => s.section === section);
  if (inSection.length === 0) return -1;
  return (inSection[Math.min(step ?? 0, inSection.length - 1)] ?? inSection[0]).index;
}

/** The fields of `figure` that differ from the step's own figure: all a URL needs beside the step. */
export function differences(figure: Partial<FigureState>, base: FigureState): Partial<FigureState> {
  const out: Partial<Record<keyof FigureState, unknown>> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
    if (figure[key] !== undefined && figure[key] !== base[key]) out[key] = figure[key];
  }
  return out as Partial<FigureState>;
}
