/**
 * The maths of <cnn-saliency> that needs no DOM: the three methods and what their colours
 * mean, the map of one class from a job's result, the colour scale, and the overlay of the
 * map on the picture (RGBA pixels).
 */
import { divergingLut, lutIndex, type SymmetricDomain } from '../../shared/diverging-colors';
import type { GradCamResult, GradientResult, OcclusionResult } from '../../inspect/inspect-protocol';
import type { Choice } from '../shared/view-helpers';
import { SALIENCY_METHOD_NAMES, type SaliencyMethodName } from '../../shared/url-state';

export type SaliencyMethod = SaliencyMethodName;
/** The methods, from the URL table (the `method` attribute is one of its rows). */
export const SALIENCY_METHODS = SALIENCY_METHOD_NAMES;

/** A method from an attribute; anything else falls back to occlusion, with the reason. */
export function chooseMethod(raw: string | null): Choice<SaliencyMethod> {
  const v = (raw ?? '').trim().toLowerCase();
  if (!v) return { value: 'occlusion', problem: '' };
  if ((SALIENCY_METHODS as readonly string[]).includes(v)) return { value: v as SaliencyMethod, problem: '' };
  return { value: 'occlusion', problem: `method="${raw}" is not one of ${SALIENCY_METHODS.join(', ')}; showing occlusion.` };
}

export interface MethodFacts {
  /** The button's label. */
  label: string;
  /** One line: how the map is made. */
  how: string;
  /** Whether the map has a sign (occlusion: a hidden patch can also raise the probability). */
  signed: boolean;
}

export const METHOD_FACTS: Readonly<Record<SaliencyMethod, MethodFacts>> = {
  occlusion: { label: 'Occlusion', how: 'A 12 × 12 grey patch slides over the picture, 6 pixels at a time; each place shows how much the probability falls while the patch hides it.', signed: true },
  gradient: { label: 'Gradient', how: 'How strongly a tiny change of each pixel would change the class\'s score (its logit): the size of the gradient, largest over red, green and blue.', signed: false },
  'grad-cam': { label: 'Grad-CAM', how: 'The last convolution\'s maps, each weighed by how much it raises the class\'s score (its mean gradient), added up and cut at zero.', signed: false },
};

/** What the colours of a map mean, in words, for the legend. */
export function legendText(method: SaliencyMethod, className: string): { positive: string; negative: string | null; quantity: string } {
  switch (method) {
    case 'occlusion':
      return { quantity: `drop in P(${className}) when a grey patch covers the place`, positive: `hiding it lowers P(${className})`, negative: `hiding it raises P(${className})` };
    case 'gradient':
      return { quantity: `|∂ logit(${className}) / ∂ pixel|`, positive: `a small change here moves the ${className} score most`, negative: null };
    case 'grad-cam':
      return { quantity: `Grad-CAM of ${className} on the last convolution`, positive: `the maps here raise the ${className} score`, negative: null };
  }
}

/** One class's map over the input pixels (h · w), from a job's result. */
export interface SaliencyMap {
  method: SaliencyMethod;
  classIndex: number;
  /** Per input pixel, row-major. */
  pixels: Float32Array;
  /** Occlusion: the drop per patch position ([rows.length][cols.length]); Grad-CAM: its map before upsampling. */
  raw: Float32Array;
  /** The class's probability for the picture as it is. */
  probability: number;
  probabilities: Float32Array;
  /** Occlusion: where the patches were (top rows, left columns) and their side. */
  patches?: { rows: number[]; cols: number[]; size: number };
}

export function occlusionClassMap(r: OcclusionResult, classIndex: number, pixelsPerClass: number): SaliencyMap {
  const positions = r.rows.length * r.cols.length;
  return {
    method: 'occlusion',
    classIndex,
    pixels: r.pixels.slice(classIndex * pixelsPerClass, (classIndex + 1) * pixelsPerClass),
    raw: r.drops.slice(classIndex * positions, (classIndex + 1) * positions),
    probability: r.baselineProbabilities[classIndex],
    probabilities: r.baselineProbabilities,
    patches: { rows: r.rows, cols: r.cols, size: r.patch },
  };
}

export function gradientClassMap(r: GradientResult): SaliencyMap {
  return { method: 'gradient', classIndex: r.classIndex, pixels: r.pixels, raw: r.pixels, probability: r.probabilities[r.classIndex], probabilities: r.probabilities };
}

