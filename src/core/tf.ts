// The TensorFlow.js namespace type the core passes around: whichever package a backend came from (tfjs or tfjs-node).
export type Tf = typeof import('@tensorflow/tfjs');
