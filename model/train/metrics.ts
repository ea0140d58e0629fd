/** Accuracy, per-class accuracy and confusion matrices: pure arithmetic on label arrays. */
import { CLASS_NAMES } from '../classes';

export interface ClassAccuracy {
  class: string;
  correct: number;
  total: number;
  accuracy: number;
}

export interface Evaluation {
  images: number;
  correct: number;
  accuracy: number;
  perClass: ClassAccuracy[];
  /** confusion[true][predicted] counts, in the output order of CLASS_NAMES. */
  confusion: number[][];
}

/** Scores predictions against labels, over `indices` (default: all). */
export function evaluatePredictions(labels: ArrayLike<number>, predicted: ArrayLike<number>, indices?: number[]): Evaluation {
  const k = CLASS_NAMES.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const which = indices ?? Array.from({ length: labels.length }, (_, i) => i);
  for (const i of which) confusion[labels[i]][predicted[i]]++;
  const perClass = CLASS_NAMES.map((name, c) => {
    const total = confusion[c].reduce((a, b) => a + b, 0);
    return { class: name, correct: confusion[c][c], total, accuracy: total ? confusion[c][c] / total : 0 };
  });
  const correct = perClass.reduce((a, c) => a + c.correct, 0);
  return { images: which.length, correct, accuracy: which.length ? correct / which.length : 0, perClass, confusion };
}

/** "81.2 %" */
export function percent(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}
