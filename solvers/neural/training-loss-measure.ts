import { errorMeasure } from "../../src/index.js";
import type { ErrorMeasure } from "../../src/index.js";
import type { TrainingState } from "./types.js";

/**
 * The error measure for comparing training runs with `compare()`/`compareAsync()`: the latest training
 * loss read back from the device, held between reads (a run reads it every `lossReadEvery` iterations, so
 * with `lossReadEvery: "epoch"` this is each epoch's mean loss, a staircase), and infinite before the first
 * read.
 *
 * @remarks Each call makes a new measure with its own memory of the latest loss, reset whenever a run
 * starts (a state with no samples seen), so one measure serves every method of a comparison in turn; do not
 * share one between comparisons running at the same time.
 * @returns The measure, named `training loss`.
 * @example
 * ```ts
 * const methods = [sgd(), adam()].map((optimizer) => ({
 *   label: optimizer.name,
 *   solver: neuralNetwork({ layers, optimizer, lossReadEvery: "epoch" }),
 *   options: { maxEpochs: 20, hooks: { onStop: ({ state }) => disposeTraining(state) } },
 * }));
 * const comparison = await compareAsync({ problem, methods, error: trainingLoss(), tolerances: [0.3, 0.1] });
 * ```
 */
export function trainingLoss(): ErrorMeasure<TrainingState> {
  let latest = Number.POSITIVE_INFINITY;
  return errorMeasure("training loss", (state: TrainingState) => {
    if (state.samplesSeen === 0) latest = Number.POSITIVE_INFINITY;
    else if (state.loss !== undefined) latest = state.loss;
    return latest;
  });
}
