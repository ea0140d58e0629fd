/**
 * The article's entry. It stays small: prose and formulas are already in the HTML, and
 * figures pull in TF.js and the model (in a worker) only when they come near the viewport.
 */
import { setAssetBase } from '../components/shared/asset-base';
setAssetBase(import.meta.url);

import '../components/reading-progress';
import '../components/overview/cnn-overview';
