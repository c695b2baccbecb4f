/**
 * The TensorFlow.js backends, in the order `loadBackend` tries them with `auto` (its `backendOrder`),
 * written out so that the CLI's flags and messages need not load TensorFlow.js (about 0.4 s).
 */
export const backendNames = ["tensorflow-gpu", "webgpu", "tensorflow", "wasm", "cpu"] as const;
