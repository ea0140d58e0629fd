/**
 * Where the build's files live. Entry scripts (dist/embed.js, dist/article.js) sit at the
 * root of dist/ and call setAssetBase(import.meta.url), so the model, the .wasm files, the
 * example images and the fonts resolve relative to the script, wherever dist/ is hosted.
 */
let base: URL | undefined;

export function setAssetBase(entryUrl: string | URL): void {
  base ??= new URL('.', entryUrl);
}

export function assetUrl(path: string): string {
  if (!base) {
    base = new URL('.', typeof document !== 'undefined' ? document.baseURI : 'http://localhost/');
  }
  return new URL(path, base).href;
}

export const DEFAULT_MODEL_PATH = 'assets/model/model.json';