export function gradCamClassMap(r: GradCamResult): SaliencyMap {
  return { method: 'grad-cam', classIndex: r.classIndex, pixels: r.pixels, raw: r.map, probability: r.probabilities[r.classIndex], probabilities: r.probabilities };
}

/** The colour range of a map: symmetric around 0 over its largest size (never 0). */
export function mapDomain(values: ArrayLike<number>): SymmetricDomain {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return { min: -(m || 1e-6), max: m || 1e-6 };
}

/** The largest and the smallest value of a map, and where the largest lies (pixel index). */
export function mapExtremes(values: ArrayLike<number>): { max: number; min: number; at: number } {
  let max = -Infinity;
  let min = Infinity;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > max) { max = values[i]; at = i; }
    min = Math.min(min, values[i]);
  }
  return { max, min, at };
}

/**
 * The picture in soft grey with the map over it: each pixel's colour from the diverging
 * scale (orange for positive, purple for negative), laid over the grey in proportion to
 * |value| / max (so 0 leaves the picture as it is) times `opacity` (0 … 1).
 */
export function overlayPixels(picture: ArrayLike<number>, map: ArrayLike<number>, domain: SymmetricDomain, opacity: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  const n = map.length;
  const rgba = out ?? new Uint8ClampedArray(n * 4);
  const lut = divergingLut();
  const max = Math.max(Math.abs(domain.min), Math.abs(domain.max));
  for (let p = 0; p < n; p++) {
    const grey = 0.299 * picture[p * 3] + 0.587 * picture[p * 3 + 1] + 0.114 * picture[p * 3 + 2];
    const base = 255 * (0.35 + 0.55 * grey);
    const v = map[p];
    const a = Math.min(1, Math.abs(v) / max) * opacity;
    const i = lutIndex(v, domain) * 4;
    rgba[p * 4] = base * (1 - a) + lut[i] * a;
    rgba[p * 4 + 1] = base * (1 - a) + lut[i + 1] * a;
    rgba[p * 4 + 2] = base * (1 - a) + lut[i + 2] * a;
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}

/** Occlusion: the patch whose greying changes the probability most in one direction (+1 lowers, −1 raises). */
export function strongestPatch(map: SaliencyMap, direction: 1 | -1 = 1): { top: number; left: number; size: number; drop: number } | null {
  const p = map.patches;
  if (!p || map.raw.length === 0) return null;
  let best = 0;
  for (let i = 1; i < map.raw.length; i++) if (direction * map.raw[i] > direction * map.raw[best]) best = i;
  return { top: p.rows[Math.floor(best / p.cols.length)], left: p.cols[best % p.cols.length], size: p.size, drop: map.raw[best] };
}

/** Where a point lies in a square picture of `size` pixels, in words ("top left", "centre"). */
export function placeName(y: number, x: number, size: number): string {
  const row = y < size / 3 ? 'top' : y < (2 * size) / 3 ? 'middle' : 'bottom';
  const col = x < size / 3 ? ' left' : x < (2 * size) / 3 ? '' : ' right';
  return row === 'middle' && col === '' ? 'centre' : `${row}${col}`;
}

/** The sentence that says what the map shows, for the readout and the live region. */
export function saliencySentence(map: SaliencyMap, className: string, width: number, percent: (v: number) => string): string {
  const p = `P(${className}) is ${percent(map.probability)}`;
  const points = (v: number) => `${(Math.abs(v) * 100).toFixed(1)} points`;
  if (map.method === 'occlusion') {
    const most = strongestPatch(map, 1);
    const least = strongestPatch(map, -1);
    if (!most) return p;
    const at = (q: { top: number; left: number; size: number }) => placeName(q.top + q.size / 2, q.left + q.size / 2, width);
    const lowers = most.drop > 0
      ? `Greying the outlined ${most.size} × ${most.size} patch (${at(most)}) lowers it most, to ${percent(map.probability - most.drop)} (${points(most.drop)} down)`
      : 'No grey patch lowers it';
    const raises = least && least.drop < -0.005 ? `; greying the dashed one (${at(least)}) raises it to ${percent(map.probability - least.drop)}` : '';
    return `${p}. ${lowers}${raises}.`;
  }
  const { max, at } = mapExtremes(map.pixels);
  const where = placeName(Math.floor(at / width), at % width, width);
  if (map.method === 'gradient') return `${p}. The ${className} score is most sensitive to the pixels at the ${where}.`;
  return max > 0
    ? `${p}. The last convolution's maps that raise ${className} are most active at the ${where}.`
    : `${p}. None of the last convolution's maps raises ${className} here: the map is empty.`;
}
