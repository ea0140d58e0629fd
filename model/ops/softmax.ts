/**
 * Softmax over a vector of logits, numerically stable: exp((z - max z) / T) / Σ.
 * Subtracting the maximum first keeps every exponent ≤ 0, so nothing overflows; the
 * result is mathematically the same. Sums run in float64.
 */

/**
 * Probabilities from logits. `temperature` T > 0 divides the logits first: T < 1 sharpens
 * the distribution, T > 1 flattens it, T = 1 is the plain softmax.
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float32Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`Softmax temperature must be a positive finite number, got ${temperature}`);
  }
  const n = logits.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
  const exps = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    exps[i] = Math.exp((logits[i] - max) / temperature);
    sum += exps[i];
  }
  for (let i = 0; i < n; i++) out[i] = exps[i] / sum;
  return out;
}

/** Index of the largest value (the first one on a tie); -1 for an empty vector. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i;
  return best;
}
