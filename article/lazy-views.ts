/**
 * The operation views load on first use: the article's entry carries only the overview,
 * and each view's code (with KaTeX for its live formulas) arrives when a step shows it.
 */
import type { FigureView } from '../components/shared/url-state';

const loaders: Record<Exclude<FigureView, 'overview'>, () => Promise<unknown>> = {
  conv: () => import('../components/views/conv/cnn-conv-view'),
  relu: () => import('../components/views/relu/cnn-relu-view'),
  pool: () => import('../components/views/pool/cnn-pool-view'),
  flatten: () => import('../components/views/flatten/cnn-flatten-view'),
  softmax: () => import('../components/views/softmax/cnn-softmax-view'),
  hyperparameters: () => import('../components/views/hyperparameters/cnn-hyperparameters'),
  teach: () => import('../components/teach/cnn-teach'),
  training: () => import('../components/views/training/cnn-training'),
  features: () => import('../components/views/features/cnn-features'),
  saliency: () => import('../components/views/saliency/cnn-saliency'),
  sizes: () => import('../components/views/sizes/cnn-layer-sizes'),
};

const loading = new Map<FigureView, Promise<unknown>>();

export function loadView(view: FigureView): Promise<unknown> {
  if (view === 'overview') return Promise.resolve();
  let p = loading.get(view);
  if (!p) {
    p = loaders[view]().catch((err: Error) => {
      loading.delete(view);
      console.warn(`The ${view} figure could not be loaded: ${err.message}`);
    });
    loading.set(view, p);
  }
  return p;
}
