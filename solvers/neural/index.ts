/**
 * Neural-network training on TensorFlow.js as an engine solver: an iteration is one optimizer step, an
 * epoch one pass over the data; SGD, momentum, Adam, AdamW and RMSProp; learning-rate schedules and
 * reduce-on-plateau; gradient clipping and accumulation; validation, early stopping with the best weights
 * restored; backends from CUDA and WebGPU down to WebAssembly and pure JavaScript.
 *
 * @module iterlab/solvers/neural
 */
export { neuralNetwork } from "./neural-network.js";
export { trainNetwork } from "./train-network.js";
export { evaluateNetwork } from "./evaluate-network.js";
export type { EvaluateNetworkOptions, Evaluation } from "./evaluate-network.js";
export { disposeTraining } from "./training-session.js";
export { syncTrainedModel } from "./webgpu/gpu-session.js";
export type { GpuUpdateRule } from "./webgpu/update-kernels.js";
export { trainingLoss } from "./training-loss-measure.js";
export { twoMoons } from "./two-moons.js";
export { mnistDigits } from "./mnist-digits.js";
export type { MnistDigitsOptions, MnistImages, MnistSet, MnistSplit } from "./mnist-digits.js";
export type { ClassifiedPoints, TwoMoonsOptions } from "./two-moons.js";
export type { DisposeTrainingOptions, PreparedTraining } from "./training-session.js";
export type { RunData } from "./prepare-data.js";
export type {
  Activation,
  DenseLayerSpec,
  DropoutLayerSpec,
  EarlyStoppingOptions,
  FeatureData,
  FlatMatrix,
  LabelledData,
  LayerSpec,
  NeuralNetworkOptions,
  NeuralNetworkSolver,
  TargetData,
  TrainingLoss,
  TrainingProblem,
  TrainingRecord,
  TrainingSession,
  TrainingState,
} from "./types.js";
export type {
  EpochSummary,
  LossReading,
  TrainingHistory,
  TrainNetworkOptions,
  TrainNetworkResult,
  ValidationReading,
} from "./train-network-types.js";
export { backendOrder, BackendUnavailableError, loadBackend } from "./backend.js";
export type { BackendChoice, BackendInfo, LoadBackendOptions, TrainerPath, TrainingBackend } from "./backend.js";
export { momentum, sgd } from "./optimizers.js";
export { adam, adamW } from "./adam.js";
export { rmsprop } from "./rmsprop.js";
export type { MomentumOptions } from "./optimizers.js";
export type { Optimizer, OptimizerFactory } from "./create-optimizer.js";
export type { AdamOptions, AdamWOptions } from "./adam.js";
export type { RMSPropOptions } from "./rmsprop.js";
export { constantRate, cosineDecay, exponentialDecay, stepDecay } from "./schedules.js";
export { warmup } from "./warmup.js";
export { reduceOnPlateau } from "./reduce-on-plateau.js";
export type {
  CosineDecayOptions,
  CosineRestartOptions,
  ExponentialDecayOptions,
  LearningRateSchedule,
  StepDecayOptions,
} from "./schedules.js";
export type { WarmupOptions } from "./warmup.js";
export type { PlateauOptions, PlateauState, ReduceOnPlateau } from "./reduce-on-plateau.js";
export { clipByGlobalNorm, clipByValue, globalNorm } from "./clipping.js";
export type { ClippedGradients } from "./clipping.js";
export { useFastMatMulGradient } from "./wasm-matmul-gradient.js";
