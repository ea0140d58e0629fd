/**
 * The softmax view's numbers, pure: logits → z / T → exponentials → their sum → shares,
 * with the probabilities themselves from model/ops softmax(logits, T); the temperature
 * slider's log scale; the steps of playback; and the naive alternative (each logit over
 * the sum of the logits) that the view compares with. No DOM.
 */
import { softmax } from '../../../model/ops/softmax';
import type { Choice } from '../shared/view-helpers';

export const T_MIN = 0.1;
export const T_MAX = 5;
/** Positions of the temperature slider; its scale is logarithmic. */
export const SLIDER_STEPS = 200;
/** exp() overflows float64 past about 709: beyond this, the terms are shown shifted by the largest z / T. */
const LARGEST_PLAIN_EXPONENT = 600;

/** Slider position 0 … SLIDER_STEPS → temperature T_MIN … T_MAX, evenly spaced on a log scale; snaps to 1 nearby. */
export function temperatureFromSlider(position: number): number {
  const t = Math.max(0, Math.min(SLIDER_STEPS, position)) / SLIDER_STEPS;
  const T = T_MIN * (T_MAX / T_MIN) ** t;
  return Math.abs(T - 1) < 0.012 ? 1 : Number(T.toPrecision(3));
}

export function sliderFromTemperature(T: number): number {
  return Math.round((Math.log(T / T_MIN) / Math.log(T_MAX / T_MIN)) * SLIDER_STEPS);
}

/** A temperature from an attribute: not a positive number → 1; outside T_MIN … T_MAX → the nearest end. */
export function chooseTemperature(raw: string | null, value: number): Choice<number> {
  if (!Number.isFinite(value) || value <= 0) {
    return { value: 1, problem: `temperature="${raw ?? value}" is not a positive number; using 1.` };
  }
  if (value < T_MIN || value > T_MAX) {
    const clamped = value < T_MIN ? T_MIN : T_MAX;
    return { value: clamped, problem: `temperature="${raw ?? value}" is outside ${T_MIN} to ${T_MAX}; using ${clamped}.` };
  }
  return { value, problem: '' };
}

export interface SoftmaxTerms {
  temperature: number;
  logits: number[];
  /** z / T. */
  scaled: number[];
  /** Subtracted from every z / T before exp (0 unless the plain terms would overflow). */
  shift: number;
  /** e^(z / T − shift). */
  exps: number[];
  sum: number;
  /** softmax(logits, T) from model/ops. */
  probabilities: Float32Array;
  /** The naive alternative: z / Σz. */
  logitSum: number;
  rescaled: number[];
}

export function softmaxTerms(logits: ArrayLike<number>, temperature: number): SoftmaxTerms {
  const z = Array.from(logits);
  const scaled = z.map((v) => v / temperature);
  const top = Math.max(...scaled);
  const shift = top > LARGEST_PLAIN_EXPONENT ? top : 0;
  const exps = scaled.map((v) => Math.exp(v - shift));
  const sum = exps.reduce((a, b) => a + b, 0);
  const logitSum = z.reduce((a, b) => a + b, 0);
  return {
    temperature, logits: z, scaled, shift, exps, sum,
    probabilities: softmax(z, temperature),
    logitSum,
    rescaled: z.map((v) => v / logitSum),
  };
}

/** Playback: the logits, then one exponential per class, the sum, then one division per class. */
export type SoftmaxStage =
  | { phase: 'logits' }
  | { phase: 'exp'; upTo: number }
  | { phase: 'sum' }
  | { phase: 'divide'; upTo: number };

export const stepCount = (classes: number): number => 2 * classes + 2;

export function stageOfStep(step: number, classes: number): SoftmaxStage {
  if (step <= 0) return { phase: 'logits' };
  if (step <= classes) return { phase: 'exp', upTo: step - 1 };
  if (step === classes + 1) return { phase: 'sum' };
  return { phase: 'divide', upTo: Math.min(classes - 1, step - classes - 2) };
}

/** What is computed at a stage: class k's exponential, the sum, class k's probability. */
export function shownAt(stage: SoftmaxStage, k: number): { exp: boolean; sum: boolean; probability: boolean } {
  switch (stage.phase) {
    case 'logits': return { exp: false, sum: false, probability: false };
    case 'exp': return { exp: k <= stage.upTo, sum: false, probability: false };
    case 'sum': return { exp: true, sum: true, probability: false };
    case 'divide': return { exp: true, sum: true, probability: k <= stage.upTo };
  }
}

/** The class a stage is about (the one just computed), or -1 for the sum and the logits. */
export function classOfStage(stage: SoftmaxStage): number {
  return stage.phase === 'exp' || stage.phase === 'divide' ? stage.upTo : -1;
}

/** The sentence the live region reads at a stage. */
export function softmaxSentence(terms: SoftmaxTerms, stage: SoftmaxStage, classNames: readonly string[], fmt: (v: number) => string): string {
  const T = terms.temperature.toFixed(2);
  const e = (k: number) => `e^(${terms.shift ? `${fmt(terms.scaled[k])} − ${fmt(terms.shift)}` : `${fmt(terms.logits[k])} / ${T}`})`;
  switch (stage.phase) {
    case 'logits': {
      const top = terms.logits.indexOf(Math.max(...terms.logits));
      return `${terms.logits.length} logits; the largest is ${classNames[top]}, ${fmt(terms.logits[top])}.`;
    }
    case 'exp': return `${classNames[stage.upTo]}: ${e(stage.upTo)} = ${fmt(terms.exps[stage.upTo])}.`;
    case 'sum': return `The sum of the ${terms.exps.length} exponentials is ${fmt(terms.sum)}.`;
    case 'divide': {
      const k = stage.upTo;
      return `${classNames[k]}: ${fmt(terms.exps[k])} / ${fmt(terms.sum)} = ${(terms.probabilities[k] * 100).toFixed(1)}%.`;
    }
  }
}

/**
 * What goes wrong with z / Σz for these logits: shares below 0 or above 1, a sum too close
 * to 0 to divide by, or a negative sum that ranks the classes backwards. Empty lists and
 * false when the shares happen to look like probabilities.
 */
export function rescalingProblems(terms: SoftmaxTerms): { negative: number[]; overOne: number[]; nearZeroSum: boolean; flipped: boolean } {
  const nearZeroSum = Math.abs(terms.logitSum) < 1e-6;
  return {
    negative: nearZeroSum ? [] : terms.rescaled.flatMap((v, k) => (v < 0 ? [k] : [])),
    overOne: nearZeroSum ? [] : terms.rescaled.flatMap((v, k) => (v > 1 ? [k] : [])),
    nearZeroSum,
    /** A negative sum turns the order upside down: the lowest logit gets the largest share. */
    flipped: !nearZeroSum && terms.logitSum < 0,
  };
}
