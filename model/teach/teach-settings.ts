/**
 * How a teaching run is set up, without TF.js: the page's figure reads the defaults from here
 * and the worker's trainer (teach-trainer.ts) runs them.
 */
import type { AugmentConfig } from '../train/augment';

export type TeachMode = 'fine-tune' | 'scratch';

export interface TeachSettings {
  epochs: number;
  batchSize: number;
  /** Adam's peak learning rate. */
  learningRate: number;
  /** Linear warmup to the peak, in epochs; then cosine decay to 0 at the last step. */
  warmupEpochs: number;
  /** Fine-tuning: the convolutions learn at this fraction of the learning rate (0: kept as they are). */
  convRate: number;
  /** L2 penalty on the kernels being learned, added to the loss: keeps a few pictures from being learned by heart. */
  l2: number;
  augment: AugmentConfig;
  /** Seeds the new weights, the held-out split, the order of the pictures and the augmentation. */
  seed: number;
}

/** Mild augmentation: the reader's pictures are few, and mirrored or nudged copies help. */
const TEACH_AUGMENT: AugmentConfig = { flip: true, shift: 4, zoom: [1, 1], brightness: 0.1, contrast: 0.1, saturation: 0.1 };

export const TEACH_DEFAULTS: Readonly<Record<TeachMode, TeachSettings>> = {
  'fine-tune': { epochs: 20, batchSize: 16, learningRate: 1e-3, warmupEpochs: 1, convRate: 0, l2: 0, augment: TEACH_AUGMENT, seed: 1 },
  scratch: { epochs: 40, batchSize: 16, learningRate: 3e-3, warmupEpochs: 2, convRate: 1, l2: 0, augment: TEACH_AUGMENT, seed: 1 },
};
