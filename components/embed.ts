/**
 * The one-script embed: registers every cnn-* element. TF.js and the model load lazily,
 * from chunks beside this file, when the first figure needs them.
 */
import './reading-progress';
