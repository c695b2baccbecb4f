import type * as tf from "./tfjs.js";
import type { TrainerPath } from "./backend.js";
import type { Optimizer, OptimizerFactory } from "./create-optimizer.js";
import type { LearningRateSchedule } from "./schedules.js";
import type { PlateauState, ReduceOnPlateau } from "./reduce-on-plateau.js";
import type { Solver } from "../../src/index.js";
import type { PreparedTraining } from "./training-session.js";

/** A flat, row-major matrix: `shape[0]` rows of `shape[1]` numbers each. */
export interface FlatMatrix {
  /** The numbers, row after row; `shape[0] * shape[1]` of them. */
  readonly values: ArrayLike<number>;
  /** `[rows, columns]`, integers >= 1. */
  readonly shape: readonly [number, number];
}

/**
 * Inputs: one sample per row, as a 2-D tensor, an array of rows (`number[][]`) or a {@link FlatMatrix}
 * (a flat `Float32Array` with its shape). Every value must be finite.
 */
export type FeatureData = tf.Tensor | readonly (readonly number[])[] | FlatMatrix;

/**
 * Targets, one per sample. With `loss: "crossEntropy"`: class indices (a 1-D array, typed array or
 * tensor of integers in `[0, classes)`, where `classes` is the output layer's width). With `loss: "mse"`:
 * target vectors as a 2-D tensor, `number[][]` or {@link FlatMatrix}, or a 1-D array for a single output.
 */
export type TargetData =
  | tf.Tensor
  | readonly number[]
  | Int32Array
  | Float32Array
  | Float64Array
  | readonly (readonly number[])[]
  | FlatMatrix;

/** A set of samples: inputs and their targets, with as many rows. */
export interface LabelledData {
  /** The inputs, one row per sample. */
  readonly x: FeatureData;
  /** The targets, one per sample. */
  readonly y: TargetData;
}

/**
 * A training problem: the training samples and, optionally, separate validation samples (which take the
 * place of the `validationSplit` option).
 */
export interface TrainingProblem extends LabelledData {
  /**
   * Validation samples, evaluated every `evaluateEvery` iterations.
   * @defaultValue the last `validationSplit` of the training rows, or none
   */
  readonly validation?: LabelledData | undefined;
}

/** The activations a {@link DenseLayerSpec} accepts. */
export type Activation = "linear" | "relu" | "sigmoid" | "tanh" | "softmax" | "elu";

/** A fully connected layer `h <- activation(h W + b)` with Glorot-uniform `W` (seeded) and zero `b`. */
export interface DenseLayerSpec {
  /** The layer's width, an integer >= 1. */
  readonly units: number;
  /**
   * The activation.
   * @defaultValue `"linear"`
   */
  readonly activation?: Activation | undefined;
}

/** Inverted dropout: during training each unit is zeroed with probability `dropout`, the rest scaled by `1 / (1 - dropout)`. */
export interface DropoutLayerSpec {
  /** The drop probability, a number in [0, 1). */
  readonly dropout: number;
}

/** One layer of a network described by {@link NeuralNetworkOptions.layers}. */
export type LayerSpec = DenseLayerSpec | DropoutLayerSpec;

/** The training loss. `crossEntropy` wants class indices; `mse` wants target vectors. */
export type TrainingLoss = "crossEntropy" | "mse";

/** Early stopping on a validation metric, through the engine's `patience` test. */
export interface EarlyStoppingOptions {
  /** Validation checks without improvement after which training stops, an integer >= 1. */
  readonly patience: number;
  /**
   * The smallest change that counts as an improvement, a finite number >= 0.
   * @defaultValue `0`
   */
  readonly minDelta?: number | undefined;
  /**
   * The monitored metric: the validation loss (smaller is better) or accuracy (larger is better).
   * @defaultValue `"validationLoss"`
   */
  readonly monitor?: "validationLoss" | "validationAccuracy" | undefined;
  /**
   * When early stopping ends the run, put back the weights of the best check (tfjs's own callback cannot).
   * @defaultValue `true`
   */
  readonly restoreBestWeights?: boolean | undefined;
}

