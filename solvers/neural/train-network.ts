import { describeStopReason, InvalidOptionError, solveAsync } from "../../src/index.js";
import {
  anyValue,
  defaultKernelThreads,
  formatNumber,
  integerAtLeast,
  optional,
  rejectUnknownOptions,
  validateOption,
} from "../../src/engine/internals.js";
import type { Hooks, LogOutput } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { loadBackend } from "./backend.js";
import { syncTrainedModel } from "./webgpu/gpu-session.js";
import { neuralNetworkRules } from "./network-options.js";
import { disposeTraining } from "./training-session.js";
import type { NeuralNetworkSolver, TrainingProblem, TrainingState } from "./types.js";
import type {
  EpochSummary,
  LossReading,
  TrainNetworkOptions,
  TrainNetworkResult,
  ValidationReading,
} from "./train-network-types.js";

/** The names of {@link TrainNetworkOptions}, the run's (checked where they are read). */
const trainNetworkRules = {
  seed: anyValue,
  maxEpochs: anyValue,
  backend: anyValue,
  hooks: anyValue,
  timeLimitMs: anyValue,
  signal: anyValue,
  log: anyValue,
  threads: anyValue,
} satisfies OptionSchemaOf<TrainNetworkOptions>;

/**
 * Trains a network in one call: loads a backend, runs `solver` (made by {@link neuralNetwork}) with the
 * async driver for at most `maxEpochs` epochs, records the losses, epochs and validation checks, and
 * releases everything but the model. The arguments come in the order of `solve`, `fitKMeans` and
 * `fitGaussianMixture`: solver, data, options.
 *
 * @remarks The history holds what the run read back: the training loss every `lossReadEvery` iterations,
 * each epoch's mean loss and accuracy, each validation check. With early stopping (and
 * `restoreBestWeights`, the default), the returned model has the weights of the best check. After an error
 * the model goes too, unless it is the caller's own (`neuralNetwork({ model })`).
 * @param solver - A configured network, `neuralNetwork({ layers, optimizer, batchSize, ... })`.
 * @param data - Training samples and, optionally, validation samples.
 * @param options - The run's: seed, epoch bound, backend, hooks, time limit, signal, threads and log.
 * @returns A Promise of the model, history, backend and stop reason. Dispose `result.model` when done.
 * @throws `InvalidOptionError` for bad options, a solver option among the run's, or a `solver` not made
 *   by {@link neuralNetwork} (such as the data, in the order of earlier versions); `InvalidProblemError` for
 *   malformed data; `BackendUnavailableError` when a forced backend cannot load.
 * @example
 * ```ts
 * const result = await trainNetwork(
 *   neuralNetwork({ layers: [{ units: 8, activation: "tanh" }, { units: 2 }], batchSize: 4, learningRate: 0.05 }),
 *   { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
 *   { maxEpochs: 300, seed: 1 },
 * );
 * result.history.epochs.at(-1)?.trainAccuracy; // 1
 * result.model.dispose();
 * ```
 */
