/**
 * Turns a tf.Sequential into the engine's plan: one step per thing the views show, each
 * with a descriptor (kind from the layer's class, never its name), its parameters, and a
 * function that computes it from the previous step's output.
 *
 * An activation fused into Conv2D or Dense becomes a separate step, so that the layer's
 * own step is always the linear part (W·x + b): a Dense with softmax fused in still yields
 * logits. The linear part is then computed from the layer's weights with tf.conv2d /
 * tf.matMul; every other layer runs through its own layer.apply.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvParams, DenseParams, LayerDescriptor, LayerKind, LayerParams, Padding } from './types';

export interface PlanStep {
  descriptor: LayerDescriptor;
  params?: LayerParams;
  /** Maps the previous step's output (batch of 1) to this step's output. Call inside tf.tidy. */
  apply: (x: tf.Tensor) => tf.Tensor;
}

export interface ModelPlan {
  inputShape: [number, number, number];
  /** Input first. */
  steps: PlanStep[];
  params: Record<string, LayerParams>;
}

const SUPPORTED =
  'Conv2D, Activation (relu or softmax), ReLU, Softmax, MaxPooling2D, AveragePooling2D, Flatten and Dense';

type Config = Record<string, unknown>;

function unsupported(layer: tf.layers.Layer, why: string): Error {
  return new Error(`Unsupported layer "${layer.name}" (class ${layer.getClassName()}): ${why}`);
}

function pair(layer: tf.layers.Layer, value: unknown, what: string): [number, number] {
  const v = typeof value === 'number' ? [value, value] : value;
  if (Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n))) return [v[0], v[1]];
  throw unsupported(layer, `cannot read its ${what} (${JSON.stringify(value)})`);
}

function padding(layer: tf.layers.Layer, config: Config): Padding {
  const p = config.padding ?? 'valid';
  if (p === 'valid' || p === 'same') return p;
  throw unsupported(layer, `padding "${String(p)}" is not supported (only valid and same)`);
}

function channelsLast(layer: tf.layers.Layer, config: Config): void {
  const f = config.dataFormat ?? 'channelsLast';
  if (f !== 'channelsLast') throw unsupported(layer, `data format ${String(f)} is not supported (only channels-last)`);
}

function outputShape(layer: tf.layers.Layer): number[] {
  const shape = layer.outputShape;
  if (!Array.isArray(shape) || Array.isArray(shape[0])) throw unsupported(layer, 'it has several outputs');
  return (shape as (number | null)[]).slice(1).map((d) => {
    if (d === null) throw unsupported(layer, 'its output shape has an unknown dimension');
    return d;
  });
}

/** A layer's kernel and bias tensors (the layer's own variables: never dispose them). */
function readWeights(layer: tf.layers.Layer): { kernel: tf.Tensor; bias: tf.Tensor | null } {
  const [kernel, bias] = layer.getWeights();
  if (!kernel) throw unsupported(layer, 'it has no kernel weights');
  return { kernel, bias: bias ?? null };
}

function convParams(kernel: tf.Tensor, bias: tf.Tensor | null): ConvParams {
  const [kh, kw, cin, cout] = kernel.shape;
  return {
    kind: 'conv',
    kernelShape: [kh, kw, cin, cout],
    kernel: Float32Array.from(kernel.dataSync()),
    bias: bias ? Float32Array.from(bias.dataSync()) : new Float32Array(cout),
  };
}

function denseParams(kernel: tf.Tensor, bias: tf.Tensor | null): DenseParams {
  const [inputs, units] = kernel.shape;
  return {
    kind: 'dense',
    kernelShape: [inputs, units],
    kernel: Float32Array.from(kernel.dataSync()),
    bias: bias ? Float32Array.from(bias.dataSync()) : new Float32Array(units),
  };
}

/** The activation a Conv2D or Dense applies after its linear part: none, relu or softmax. */
function fusedActivation(layer: tf.layers.Layer, config: Config): 'linear' | 'relu' | 'softmax' {
  const a = config.activation ?? 'linear';
  if (a === 'linear' || a === 'relu') return a;
  if (a === 'softmax' && layer.getClassName() === 'Dense') return a;
  throw unsupported(layer, `its fused activation "${String(a)}" is not supported (only linear, relu, softmax on Dense)`);
}

function activationStep(
  layer: tf.layers.Layer,
  kind: 'relu' | 'softmax',
  shape: number[],
  name = layer.name,
): PlanStep {
  const descriptor: LayerDescriptor = { name, kind, layerName: layer.name, className: layer.getClassName(), shape };
  const apply = kind === 'relu' ? (x: tf.Tensor) => tf.relu(x) : (x: tf.Tensor) => tf.softmax(x);
  return { descriptor, apply };
}

function base(layer: tf.layers.Layer, kind: LayerKind, shape: number[]): LayerDescriptor {
  return { name: layer.name, kind, layerName: layer.name, className: layer.getClassName(), shape };
}

const applyLayer = (layer: tf.layers.Layer) => (x: tf.Tensor) => layer.apply(x) as tf.Tensor;

