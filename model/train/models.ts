/**
 * The networks the trainer can train: the article's Tiny VGG (the shipped model), and a wider
 * "teacher" for knowledge distillation, which only ever lives inside a training run.
 *
 * The teacher spends its multiply-adds where they buy the most: a 3×3 valid convolution and
 * relu per stage, a 2×2 max-pool between stages (so most channels work at low resolution),
 * global average pooling and one dense layer. With widths 16, 32, 64, 128 it has ~99 K
 * parameters (5× Tiny VGG) for about the same cost per training step. Pure tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { buildTinyVgg, INPUT_SHAPE, NUM_CLASSES } from '../architecture';

export type ModelSpec = { kind: 'tiny-vgg' } | { kind: 'teacher'; widths: number[] };

export const TINY_VGG: ModelSpec = { kind: 'tiny-vgg' };

export function describeModel(spec: ModelSpec = TINY_VGG): string {
  return spec.kind === 'tiny-vgg'
    ? 'Tiny VGG'
    : `teacher: 3×3 convs of ${spec.widths.join(', ')} channels, 2×2 max-pools between them, global average pooling, dense ${NUM_CLASSES}`;
}

/** The teacher network (He-normal kernels seeded from `seed`, zero biases). */
export function buildTeacher(widths: number[], seed: number, outputActivation: 'softmax' | 'linear'): tf.Sequential {
  if (!widths.length || widths.some((w) => !Number.isInteger(w) || w < 1)) throw new Error(`teacher widths must be positive integers, got ${widths.join(',')}`);
  let layerIndex = 0;
  const init = () => ({ kernelInitializer: tf.initializers.heNormal({ seed: seed * 100 + layerIndex++ }), biasInitializer: tf.initializers.zeros() });
  const model = tf.sequential({ name: 'teacher' });
  widths.forEach((filters, k) => {
    model.add(
      tf.layers.conv2d({
        name: `t_conv_${k + 1}`,
        ...(k === 0 ? { inputShape: [...INPUT_SHAPE] } : {}),
        filters,
        kernelSize: 3,
        padding: 'valid',
        activation: 'relu',
        ...init(),
      }),
    );
    if (k < widths.length - 1) model.add(tf.layers.maxPooling2d({ name: `t_pool_${k + 1}`, poolSize: 2, strides: 2, padding: 'valid' }));
  });
  model.add(tf.layers.globalAveragePooling2d({ name: 't_gap' }));
  model.add(tf.layers.dense({ name: 't_output', units: NUM_CLASSES, activation: outputActivation, ...init() }));
  return model;
}

export function buildModel(spec: ModelSpec | undefined, seed: number, outputActivation: 'softmax' | 'linear'): tf.Sequential {
  const s = spec ?? TINY_VGG;
  return s.kind === 'tiny-vgg' ? buildTinyVgg({ seed, outputActivation }) : buildTeacher(s.widths, seed, outputActivation);
}