export async function trainNetwork(
  solver: NeuralNetworkSolver,
  data: TrainingProblem,
  options: TrainNetworkOptions = {},
): Promise<TrainNetworkResult> {
  if (typeof (solver as Partial<NeuralNetworkSolver> | null)?.trainsCallerModel !== "boolean") {
    throw new InvalidOptionError(
      "solver",
      "a solver made by neuralNetwork({ layers, ... }) (the arguments are solver, data, options)",
      solver,
    );
  }
  rejectSolverOptions(options);
  rejectUnknownOptions(options, trainNetworkRules, "trainNetwork");
  const { seed, maxEpochs, backend, hooks, timeLimitMs, signal, log, threads } = options ?? {};
  validateOption("maxEpochs", maxEpochs, optional(integerAtLeast(0)));
  if (
    log !== undefined &&
    typeof log !== "boolean" &&
    (log === null || typeof log !== "object" || typeof log.write !== "function")
  ) {
    throw new InvalidOptionError("log", "a boolean or an output with write(text), such as process.stdout", log);
  }
  const output: LogOutput | undefined =
    log === true ? process.stderr : log === false || log === undefined ? undefined : log;
  const info = await loadBackend({ prefer: backend ?? "auto" });
  const losses: LossReading[] = [];
  const epochs: EpochSummary[] = [];
  const validation: ValidationReading[] = [];
  let latestValidation: ValidationReading | undefined;
  let live: TrainingState | undefined;
  let succeeded = false;
  const epochBound = maxEpochs ?? 10;
  const recorder: Hooks<TrainingState> = {
    onStart({ state }) {
      live = state;
      const { trainSamples, validationSamples } = state.session;
      output?.write(
        `training ${solver.name} on ${info.choice}: ${info.device}${productThreads(info.choice, threads)}, trainer ${state.session.trainer}; ${trainSamples} training rows` +
          `${validationSamples > 0 ? `, ${validationSamples} for validation` : ""}, ${solver.epochLength?.(data) ?? 1} iterations per epoch\n`,
      );
    },
    onStop({ stopReason, iteration, epoch, elapsedMs }) {
      if (stopReason === undefined) return; // an error: it propagates, with its own message
      output?.write(
        `stopped: ${describeStopReason(stopReason)} after ${iteration} iterations, ${epoch} epochs (${(elapsedMs / 1000).toFixed(2)} s)\n`,
      );
    },
    onIteration({ state, iteration, epoch, elapsedMs }) {
      live = state;
      if (state.loss !== undefined) losses.push({ iteration, epoch, loss: state.loss });
      if (state.validationLoss !== undefined) {
        latestValidation = { iteration, epoch, loss: state.validationLoss, accuracy: state.validationAccuracy };
        validation.push(latestValidation);
      }
      if (state.epochLoss !== undefined) {
        epochs.push({
          epoch,
          iteration,
          trainLoss: state.epochLoss,
          trainAccuracy: state.epochAccuracy,
          validationLoss: latestValidation?.loss,
          validationAccuracy: latestValidation?.accuracy,
          learningRate: state.learningRate,
          elapsedMs,
        });
        output?.write(`${formatEpochLine(epochs[epochs.length - 1] as EpochSummary, epochBound)}\n`);
      }
    },
  };
  const userHooks = hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks as Hooks<TrainingState>];
  try {
    const result = await solveAsync(solver, data, {
      maxEpochs: epochBound,
      seed,
      hooks: [recorder, ...userHooks],
      timeLimitMs,
      signal,
      trace: false,
      threads,
    });
    await syncTrainedModel(result.state);
    succeeded = true;
    return {
      model: result.state.session.model,
      stopReason: result.stopReason,
      iterations: result.iterations,
      epochs: result.epochs,
      iterationsPerEpoch: solver.epochLength?.(data) ?? 1,
      trainSamples: result.state.session.trainSamples,
      validationSamples: result.state.session.validationSamples,
      history: { losses, epochs, validation },
      backend: { ...info, trainer: result.state.session.trainer },
      restoredFrom: result.state.restoredFrom,
      elapsedMs: result.elapsedMs,
    };
  } finally {
    // On an error the model goes too, unless it is the caller's own.
    if (live !== undefined) disposeTraining(live, { keepModel: succeeded || solver.trainsCallerModel });
  }
}

/** A solver option among the run's (the one options object of earlier versions) says where it goes now. */
function rejectSolverOptions(options: TrainNetworkOptions): void {
  if (options === null || typeof options !== "object") return; // rejectUnknownOptions names the error
  const misplaced = Object.keys(options).find((key) => Object.hasOwn(neuralNetworkRules, key));
  if (misplaced === undefined) return;
  const message =
    `${misplaced} is not an option of trainNetwork: it configures the solver, ` +
    `trainNetwork(neuralNetwork({ ${misplaced}, ... }), data, { seed, maxEpochs, ... })`;
  throw new InvalidOptionError(misplaced, "a run option of trainNetwork", misplaced, message);
}

/** One epoch as a log line: `epoch 3/25  iteration 762  loss 0.201  acc 94.4%  val loss 0.2296  val acc 92.9%  rate 0.001  (1.2 s)`. */
function formatEpochLine(summary: EpochSummary, epochBound: number): string {
  const percent = (value: number | undefined) => (value === undefined ? "" : `${(value * 100).toFixed(1)}%`);
  const parts = [
    `epoch ${summary.epoch}/${epochBound}`,
    `iteration ${summary.iteration}`,
    `loss ${formatNumber(summary.trainLoss)}`,
  ];
  if (summary.trainAccuracy !== undefined) parts.push(`acc ${percent(summary.trainAccuracy)}`);
  if (summary.validationLoss !== undefined) parts.push(`val loss ${formatNumber(summary.validationLoss)}`);
  if (summary.validationAccuracy !== undefined) parts.push(`val acc ${percent(summary.validationAccuracy)}`);
  if (summary.learningRate !== undefined) parts.push(`rate ${formatNumber(summary.learningRate)}`);
  return `${parts.join("  ")}  (${(summary.elapsedMs / 1000).toFixed(2)} s)`;
}

/** The log's note on the threaded products (wasm only; see the `threads` option). */
function productThreads(choice: string, threads: number | undefined): string {
  const count = threads ?? defaultKernelThreads();
  return choice === "wasm" && count > 1 ? `, products of 2M+ multiply-adds on ${count} threads` : "";
}
