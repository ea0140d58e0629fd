/**
 * The network's input size, without TF.js: modules the page loads (the teaching figure's
 * class list, the picture sets) import it from here so that TF.js stays in the worker.
 */

/** Side of the square input image, in pixels. */
export const INPUT_SIZE = 64;
export const INPUT_CHANNELS = 3;
export const INPUT_SHAPE = [INPUT_SIZE, INPUT_SIZE, INPUT_CHANNELS] as const;
