/**
 * The npm package's entry (`import 'cnn-explorer'`): registers every cnn-* element and
 * exports what a host page or a bundler may need. The elements find the model, the .wasm
 * files, the worker and the fonts through the asset base: point it at a hosted copy of the
 * package's dist/ before the first figure connects, e.g.
 *
 *   import { setAssetBase } from 'cnn-explorer';
 *   setAssetBase('https://example.org/cnn/');   // a folder holding a copy of dist/
 *
 * Each element's class is also available as `HTMLElementTagNameMap['cnn-…']`.
 */
import '../register-all';

export { CnnOverview } from '../overview/cnn-overview';
export { CnnImagePicker, type CnnImageDetail, type CnnImageErrorDetail, type ImageExample, type ImageSource } from '../image-input/image-picker';
export { CnnReadingProgress } from '../reading-progress';
export type { ScaleMode } from '../shared/url-state';

export { setAssetBase, assetUrl, DEFAULT_MODEL_PATH } from '../shared/asset-base';
export { customElement, defineOnce } from '../shared/define-element';
export { ensureKatexStylesheet } from './document-fonts';
export { articleUrl, figureArticleLink } from '../shared/article-link';
export { URL_STATE, articleLink, parseState, serializeState, type FigureState, type FigureView, type FieldSpec, type ParseResult } from '../shared/url-state';
