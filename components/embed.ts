/**
 * The one-script embed: registers every cnn-* element. TF.js and the model load lazily,
 * in a worker, when the first figure comes near the viewport. Assets resolve relative to
 * this file, so hosting dist/ anywhere is enough.
 *
 * Keep this file an entry of its own (nothing else may import it): its import.meta.url is
 * how figures find dist/.
 */
import { setAssetBase } from './shared/asset-base';
import { ensureKatexStylesheet } from './kit/document-fonts';
import './register-all';

setAssetBase(import.meta.url);
ensureKatexStylesheet(import.meta.url);
