/** The inference engine's public API (see README.md in this folder). */
export { loadModel, describeModel, classNamesFor } from './load-model';
export { runModel, runModelSync } from './run-model';
export { preprocess, compositeOnWhite, centerCropBox, crop, resize, toUnitRgb } from './preprocess';
export type { RgbaPixels, RgbPlane, CropBox } from './preprocess';
export { getRgbaPixels, canReadImagePixels, imageToInput } from './image-pixels';
export type { ImageInput } from './image-pixels';
export { selectBackend, chooseBackend, backendOrder } from './backend';
export type { BackendChoice, BackendName, BackendOptions } from './backend';
export { InferenceRunner } from './inference-runner';
export type { RunOutcome, RunnerInput, InferenceRunnerOptions } from './inference-runner';
export { getSharedModel, getSharedRunner, releaseSharedModel } from './shared-cache';
export type { SharedModelOptions } from './shared-cache';
export type * from './types';
