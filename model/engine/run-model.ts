/**
 * One inference: an input image in, every step's output out, as an ActivationRecord.
 *
 * All steps are computed in one tf.tidy pass (each step applied to the previous step's
 * tensor), then each step's tensor is downloaded once (data() or dataSync()) and disposed:
 * no tensor outlives a call.
 */
import * as tf from '@tensorflow/tfjs';
import { softmax } from '../ops/softmax';
import { planOf } from './load-model';
import type { ActivationRecord, LayerActivation, LoadedModel } from './types';

function checkInput(model: LoadedModel, input: Float32Array): void {
  const [h, w, c] = model.inputShape;
  if (input.length !== h * w * c) {
    throw new Error(`Expected an input of ${h}×${w}×${c} = ${h * w * c} values (HWC), got ${input.length}`);
  }
}

/** Outputs of every step after the input, kept alive past the tidy; the caller disposes them. */
function computeOutputs(model: LoadedModel, input: Float32Array): tf.Tensor[] {
  const steps = planOf(model).steps;
  return tf.tidy(() => {
    let x: tf.Tensor = tf.tensor4d(input, [1, ...model.inputShape]);
    const outputs: tf.Tensor[] = [];
    for (const step of steps.slice(1)) {
      x = step.apply(x);
      outputs.push(x);
    }
    return outputs;
  });
}

function assemble(model: LoadedModel, input: Float32Array, downloaded: Float32Array[], started: number): ActivationRecord {
  const steps = planOf(model).steps;
  const layers: LayerActivation[] = steps.map((step, i) => {
    const d = step.descriptor;
    const layer: LayerActivation = { name: d.name, kind: d.kind, shape: d.shape, values: i === 0 ? input : downloaded[i - 1] };
    if (step.params) layer.params = step.params;
    return layer;
  });
  const last = layers[layers.length - 1];
  const endsInSoftmax = last.kind === 'softmax' && layers.length > 1;
  const logits = endsInSoftmax ? layers[layers.length - 2].values : last.values;
  return {
    input,
    layers,
    logits,
    probabilities: endsInSoftmax ? last.values : softmax(logits),
    params: model.params,
    classNames: model.classNames,
    inferenceMs: performance.now() - started,
  };
}

const asFloat32 = (values: tf.TypedArray | Float32Array): Float32Array =>
  values instanceof Float32Array ? values : Float32Array.from(values);

/**
 * Runs the model on one image: `input` is HWC RGB in [0, 1] of the model's input shape
 * (see preprocess.ts). The record keeps a copy of `input`. Downloads with data(), so the
 * WebGL backend does not block the page.
 */
export async function runModel(model: LoadedModel, input: Float32Array): Promise<ActivationRecord> {
  checkInput(model, input);
  const started = performance.now();
  const own = Float32Array.from(input);
  const outputs = computeOutputs(model, own);
  try {
    const downloaded = await Promise.all(outputs.map(async (t) => asFloat32(await t.data())));
    return assemble(model, own, downloaded, started);
  } finally {
    for (const t of outputs) t.dispose();
  }
}

/** The same as runModel, downloading with dataSync(): for Node scripts and tests. */
export function runModelSync(model: LoadedModel, input: Float32Array): ActivationRecord {
  checkInput(model, input);
  const started = performance.now();
  const own = Float32Array.from(input);
  const outputs = computeOutputs(model, own);
  try {
    return assemble(model, own, outputs.map((t) => asFloat32(t.dataSync())), started);
  } finally {
    for (const t of outputs) t.dispose();
  }
}
