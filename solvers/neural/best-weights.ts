/**
 * Early stopping's best weights: the engine's patience test calls these at each new best (keep a copy) and
 * at the check where it holds (put the copy back), on the TensorFlow.js path with tensors and on the WebGPU
 * trainer with a copy on the GPU.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import type { Session } from "./training-session.js";
import type { TrainingState } from "./types.js";

/** Keeps a copy of the run's weights (the previous copy is released). */
export function keepBestWeights(state: TrainingState): void {
  const session = state.session as Session;
  if (session.gpu !== undefined) {
    session.gpu.keepBest();
    return;
  }
  for (const tensor of session.best ?? []) tensor.dispose();
  session.best = session.weights.map((weight) => tf.clone(weight));
}

/** Puts the kept copy back and notes in the state from which iteration the weights now come. */
export function putBackBestWeights(state: TrainingState, best: { readonly iteration: number }): void {
  const session = state.session as Session;
  if (session.gpu !== undefined) {
    if (!session.gpu.restoreBest()) return;
  } else if (session.best === undefined) return;
  else session.weights.forEach((weight, i) => weight.assign(session.best?.[i] as tf.Tensor));
  // The state is this step's own new object: it says where the weights it now holds came from.
  (state as { restoredFrom: number | undefined }).restoredFrom = best.iteration;
}
