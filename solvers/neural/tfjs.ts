/**
 * TensorFlow.js as the neural solvers use it: the core (tensors, ops, gradients), layers (models) and the
 * pure JavaScript CPU backend, which always works. These are optional peer dependencies of iterlab
 * (`npm install @tensorflow/tfjs-core @tensorflow/tfjs-layers @tensorflow/tfjs-backend-cpu`), in place of
 * the `@tensorflow/tfjs` umbrella, which also brings WebGL, the converter and the data API (about 140 MB
 * more) that iterlab never loads. Loading tfjs-layers also registers every op's gradient.
 *
 * @packageDocumentation
 */
import "@tensorflow/tfjs-backend-cpu";

// The one module that stands in for the umbrella: the neural files import `tf` from here, so a whole-module
// re-export is the point (the umbrella re-exports these two packages in the same way).
export * from "@tensorflow/tfjs-core";
export * from "@tensorflow/tfjs-layers";