/** The steps of one layer, given the shape of its input (without batch). */
function planLayer(layer: tf.layers.Layer, inShape: number[]): PlanStep[] {
  const cls = layer.getClassName();
  const config = layer.getConfig() as Config;
  const shape = outputShape(layer);
  switch (cls) {
    case 'Conv2D': {
      channelsLast(layer, config);
      const dilation = pair(layer, config.dilationRate ?? 1, 'dilation rate');
      if (dilation[0] !== 1 || dilation[1] !== 1) throw unsupported(layer, 'dilated convolution is not supported');
      const strides = pair(layer, config.strides ?? 1, 'strides');
      const pad = padding(layer, config);
      const act = fusedActivation(layer, config);
      const { kernel, bias } = readWeights(layer);
      const params = convParams(kernel, bias);
      const descriptor = { ...base(layer, 'conv', shape), kernelSize: pair(layer, config.kernelSize, 'kernel size'), strides, padding: pad };
      const linear = (x: tf.Tensor) => {
        const y = tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, strides, pad);
        return bias ? tf.add(y, bias) : y;
      };
      const steps: PlanStep[] = [{ descriptor, params, apply: act === 'linear' ? applyLayer(layer) : linear }];
      if (act === 'relu') steps.push(activationStep(layer, 'relu', shape, `${layer.name}/relu`));
      return steps;
    }
    case 'Dense': {
      if (inShape.length !== 1) {
        throw unsupported(layer, `it takes a ${inShape.length}-D input [${inShape}]; put a Flatten before it`);
      }
      const act = fusedActivation(layer, config);
      const { kernel, bias } = readWeights(layer);
      const params = denseParams(kernel, bias);
      const linear = (x: tf.Tensor) => {
        const y = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
        return bias ? tf.add(y, bias) : y;
      };
      const steps: PlanStep[] = [
        { descriptor: base(layer, 'dense', shape), params, apply: act === 'linear' ? applyLayer(layer) : linear },
      ];
      if (act !== 'linear') steps.push(activationStep(layer, act, shape, `${layer.name}/${act}`));
      return steps;
    }
    case 'Activation': {
      const a = config.activation;
      if (a === 'relu') return [{ descriptor: base(layer, 'relu', shape), apply: applyLayer(layer) }];
      if (a === 'softmax') {
        if (inShape.length !== 1) throw unsupported(layer, 'softmax is only supported on a flat vector');
        return [{ descriptor: base(layer, 'softmax', shape), apply: applyLayer(layer) }];
      }
      throw unsupported(layer, `activation "${String(a)}" is not supported (only relu and softmax)`);
    }
    case 'ReLU': {
      if (config.maxValue !== undefined && config.maxValue !== null) {
        throw unsupported(layer, `a ReLU capped at maxValue ${String(config.maxValue)} is not supported`);
      }
      return [{ descriptor: base(layer, 'relu', shape), apply: applyLayer(layer) }];
    }
    case 'Softmax': {
      if (inShape.length !== 1) throw unsupported(layer, 'softmax is only supported on a flat vector');
      return [{ descriptor: base(layer, 'softmax', shape), apply: applyLayer(layer) }];
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      channelsLast(layer, config);
      const poolSize = pair(layer, config.poolSize ?? 2, 'pool size');
      const descriptor: LayerDescriptor = {
        ...base(layer, cls === 'MaxPooling2D' ? 'maxpool' : 'avgpool', shape),
        poolSize,
        strides: pair(layer, config.strides ?? poolSize, 'strides'),
        padding: padding(layer, config),
      };
      return [{ descriptor, apply: applyLayer(layer) }];
    }
    case 'Flatten':
      return [{ descriptor: base(layer, 'flatten', shape), apply: applyLayer(layer) }];
    default:
      throw unsupported(layer, `the engine reads only ${SUPPORTED} layers`);
  }
}

/** Builds the plan of a tf.Sequential; throws a clear Error on any layer it cannot show. */
export function planModel(model: tf.LayersModel): ModelPlan {
  if (!(model instanceof tf.Sequential)) {
    throw new Error(`Expected a tf.Sequential model, got ${model.getClassName()} "${model.name}"`);
  }
  const inShape = model.inputs[0].shape.slice(1);
  if (inShape.length !== 3 || inShape.some((d) => d === null)) {
    throw new Error(`Expected an image input of shape [h, w, c], got [${model.inputs[0].shape.slice(1)}]`);
  }
  const inputShape = inShape as [number, number, number];
  const steps: PlanStep[] = [
    {
      descriptor: { name: 'input', kind: 'input', layerName: 'input', className: 'InputLayer', shape: [...inputShape] },
      apply: (x) => x,
    },
  ];
  let shape: number[] = [...inputShape];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const layerSteps = planLayer(layer, shape);
    steps.push(...layerSteps);
    shape = layerSteps[layerSteps.length - 1].descriptor.shape;
  }
  const params: Record<string, LayerParams> = {};
  for (const s of steps) if (s.params) params[s.descriptor.name] = s.params;
  return { inputShape, steps, params };
}
