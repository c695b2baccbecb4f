import * as tf from "@tensorflow/tfjs";
import { anyValue, rejectUnknownOptions } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/index.js";
import type { DenseStack } from "./dense-gradients.js";
import type { ForwardPlan } from "./forward.js";
import type { BatchBuffers, RunData } from "./prepare-data.js";
import type { TrainingSession, TrainingState } from "./types.js";

/** The session as the solver sees it: the public part plus the device tensors and counters it mutates. */
export interface Session extends TrainingSession {
  /** How the forward pass and loss read the model. */
  readonly plan: ForwardPlan;
  /** The model as a stack of dense layers when its gradients can be written by hand, else undefined. */
  readonly dense: DenseStack | undefined;
  /** Host arrays for batch uploads, reused where the backend copies at upload. */
  readonly buffers: BatchBuffers;
  /** The trainable variables, in the optimiser's order. */
  readonly variables: readonly tf.Variable[];
  /** Every weight (trainable or not), for the best-weights copy. */
  readonly weights: readonly tf.Variable[];
  /** Training rows (host) and validation tensors made by the run. */
  readonly data: RunData;
  /** Sum over updates since the last read of `loss * samples`, kept on the device. */
  readonly windowSum: tf.Variable;
  /** `[sum of loss * samples, correct predictions]` over the current epoch, kept on the device. */
  readonly epochSums: tf.Variable;
  /** Samples behind `windowSum`. */
  windowSamples: number;
  /** Samples behind `epochSums`. */
  epochSamples: number;
  /** This epoch's order of the training rows. */
  order: Int32Array;
  /** The best weights so far (early stopping with restore), copies owned by the session. */
  best: tf.Tensor[] | undefined;
  /** Set by {@link disposeTraining}. */
  disposed: boolean;
}

/** Options of {@link disposeTraining}. */
export interface DisposeTrainingOptions {
  /**
   * Keep the model (to use or save it; dispose it yourself later).
   * @defaultValue `false`
   */
  readonly keepModel?: boolean | undefined;
}

/**
 * Releases the tensors of a training run: the optimiser's slots, the validation data on the device, the loss
 * accumulators, the best-weights copy and, unless `keepModel`, the model.
 *
 * @remarks {@link trainNetwork} calls it for you (keeping the model). After `solveAsync(neuralNetwork(...))`
 * call it on `result.state`. Calling it twice is harmless.
 * @param state - Any state of the run (they share one session).
 * @param options - Whether to keep the model.
 * @example
 * ```ts
 * const result = await solveAsync(neuralNetwork({ layers }), problem, { maxEpochs: 5 });
 * disposeTraining(result.state);
 * ```
 */
export function disposeTraining(state: TrainingState, options: DisposeTrainingOptions = {}): void {
  const names = { keepModel: anyValue } satisfies OptionSchemaOf<DisposeTrainingOptions>;
  rejectUnknownOptions(options, names, "disposeTraining");
  const session = state.session as Session;
  if (session.disposed) return;
  session.disposed = true;
  session.optimizer.dispose();
  const { data } = session;
  for (const tensor of [data.validationX, data.validationY, session.windowSum, session.epochSums, ...(session.best ?? [])]) tensor?.dispose();
  session.best = undefined;
  if (options.keepModel !== true) session.model.dispose();
}
