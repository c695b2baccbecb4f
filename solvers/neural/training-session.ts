import type * as tf from "./tfjs.js";
import type { DenseStack } from "./dense-gradients.js";
import type { ForwardPlan } from "./forward.js";
import type { BatchBuffers, RunData } from "./prepare-data.js";
import type { TrainingSession, TrainingState } from "./types.js";
import type { GpuTrainer } from "./webgpu/gpu-trainer.js";
import type { GpuPrepared } from "./webgpu/gpu-session.js";
import { anyValue, rejectUnknownOptions } from "../../src/engine/internals.js";
import type { KernelBinding, OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * What `neuralNetwork`'s `prepare` returns, once per problem: the checked samples (training rows on the
 * host, validation rows as device tensors) and the backend that holds them. Shared read-only by every run on
 * it; its `dispose` frees the validation tensors.
 *
 * @remarks The model's weights and the optimiser's slots are the iterate, so they belong to each run (its
 * state's {@link TrainingSession}), not to the prepared problem: two runs on one handle start from their own
 * seeded weights.
 */
export interface PreparedTraining {
  /** Training rows (host) and validation tensors (device), after the validation split. */
  readonly data: RunData;
  /** Outputs of the model (classes for cross-entropy). */
  readonly outputs: number;
  /** The tfjs backend that was current at `prepare` (and holds the validation tensors), e.g. `cpu`. */
  readonly backend: string;
  /**
   * The threaded kernel of the large matrix products on the wasm backend, bound on the run option
   * `threads` (undefined for one thread); the prepared problem's `dispose` ends its workers.
   */
  readonly products: KernelBinding<unknown> | undefined;
  /**
   * The data resident on the GPU for the WebGPU trainer, when it runs this network (destroyed by `dispose`);
   * the trainer's own business.
   *
   * @hidden
   */
  readonly gpu: GpuPrepared | undefined;
}

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
  /** The WebGPU trainer running this session's steps, or undefined on the TensorFlow.js path. */
  readonly gpu: GpuTrainer | undefined;
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
 * Releases the tensors of a training run: the optimiser's slots, the loss accumulators, the best-weights
 * copy and, unless `keepModel`, the model.
 *
 * @remarks {@link trainNetwork} calls it for you (keeping the model). After `solveAsync(neuralNetwork(...))`
 * call it on `result.state`. Calling it twice is harmless. The validation tensors belong to the prepared
 * problem: a run frees them itself, or `dispose()` on a `prepareProblem` handle does.
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
  session.gpu?.destroy();
  for (const tensor of [session.windowSum, session.epochSums, ...(session.best ?? [])]) tensor.dispose();
  session.best = undefined;
  if (options.keepModel !== true) session.model.dispose();
}