/** Options of {@link neuralNetwork}. Give exactly one of `layers` and `model`. */
export interface NeuralNetworkOptions {
  /**
   * The network as a list of layers; the input width is taken from the data. The weights are drawn from
   * the run's seeded generator, a different seed per layer.
   */
  readonly layers?: readonly LayerSpec[] | undefined;
  /**
   * A model of your own (`tf.sequential(...)` or a functional `tf.model(...)`), trained in place from its
   * current weights: seed its initialisers for reproducible runs.
   */
  readonly model?: tf.LayersModel | undefined;
  /**
   * The loss.
   * @defaultValue `"crossEntropy"`
   */
  readonly loss?: TrainingLoss | undefined;
  /**
   * The optimiser.
   * @defaultValue `adam()`
   */
  readonly optimizer?: OptimizerFactory | undefined;
  /**
   * The learning rate: a finite number > 0, or a schedule of the optimizer step (iteration) count.
   * @defaultValue the optimiser's `defaultLearningRate`
   */
  readonly learningRate?: number | LearningRateSchedule | undefined;
  /**
   * Multiply the rate by a factor when the monitored metric stops improving; it is fed the validation
   * loss at each evaluation, or without validation data the epoch's training loss.
   * @defaultValue none
   */
  readonly reduceOnPlateau?: ReduceOnPlateau | undefined;
  /**
   * Samples per mini-batch, an integer >= 1 (the last batch of an epoch may be smaller).
   * @defaultValue `32`
   */
  readonly batchSize?: number | undefined;
  /**
   * Drop each epoch's last, incomplete batch.
   * @defaultValue `false`
   */
  readonly dropLast?: boolean | undefined;
  /**
   * Mini-batches whose gradients are averaged (weighted by their sizes) into one optimizer step, an
   * integer >= 1. An iteration stays one optimizer step.
   * @defaultValue `1`
   */
  readonly gradientAccumulation?: number | undefined;
  /**
   * Rescale the gradients so their global 2-norm is at most this, a finite number > 0.
   * @defaultValue no clipping
   */
  readonly clipNorm?: number | undefined;
  /**
   * Clip each gradient entry to `[-clipValue, clipValue]`, a finite number > 0 (applied before `clipNorm`).
   * @defaultValue no clipping
   */
  readonly clipValue?: number | undefined;
  /**
   * The fraction of the rows, taken from the END of the data before any shuffling (as Keras does), kept
   * for validation; a number in [0, 1). Ignored when the problem has `validation`.
   * @defaultValue `0`
   */
  readonly validationSplit?: number | undefined;
  /**
   * Evaluate on the validation data every this many iterations (an integer >= 1) or at each epoch's end.
   * @defaultValue `"epoch"`
   */
  readonly evaluateEvery?: number | "epoch" | undefined;
  /**
   * Stop when the validation metric stops improving (needs validation data).
   * @defaultValue no early stopping
   */
  readonly earlyStopping?: EarlyStoppingOptions | undefined;
  /**
   * Read the training loss back from the device every this many iterations (an integer >= 1) or only at
   * epoch ends. Between reads the losses are summed on the device, so a step never waits for the device.
   * @defaultValue `50`
   */
  readonly lossReadEvery?: number | "epoch" | undefined;
  /**
   * The iteration bound, an integer >= 0. Bound runs in epochs with `solveAsync(..., { maxEpochs })`.
   * @defaultValue `1000000`
   */
  readonly maxIterations?: number | undefined;
}

/**
 * The solver {@link neuralNetwork} returns: a `Solver` that also says whether the model it trains is the
 * caller's own, so that `trainNetwork` leaves that model alone when it cleans up after an error.
 */
export type NeuralNetworkSolver = Solver<TrainingProblem, TrainingState, TrainingRecord, PreparedTraining> & {
  /**
   * `true` when the solver trains the model given as `options.model` (the caller's, kept after an error),
   * `false` when each run builds its own from `options.layers`.
   */
  readonly trainsCallerModel: boolean;
};

/**
 * The live objects of one training run: the model, the optimiser and the tensors the run made (loss
 * accumulators, the best weights). Held by the state; release with {@link disposeTraining}. The data is not
 * here: it belongs to the prepared problem (see `PreparedTraining`), shared by every run on it.
 */
export interface TrainingSession {
  /** The model being trained (updated in place by every step). */
  readonly model: tf.LayersModel;
  /** The optimiser and its slots. */
  readonly optimizer: Optimizer;
  /** The loss. */
  readonly loss: TrainingLoss;
  /** Training rows (after the validation split). */
  readonly trainSamples: number;
  /** Validation rows (0 without validation). */
  readonly validationSamples: number;
  /** Outputs of the model (classes for cross-entropy). */
  readonly outputs: number;
  /** The code path that runs the steps: `"wgsl-fused"` or `"tfjs-"` and the backend (see {@link TrainerPath}). */
  readonly trainer: TrainerPath;
}

/**
 * The state of {@link neuralNetwork}: the session (live model and optimiser, updated in place) and plain
 * numbers. Metrics are present only at the iterations that measure them, `undefined` elsewhere, so
 * patience and divergence tests see each measurement once.
 */
export interface TrainingState {
  /** The model, optimiser and device tensors of the run. */
  readonly session: TrainingSession;
  /** The learning rate of the update that produced this state (`undefined` at iteration 0). */
  readonly learningRate: number | undefined;
  /** Mean training loss (per sample) since the previous read, at read iterations only. */
  readonly loss: number | undefined;
  /** Mean training loss over the epoch just completed, at epoch ends only. */
  readonly epochLoss: number | undefined;
  /** Training accuracy over the epoch just completed (cross-entropy only), at epoch ends only. */
  readonly epochAccuracy: number | undefined;
  /** Validation loss, at evaluation iterations only. */
  readonly validationLoss: number | undefined;
  /** Validation accuracy (cross-entropy only), at evaluation iterations only. */
  readonly validationAccuracy: number | undefined;
  /** Training samples consumed so far (counting repeats across epochs). */
  readonly samplesSeen: number;
  /** The reduce-on-plateau state (its `scale` multiplies the scheduled rate), if that option is set. */
  readonly plateau: PlateauState | undefined;
  /**
   * Set at the iteration where early stopping (the engine's `patience` test) held and put back the best
   * weights: the iteration they came from. The best value and the checks since are in the test's report
   * (`result.criteria.convergence`).
   */
  readonly restoredFrom: number | undefined;
}

/**
 * The trace record of {@link neuralNetwork}. The iteration, epoch and time are on the trace entry.
 * `loss` is present only where it was read (`lossReadEvery`), the validation metrics only where evaluated:
 * elsewhere they are `undefined` (and empty cells in CSV), never a stale or a zero value.
 */
export interface TrainingRecord {
  /** The learning rate of the last update. */
  readonly learningRate: number | undefined;
  /** Mean training loss since the previous read. */
  readonly loss: number | undefined;
  /** Mean training loss over the epoch just completed. */
  readonly epochLoss: number | undefined;
  /** Training accuracy over the epoch just completed. */
  readonly epochAccuracy: number | undefined;
  /** Validation loss. */
  readonly validationLoss: number | undefined;
  /** Validation accuracy. */
  readonly validationAccuracy: number | undefined;
}
