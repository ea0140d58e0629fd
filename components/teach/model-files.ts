/**
 * A taught model as two files the reader downloads: NAME.json (a TF.js layers-model
 * description) and NAME.weights.bin, which it names by a relative path, so that
 * `tf.loadLayersModel('…/NAME.json')` and a figure's `model="…/NAME.json"` load them from
 * wherever the two are put side by side.
 */
import type { ExportedModel } from './teach-protocol';

export interface ModelFiles {
  json: Blob;
  jsonName: string;
  weights: Blob;
  weightsName: string;
}

/** A file name from what the reader typed: letters, digits, - and _; 'my-model' when nothing is left. */
export function fileBaseName(name: string): string {
  const base = name.trim().toLocaleLowerCase().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_-]/gu, '').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return base.slice(0, 60) || 'my-model';
}

export function modelFiles(model: ExportedModel, name: string): ModelFiles {
  const base = fileBaseName(name);
  const weightsName = `${base}.weights.bin`;
  const json = {
    format: model.format ?? 'layers-model',
    generatedBy: model.generatedBy,
    convertedBy: model.convertedBy ?? null,
    modelTopology: model.modelTopology,
    weightsManifest: [{ paths: [`./${weightsName}`], weights: model.weightSpecs }],
    ...(model.userDefinedMetadata ? { userDefinedMetadata: model.userDefinedMetadata } : {}),
  };
  return {
    json: new Blob([JSON.stringify(json)], { type: 'application/json' }),
    jsonName: `${base}.json`,
    weights: new Blob([model.weightData], { type: 'application/octet-stream' }),
    weightsName,
  };
}

/** Starts the two downloads (the browser may ask once whether the page may download several files). */
export function downloadModelFiles(files: ModelFiles): void {
  for (const [blob, name] of [[files.json, files.jsonName], [files.weights, files.weightsName]] as const) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
