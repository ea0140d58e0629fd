/**
 * Tiny VGG, the network the article explains: two blocks of (conv → relu → conv → relu →
 * max-pool), then flatten and one dense layer. The layer names are part of the interface:
 * the UI shows them. Pure tfjs, shared by the browser and the Node trainer.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_CHANNELS, INPUT_SHAPE, INPUT_SIZE } from './input-size';

export { INPUT_CHANNELS, INPUT_SHAPE, INPUT_SIZE };
export const NUM_CLASSES = 10;
/** Filters in every convolution. */
export const CONV_FILTERS = 10;

/**
 * How an image becomes the model's input. Stored in the shipped model.json
 * (userDefinedMetadata.preprocessing) so that the model file documents itself.
 */
export const PREPROCESSING = {
  input: [INPUT_SIZE, INPUT_SIZE, INPUT_CHANNELS],
  layout: 'HWC',
  scale: 'RGB/255',
  crop: 'center square',
  resize: `bilinear to ${INPUT_SIZE}×${INPUT_SIZE}`,
  alpha: 'composite on white',
} as const;

/** The layer names in order, as the UI shows them. */
export const LAYER_NAMES = [
  'conv_1_1', 'relu_1_1', 'conv_1_2', 'relu_1_2', 'max_pool_1',
  'conv_2_1', 'relu_2_1', 'conv_2_2', 'relu_2_2', 'max_pool_2',
  'flatten', 'output',
] as const;

export interface TinyVggOptions {
  /** Seed of the Glorot-uniform kernel initialisers (each layer gets its own stream). Default 0. */
  seed?: number;
  /** L2 penalty on conv and dense kernels (a Keras kernel regulariser, used by model.fit). Default 0: none. */
  l2?: number;
  /** Activation fused into the `output` Dense layer: 'softmax' (shipped) or 'linear' (logits). Default 'softmax'. */
  outputActivation?: 'softmax' | 'linear';
  /** Units of the `output` layer: the classes (a reader's own classes, 2 to 10). Default NUM_CLASSES. */
  classes?: number;
}

export function buildTinyVgg(opts: TinyVggOptions = {}): tf.Sequential {
  const seed = opts.seed ?? 0;
  const l2 = opts.l2 ?? 0;
  let layerIndex = 0;
  const kernel = () => ({
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 100 + layerIndex++ }),
    biasInitializer: tf.initializers.zeros(),
    kernelRegularizer: l2 > 0 ? tf.regularizers.l2({ l2 }) : undefined,
  });
  const conv = (name: string, first = false) =>
    tf.layers.conv2d({
      name,
      ...(first ? { inputShape: [...INPUT_SHAPE] } : {}),
      filters: CONV_FILTERS,
      kernelSize: 3,
      strides: 1,
      padding: 'valid',
      activation: 'linear',
      ...kernel(),
    });
  const relu = (name: string) => tf.layers.activation({ name, activation: 'relu' });
  const pool = (name: string) => tf.layers.maxPooling2d({ name, poolSize: 2, strides: 2, padding: 'valid' });

  const model = tf.sequential({ name: 'tiny_vgg' });
  model.add(conv('conv_1_1', true));
  model.add(relu('relu_1_1'));
  model.add(conv('conv_1_2'));
  model.add(relu('relu_1_2'));
  model.add(pool('max_pool_1'));
  model.add(conv('conv_2_1'));
  model.add(relu('relu_2_1'));
  model.add(conv('conv_2_2'));
  model.add(relu('relu_2_2'));
  model.add(pool('max_pool_2'));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'output', units: opts.classes ?? NUM_CLASSES, activation: opts.outputActivation ?? 'softmax', ...kernel() }));
  return model;
}
