/**
 * Registers every cnn-* element. Imported by the one-script embed (components/embed.ts)
 * and by the article; it sets no asset base itself, because only an entry script knows
 * where dist/ is.
 */
import './reading-progress';
import './overview/cnn-overview';
import './image-input/image-picker';
import './views/conv/cnn-conv-view';
import './views/hyperparameters/cnn-hyperparameters';
import './views/relu/cnn-relu-view';
import './views/pool/cnn-pool-view';
import './views/flatten/cnn-flatten-view';
import './views/softmax/cnn-softmax-view';
import './views/training/cnn-training';
import './teach/cnn-teach';
import './views/saliency/cnn-saliency';
import './views/features/cnn-features';
import './views/sizes/cnn-layer-sizes';
