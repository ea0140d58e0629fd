/**
 * The one-script embed: registers every cnn-* element. TF.js and the model load lazily,
 * in a worker, when the first figure comes near the viewport. Assets resolve relative to
 * this file, so hosting dist/ anywhere is enough.
 */
import { setAssetBase } from './shared/asset-base';
setAssetBase(import.meta.url);

import './reading-progress';
import './overview/cnn-overview';
import './image-input/image-picker';
