// The types of trainNetwork, the one-call training helper: its options, result and history.
import type * as tf from "./tfjs.js";
import type { Hooks, LogOutput, StopReason } from "../../src/index.js";
import type { BackendChoice, TrainingBackend } from "./backend.js";
import type { TrainingState } from "./types.js";

/** One epoch of {@link TrainNetworkResult.history}. */
export interface EpochSummary {
  /** Completed epochs (1 for the first). */
  readonly epoch: number;
  /** The iteration that completed it. */
  readonly iteration: number;
  /** Mean training loss over the epoch. */
  readonly trainLoss: number;
  /** Training accuracy over the epoch (cross-entropy only). */
  readonly trainAccuracy: number | undefined;
  /** The latest validation loss (evaluated at this iteration with `evaluateEvery: "epoch"`). */
  readonly validationLoss: number | undefined;
  /** The latest validation accuracy. */
  readonly validationAccuracy: number | undefined;
  /** The learning rate of the epoch's last update. */
  readonly learningRate: number | undefined;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
}

/** One read of the training loss. */
export interface LossReading {
  /** The iteration at which it was read. */
  readonly iteration: number;
  /** Completed epochs at that iteration. */
  readonly epoch: number;
  /** Mean training loss since the previous read. */
  readonly loss: number;
}

/** One validation check. */
export interface ValidationReading {
  /** The iteration at which it was evaluated. */
  readonly iteration: number;
  /** Completed epochs at that iteration. */
  readonly epoch: number;
  /** The validation loss. */
  readonly loss: number;
  /** The validation accuracy (cross-entropy only). */
  readonly accuracy: number | undefined;
}

/** What {@link trainNetwork} records besides the engine's trace. */
export interface TrainingHistory {
  /** Each read of the training loss (every `lossReadEvery` iterations). */
  readonly losses: readonly LossReading[];
  /** Each completed epoch. */
  readonly epochs: readonly EpochSummary[];
  /** Each validation check. */
  readonly validation: readonly ValidationReading[];
}

/**
 * Options of {@link trainNetwork}: the run's, as `solve` takes them (the solver, made by `neuralNetwork`,
 * carries its own).
 */
export interface TrainNetworkOptions {
  /**
   * The run's seed (weights, dropout masks, batch order), an integer in [0, 2^32 - 1].
   * @defaultValue `0`
   */
  readonly seed?: number | undefined;
  /**
   * The epoch bound, an integer >= 0.
   * @defaultValue `10`
   */
  readonly maxEpochs?: number | undefined;
  /**
   * Which TensorFlow.js backend to load.
   * @defaultValue `"auto"`: the first that works of tensorflow-gpu, webgpu, tensorflow, wasm, cpu
   */
  readonly backend?: BackendChoice | "auto" | undefined;
  /**
   * Hooks of your own (loggers, progress bars), run after the one that records the history.
   * @defaultValue none
   */
  readonly hooks?: Hooks<TrainingState> | readonly Hooks<TrainingState>[] | undefined;
  /**
   * Stop once this many milliseconds have passed, a finite number >= 0.
   * @defaultValue no limit
   */
  readonly timeLimitMs?: number | undefined;
  /**
   * Stop, with reason `aborted`, when this signal fires.
   * @defaultValue none
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Threads for the large matrix products of a dense stack's step on the wasm backend (an integer >= 1,
   * the caller's thread included; the run option of `solve`): `x W` forward and `x^T d` for the kernel
   * gradients run on iterlab's own threaded float32 kernel (tfjs-backend-wasm runs one thread in Node).
   * Products under about 2 million multiply-adds, other backends and models trained through tfjs's tape
   * use tfjs's kernels. Results are the same bits with any number >= 2, and within float32 rounding of
   * tfjs's (1).
   * @defaultValue the machine's available parallelism, at most 8 (`defaultKernelThreads()`)
   */
  readonly threads?: number | undefined;
  /**
   * Print a line when training starts (the solver, the backend and device that run it, the rows and
   * iterations per epoch), one per epoch (losses, accuracies, rate, time) and one when it stops: to
   * standard error with `true`, or to any `LogOutput` (`process.stdout`, a file stream).
   * @defaultValue `false`: silent
   */
  readonly log?: boolean | LogOutput | undefined;
}

/** What {@link trainNetwork} returns. */
export interface TrainNetworkResult {
  /** The trained model (the best weights when early stopping restored them). Dispose it when done. */
  readonly model: tf.LayersModel;
  /** Why training stopped. */
  readonly stopReason: StopReason;
  /** Optimizer steps taken. */
  readonly iterations: number;
  /** Completed epochs. */
  readonly epochs: number;
  /** Iterations per epoch. */
  readonly iterationsPerEpoch: number;
  /** Training rows (after the validation split). */
  readonly trainSamples: number;
  /** Validation rows (0 without validation). */
  readonly validationSamples: number;
  /** Losses, epochs and validation checks as they were read. */
  readonly history: TrainingHistory;
  /** The backend and device that ran, and the code path that trained (`backend.trainer`, e.g. `"wgsl-fused"`). */
  readonly backend: TrainingBackend;
  /** The iteration whose weights early stopping put back, if it did. */
  readonly restoredFrom: number | undefined;
  /** Wall-clock milliseconds of the run. */
  readonly elapsedMs: number;
}
