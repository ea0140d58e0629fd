/**
 * A layer's weights as plain data (no TF.js types), so page code can name them without
 * pulling TF.js's declarations in; types.ts re-exports them.
 */

/** Conv2D weights, TF layout. */
export interface ConvParams {
  kind: 'conv';
  /** [kh, kw, cin, cout]; kernel[((ky * kw + kx) * cin + ci) * cout + co]. */
  kernelShape: [number, number, number, number];
  kernel: Float32Array;
  /** [cout]; zeros when the layer has no bias. */
  bias: Float32Array;
}

/** Dense weights, TF layout. */
export interface DenseParams {
  kind: 'dense';
  /** [in, out]; kernel[i * out + o]. */
  kernelShape: [number, number];
  kernel: Float32Array;
  /** [out]; zeros when the layer has no bias. */
  bias: Float32Array;
}

export type LayerParams = ConvParams | DenseParams;
