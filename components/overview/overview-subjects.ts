/**
 * The overview's subjects (what the prose beside it may talk about) and, for a figure that
 * must fit a box, the layout of each: on wide boxes the whole network with the subject's
 * panel under it; on phones (compact) the subject alone, large, with just enough context.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FrameSpec, SubjectTable } from '../shared/frame-controller';

export type OverviewSubject = 'network' | 'map' | 'kernel' | 'input' | 'numbers' | 'legend' | 'field' | 'output' | 'picker';

/** Below this width a fitted overview shows its compact forms. */
export const COMPACT_BELOW = 560;

const ABOUT: Record<OverviewSubject, string> = {
  network: 'the whole network',
  map: 'the selected map and its layer',
  kernel: "the selected neuron's kernels and bias",
  input: 'the three colour channels',
  numbers: 'a patch of the selected map as numbers (bytes and ÷ 255 for the input)',
  legend: 'the colour key and legends',
  field: 'the receptive field of a value, traced back to the pixels',
  output: 'the class scores',
  picker: 'the picture chooser and the 64 × 64 crop',
};

/** The element that carries the ring for each subject (first match in the figure). */
const FOCUS: Record<OverviewSubject, string> = {
  network: '.wide, .mini, .narrow',
  map: '[data-part="map"], .layer-band, canvas.map.selected',
  kernel: '[data-part="kernel"]',
  input: '[data-part="input"]',
  numbers: '[data-part="numbers"]',
  legend: '[data-part="legend"]',
  field: '[data-part="field"]',
  output: '[data-part="output"], .outputs',
  picker: '[data-part="source"]',
};

/** What each subject shows when fitted, wide and compact: the parts beside the header. */
const PARTS: Record<OverviewSubject, { wide: string[]; compact: string[] }> = {
  network: { wide: ['network', 'key', 'readout'], compact: ['network'] },
  map: { wide: ['network', 'key', 'readout'], compact: ['map'] },
  kernel: { wide: ['network', 'kernel'], compact: ['kernel'] },
  input: { wide: ['network', 'input'], compact: ['input'] },
  numbers: { wide: ['network', 'numbers'], compact: ['numbers'] },
  legend: { wide: ['network', 'legend'], compact: ['legend', 'network'] },
  field: { wide: ['network', 'field'], compact: ['field'] },
  output: { wide: ['network', 'key', 'readout'], compact: ['output'] },
  picker: { wide: ['source', 'network'], compact: ['source'] },
};

export const SUBJECTS = Object.keys(ABOUT) as OverviewSubject[];

export function overviewFrameSpec(compact: boolean, contentKey: string): FrameSpec {
  const subjects: SubjectTable = Object.fromEntries(SUBJECTS.map((name) => [name, {
    parts: ['head', ...PARTS[name][compact ? 'compact' : 'wide']],
    focus: FOCUS[name],
    about: ABOUT[name],
  }]));
  return { subjects, fallback: 'network', controls: ['controls'], contentKey };
}

/** The parts a fitted subject shows (the header aside). */
export function fittedParts(subject: OverviewSubject, compact: boolean): string[] {
  return PARTS[subject][compact ? 'compact' : 'wide'];
}

export function isSubject(s: string): s is OverviewSubject {
  return (SUBJECTS as string[]).includes(s);
}

/** A fitted figure's header: the crop the network sees, a line of words, the Controls button. */
export function fittedHead(words: TemplateResult | string, status: TemplateResult, controls: unknown): TemplateResult {
  return html`<div class="head" data-part="head">
    <canvas class="head-crop" data-rgb width="64" height="64" aria-hidden="true"></canvas>
    <p class="head-words">${words} ${status}</p>
    ${controls ?? nothing}
  </div>`;
}
