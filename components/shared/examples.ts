/** The example images that ship with the build (assets/examples/manifest.json). */
import { assetUrl } from './asset-base';
import { sharedPicture } from './shared-pictures';

export interface Example {
  id: string;
  file: string;
  title: string;
  alt: string;
  expectedClass: string | null;
  author: string;
  license: string;
  /** Absolute URL of the image, resolved against the build. */
  src: string;
}

let manifest: Promise<Example[]> | undefined;

export function loadExamples(): Promise<Example[]> {
  manifest ??= fetch(assetUrl('assets/examples/manifest.json'))
    .then((r) => {
      if (!r.ok) throw new Error(`The example list could not be loaded (HTTP ${r.status})`);
      return r.json() as Promise<Omit<Example, 'src'>[]>;
    })
    .then((list) => list.map((e) => ({ ...e, src: assetUrl(`assets/examples/${e.file}`) })))
    .catch((err: Error) => {
      manifest = undefined;
      throw err;
    });
  return manifest;
}

/** An example as a bitmap of the caller's own, from the page's one download and decode of it (shared-pictures.ts). */
export async function exampleBitmap(example: Example): Promise<ImageBitmap> {
  const result = await sharedPicture(example.src);
  if (!result.ok) throw new Error(`The example "${example.title}" could not be loaded: ${result.message}`);
  return result.bitmap;
}
