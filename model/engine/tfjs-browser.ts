/**
 * What the browser build gets for `@tensorflow/tfjs` (build.mjs aliases it here): TF.js core
 * with its gradients and chained ops, and the layers API. The full package would also bring
 * the graph-model converter and tf.data, which no figure uses, and the WebGL and cpu
 * backends, which backend.ts imports only when WebAssembly cannot run (about 100 kB gzip less
 * for every reader). Node keeps the full package.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
