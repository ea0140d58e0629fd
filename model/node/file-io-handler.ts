/**
 * Node-only TF.js IOHandler that reads a layers-model (model.json + weight shards) from
 * disk, so tf.loadLayersModel works in Node without tfjs-node's file:// handler.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs';

/** Where the shared copy of CNN Explainer's own Tiny VGG lives, relative to the repository root. */
export const REFERENCE_MODEL_DIR = join(import.meta.dirname ?? '.', '../../../shared/reference/cnn-explainer-tiny-vgg');

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: io.TrainingConfig;
  userDefinedMetadata?: { [key: string]: {} };
}

/** An IOHandler that loads `modelJsonPath` and the shards it lists (paths relative to it). */
export function fileIOHandler(modelJsonPath: string): io.IOHandler {
  return {
    async load(): Promise<io.ModelArtifacts> {
      const json = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as ModelJson;
      if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
        throw new Error(`${modelJsonPath} is not a TF.js layers-model (no modelTopology or weightsManifest)`);
      }
      const shards = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dirname(modelJsonPath), p))));
      const total = shards.reduce((n, s) => n + s.byteLength, 0);
      const weightData = new Uint8Array(total);
      let offset = 0;
      for (const s of shards) {
        weightData.set(s, offset);
        offset += s.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
        weightData: weightData.buffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata,
      };
    },
  };
}
