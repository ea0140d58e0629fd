/**
 * Gradient kernels for the tfjs WASM backend: the two convolution gradients written as
 * forward convolutions so that XNNPACK does the arithmetic, and a max-pool gradient.
 *
 * tfjs-backend-wasm 4.x has no Conv2DBackpropFilter at all, and its Conv2DBackpropInput is a
 * plain C++ loop. Both gradients of a convolution are themselves convolutions:
 *
 * - dW: slide dy over x with the batch as the reduction ("channel") axis. Transpose
 *   x [N,H,W,Cin] → [Cin,H,W,N] (Cin becomes the batch) and dy [N,Ho,Wo,Cout] → [Ho,Wo,N,Cout]
 *   (a filter with N input and Cout output channels), convolve with stride 1 and dilation =
 *   the forward stride, then transpose [Cin,kh,kw,Cout] → [kh,kw,Cin,Cout].
 * - dX (stride 1): a "full" convolution of dy with the kernel rotated by 180° and its in/out
 *   channels swapped. Strided forward convolutions keep the backend's own kernel.
 * - MaxPoolGrad: the backend's own kernel is a slow generic loop (~15 % of a training step);
 *   this one is a JavaScript loop over the heap that sends each dy to the first maximum of its
 *   window, as the cpu backend does.
 *
 * Only channels-last (NHWC) data, which is all tfjs layers use here. Importing this file has
 * no effect; call registerWasmConvGradients() once, before or after tf.setBackend('wasm').
 */
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
type Pad4 = [[number, number], [number, number], [number, number], [number, number]];
interface Backend {
  disposeData(dataId: object): boolean;
  makeOutput(shape: number[], dtype: 'float32'): Info;
  typedArrayFromHeap(t: Info): Float32Array;
}
type KernelFn = (args: { inputs: Record<string, Info>; backend: Backend; attrs?: Record<string, unknown> }) => Info;

// A named import, not `const { backend_util } = tf`: destructuring the namespace would pull all of TF.js into every browser chunk that shares it.
const backend_util = tf.backend_util;
const BACKEND = 'wasm';

function kernel(name: string): KernelFn {
  const config = tf.getKernel(name, BACKEND);
  if (!config) throw new Error(`The ${BACKEND} backend has no ${name} kernel: import @tensorflow/tfjs-backend-wasm first`);
  return config.kernelFunc as unknown as KernelFn;
}

/** Runs f, then frees every intermediate it listed (not the returned one). */
function withScratch(backend: Backend, f: (keep: (t: Info) => Info) => Info): Info {
  const scratch: Info[] = [];
  try {
    return f((t) => (scratch.push(t), t));
  } finally {
    for (const t of scratch) backend.disposeData(t.dataId);
  }
}

function explicitPad(top: number, bottom: number, left: number, right: number): Pad4 {
  return [[0, 0], [top, bottom], [left, right], [0, 0]];
}

function checkChannelsLast(dataFormat: unknown, name: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`${name} on ${BACKEND}: only channels-last (NHWC) data is supported, got ${String(dataFormat)}`);
  }
}

function conv2dBackpropFilter(args: Parameters<KernelFn>[0]): Info {
  const { backend } = args;
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  checkChannelsLast(attrs.dataFormat, 'Conv2DBackpropFilter');
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  const { top, bottom, left, right } = info.padInfo;
  const [transpose, conv2d, slice] = [kernel('Transpose'), kernel('Conv2D'), kernel('Slice')];
  return withScratch(backend, (keep) => {
    const xT = keep(transpose({ inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } }));
    const dyT = keep(transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } }));
    let g = keep(conv2d({
      inputs: { x: xT, filter: dyT },
      backend,
      attrs: { strides: 1, dilations: [info.strideHeight, info.strideWidth], pad: explicitPad(top, bottom, left, right), dataFormat: 'NHWC' },
    }));
    // With 'valid' padding and a stride that does not divide the input, the last rows and
    // columns of x never reach the output: the result is then a little larger than the kernel.
    if (g.shape[1] !== info.filterHeight || g.shape[2] !== info.filterWidth) {
      g = keep(slice({
        inputs: { x: g },
        backend,
        attrs: { begin: [0, 0, 0, 0], size: [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels] },
      }));
    }
    return transpose({ inputs: { x: g }, backend, attrs: { perm: [1, 2, 0, 3] } });
  });
}

