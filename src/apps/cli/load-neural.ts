import { importOptionalPart } from "../../engine/internals.js";

/** The neural solvers' module. */
export type NeuralModule = typeof import("../../../solvers/neural/index.js");

/**
 * Loads the neural solvers on first use: TensorFlow.js is an optional peer dependency, and takes about
 * 0.4 s to load, which other commands need not pay.
 *
 * @returns The module.
 * @throws `OptionalPartMissingError` naming the `npm install` command when TensorFlow.js is not installed.
 */
export function loadNeural(): Promise<NeuralModule> {
  return importOptionalPart("neural", () => import("../../../solvers/neural/index.js"));
}
