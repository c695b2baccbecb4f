import { integerAtLeast, optional, solveAsync, validateOption } from "../../src/index.js";
import type { Hooks } from "../../src/index.js";
import { loadBackend } from "./backend.js";
import { neuralNetwork } from "./neural-network.js";
import { disposeTraining } from "./training-session.js";
import type {
  EpochSummary,
  LossReading,
  TrainingProblem,
  TrainingState,
  TrainNetworkOptions,
  TrainNetworkResult,
  ValidationReading,
} from "./types.js";

/**
 * Trains a network in one call: loads a backend, runs {@link neuralNetwork} with the async driver for at
 * most `maxEpochs` epochs, records the losses, epochs and validation checks, and releases everything but the
 * model.
 *
 * @remarks The history holds what the run read back: the training loss every `lossReadEvery` iterations,
 * each epoch's mean loss and accuracy, each validation check. With early stopping (and
 * `restoreBestWeights`, the default), the returned model has the weights of the best check.
 * @param problem - Training samples and, optionally, validation samples.
 * @param options - The solver's options plus seed, epoch bound, backend, hooks, time limit and signal.
 * @returns A Promise of the model, history, backend and stop reason. Dispose `result.model` when done.
 * @throws `InvalidOptionError` for bad options; `InvalidProblemError` for malformed data;
 *   `BackendUnavailableError` when a forced backend cannot load.
 * @example
 * ```ts
 * const result = await trainNetwork(
 *   { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
 *   { layers: [{ units: 8, activation: "tanh" }, { units: 2 }], batchSize: 4, learningRate: 0.05, maxEpochs: 300, seed: 1 },
 * );
 * result.history.epochs.at(-1)?.trainAccuracy; // 1
 * result.model.dispose();
 * ```
 */
export async function trainNetwork(problem: TrainingProblem, options: TrainNetworkOptions = {}): Promise<TrainNetworkResult> {
  const { seed, maxEpochs, backend, hooks, timeLimitMs, signal, ...solverOptions } = options;
  validateOption("maxEpochs", maxEpochs, optional(integerAtLeast(0)));
  const solver = neuralNetwork(solverOptions);
  const info = await loadBackend({ prefer: backend ?? "auto" });
  const losses: LossReading[] = [];
  const epochs: EpochSummary[] = [];
  const validation: ValidationReading[] = [];
  let latestValidation: ValidationReading | undefined;
  let live: TrainingState | undefined;
  let succeeded = false;
  const recorder: Hooks<TrainingState> = {
    onStart({ state }) {
      live = state;
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
      }
    },
  };
  const userHooks = hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks as Hooks<TrainingState>];
  try {
    const result = await solveAsync(solver, problem, {
      maxEpochs: maxEpochs ?? 10,
      seed,
      hooks: [recorder, ...userHooks],
      timeLimitMs,
      signal,
      trace: false,
    });
    succeeded = true;
    return {
      model: result.state.session.model,
      stopReason: result.stopReason,
      iterations: result.iterations,
      epochs: result.epochs,
      iterationsPerEpoch: solver.epochLength?.(problem) ?? 1,
      trainSamples: result.state.session.trainSamples,
      validationSamples: result.state.session.validationSamples,
      history: { losses, epochs, validation },
      backend: info,
      restoredFrom: result.state.restoredFrom,
      elapsedMs: result.elapsedMs,
    };
  } finally {
    // On an error the model goes too, unless it is the caller's own.
    if (live !== undefined) disposeTraining(live, { keepModel: succeeded || options.model !== undefined });
  }
}
