/**
 * Loads a tf.Sequential (TF.js layers-model format) and describes it for the views:
 * layer descriptors, class names and parameters. See README.md in this folder.
 */
import * as tf from '@tensorflow/tfjs';
import { CLASS_NAMES } from '../classes';
import { planModel, type ModelPlan } from './layer-plan';
import type { LoadedModel } from './types';

const plans = new WeakMap<tf.LayersModel, ModelPlan>();

/**
 * Loads a model from a URL (model.json beside its weight shards) or any TF.js IOHandler
 * (for Node, see model/node/file-io-handler.ts), then describes it with describeModel.
 * Throws a clear Error naming the layer and its class when a layer kind is unsupported.
 */
export async function loadModel(urlOrHandler: string | tf.io.IOHandler, options: { source?: string } = {}): Promise<LoadedModel> {
  const tfModel = await tf.loadLayersModel(urlOrHandler);
  const source = options.source ?? (typeof urlOrHandler === 'string' ? urlOrHandler : 'custom IOHandler');
  try {
    return describeModel(tfModel, source);
  } catch (err) {
    tfModel.dispose();
    throw err;
  }
}

/** Describes an already loaded (or built) tf.Sequential. */
export function describeModel(tfModel: tf.LayersModel, source = tfModel.name): LoadedModel {
  const plan = planModel(tfModel);
  plans.set(tfModel, plan);
  const last = plan.steps[plan.steps.length - 1].descriptor;
  if (last.shape.length !== 1) throw new Error(`The model's output must be a vector of class scores, got shape [${last.shape}]`);
  return {
    source,
    inputShape: plan.inputShape,
    layers: plan.steps.map((s) => s.descriptor),
    classNames: classNamesFor(tfModel.getUserDefinedMetadata(), last.shape[0]),
    params: plan.params,
    tfModel,
  };
}

/** The engine's plan for a model (built once per tf model). */
export function planOf(model: LoadedModel): ModelPlan {
  let plan = plans.get(model.tfModel);
  if (!plan) {
    plan = planModel(model.tfModel);
    plans.set(model.tfModel, plan);
  }
  return plan;
}

/**
 * Class names: `userDefinedMetadata.classes` when the model carries it, else the project's
 * CLASS_NAMES for a 10-way output, else 'class 0' … 'class n-1'.
 */
export function classNamesFor(metadata: unknown, outputs: number): string[] {
  const classes = (metadata as { classes?: unknown } | undefined)?.classes;
  if (classes !== undefined) {
    if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string')) {
      throw new Error('userDefinedMetadata.classes must be an array of strings');
    }
    if (classes.length !== outputs) {
      throw new Error(`userDefinedMetadata.classes names ${classes.length} classes but the model has ${outputs} outputs`);
    }
    return [...classes];
  }
  if (outputs === CLASS_NAMES.length) return [...CLASS_NAMES];
  return Array.from({ length: outputs }, (_, i) => `class ${i}`);
}
