/** ReLU, element-wise: max(0, x). Works on any layout (it does not move values). */
export function relu(values: ArrayLike<number>): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] > 0 ? values[i] : 0;
  return out;
}

/** ReLU of one number. */
export const reluValue = (x: number): number => (x > 0 ? x : 0);