function makeConv2dBackpropInput(fallback: KernelFn): KernelFn {
  return (args) => {
    const { backend } = args;
    const { dy, filter } = args.inputs as { dy: Info; filter: Info };
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    checkChannelsLast(attrs.dataFormat, 'Conv2DBackpropInput');
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
    );
    if (info.strideHeight !== 1 || info.strideWidth !== 1) return fallback(args);
    const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth } = info;
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = inHeight - outHeight + kh - 1 - top;
    const right = inWidth - outWidth + kw - 1 - left;
    const [transpose, conv2d, reverse] = [kernel('Transpose'), kernel('Conv2D'), kernel('Reverse')];
    return withScratch(backend, (keep) => {
      const rotated = keep(reverse({ inputs: { x: filter }, backend, attrs: { dims: [0, 1] } }));
      const swapped = keep(transpose({ inputs: { x: rotated }, backend, attrs: { perm: [0, 1, 3, 2] } }));
      return conv2d({
        inputs: { x: dy, filter: swapped },
        backend,
        attrs: { strides: 1, dilations: 1, pad: explicitPad(top, bottom, left, right), dataFormat: 'NHWC' },
      });
    });
  };
}

function maxPoolGrad(args: Parameters<KernelFn>[0]): Info {
  const { backend } = args;
  const { dy, input } = args.inputs as { dy: Info; input: Info };
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  // Allocate first: a new allocation may grow (and detach) the heap under older views.
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out).fill(0);
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const rowStride = inWidth * C;
  let o = 0;
  if (filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && top === 0 && left === 0) {
    // Tiny VGG's pools: 2×2 windows that do not overlap, unrolled.
    for (let b = 0; b < batchSize; b++) {
      for (let oy = 0; oy < outHeight; oy++) {
        for (let ox = 0; ox < outWidth; ox++) {
          const p00 = b * inHeight * rowStride + 2 * oy * rowStride + 2 * ox * C;
          for (let c = 0; c < C; c++, o++) {
            const i00 = p00 + c;
            const i01 = i00 + C;
            const i10 = i00 + rowStride;
            const i11 = i10 + C;
            let at = i00;
            if (x[i01] > x[at]) at = i01;
            if (x[i10] > x[at]) at = i10;
            if (x[i11] > x[at]) at = i11;
            dx[at] += g[o];
          }
        }
      }
    }
    return out;
  }
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * rowStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - top;
      const yStart = Math.max(0, y0);
      const yEnd = Math.min(inHeight, y0 + filterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - left;
        const xStart = Math.max(0, x0);
        const xEnd = Math.min(inWidth, x0 + filterWidth);
        for (let c = 0; c < C; c++, o++) {
          let best = -Infinity;
          let at = -1;
          for (let yy = yStart; yy < yEnd; yy++) {
            for (let xx = xStart; xx < xEnd; xx++) {
              const i = base + yy * rowStride + xx * C + c;
              if (x[i] > best) {
                best = x[i];
                at = i;
              }
            }
          }
          if (at >= 0) dx[at] += g[o];
        }
      }
    }
  }
  return out;
}

let registered = false;

/** Registers (once) the three gradient kernels for the 'wasm' backend. */
export function registerWasmConvGradients(): void {
  if (registered) return;
  registered = true;
  const builtIn = tf.getKernel(tf.Conv2DBackpropInput, BACKEND);
  if (tf.getKernel(tf.Conv2DBackpropFilter, BACKEND)) tf.unregisterKernel(tf.Conv2DBackpropFilter, BACKEND);
  tf.registerKernel({
    kernelName: tf.Conv2DBackpropFilter,
    backendName: BACKEND,
    kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
  });
  // The built-in kernel serves strided convolutions. Unregistered, it is no longer set up
  // when the backend starts, so set it up on first use.
  const setUp = new WeakSet<object>();
  const fallback: KernelFn = (args) => {
    if (!builtIn) throw new Error(`Conv2DBackpropInput on ${BACKEND}: strides other than 1 are not supported`);
    if (!setUp.has(args.backend)) {
      builtIn.setupFunc?.(args.backend as unknown as tf.KernelBackend);
      setUp.add(args.backend);
    }
    return (builtIn.kernelFunc as unknown as KernelFn)(args);
  };
  if (builtIn) tf.unregisterKernel(tf.Conv2DBackpropInput, BACKEND);
  tf.registerKernel({
    kernelName: tf.Conv2DBackpropInput,
    backendName: BACKEND,
    kernelFunc: makeConv2dBackpropInput(fallback) as unknown as tf.KernelFunc,
  });
  if (tf.getKernel(tf.MaxPoolGrad, BACKEND)) tf.unregisterKernel(tf.MaxPoolGrad, BACKEND);
  tf.registerKernel({ kernelName: tf.MaxPoolGrad, backendName: BACKEND, kernelFunc: maxPoolGrad as unknown as tf.KernelFunc });
}

/**
 * Switches tfjs to the WASM backend with these kernels, and checks that it really did:
 * tf.setBackend falls back silently when the .wasm file cannot be loaded.
 */
export async function useWasmBackend(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  registerWasmConvGradients();
  const ok = await tf.setBackend(BACKEND);
  if (!ok || tf.getBackend() !== BACKEND) {
    throw new Error(`Could not start the tfjs ${BACKEND} backend (got '${tf.getBackend()}'); is @tensorflow/tfjs-backend-wasm installed?`);
  }
}
