import { beforeAll, describe, expect, it } from "vitest";
import { below, solveAsync } from "../../../src/index.js";
import type { Hooks } from "../../../src/index.js";
import { disposeTraining, neuralNetwork, reduceOnPlateau, sgd } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";
import { classification, linearData, maxDifference, runNetwork as run, smallNet, weightsOf } from "./fixtures.js";
import { loadBackend } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

describe("neuralNetwork stopping", () => {
  it("stops after `patience` checks without improvement and puts back the best weights", async () => {
    // Validation labels are the training labels flipped: the better the fit, the worse the validation loss.
    const validation = { x: classification.x, y: (classification.y as number[]).map((label) => 1 - label) };
    const snapshots = new Map<number, number[][]>();
    const hooks: Hooks<TrainingState> = {
      onIteration: ({ state, iteration }) => {
        if (state.validationLoss !== undefined) snapshots.set(iteration, weightsOf(state.session.model));
      },
    };
    const result = await solveAsync(
      neuralNetwork({ ...smallNet, learningRate: 0.05, batchSize: 16, earlyStopping: { patience: 3 } }),
      { ...classification, validation },
      { maxEpochs: 50, hooks, seed: 4 },
    );
    const validationLosses = result.trace.entries
      .map((entry) => entry.record.validationLoss)
      .filter((v) => v !== undefined);
    const best = Math.min(...validationLosses);
    const bestIteration = result.trace.entries.find((entry) => entry.record.validationLoss === best)
      ?.iteration as number;
    expect(result.stopReason.kind).toBe("converged");
    expect(result.stopReason.kind === "converged" && result.stopReason.test).toBe(
      "validation loss: checks without improvement",
    );
    expect(result.iterations).toBe(bestIteration + 3 * 4); // three more epochs of 4 iterations
    expect(result.state.restoredFrom).toBe(bestIteration);
    expect(weightsOf(result.state.session.model)).toEqual(snapshots.get(bestIteration));
    expect(
      maxDifference(weightsOf(result.state.session.model), snapshots.get(bestIteration + 4) ?? []),
    ).toBeGreaterThan(1e-4);
    disposeTraining(result.state);
  });

  it("multiplies the rate by the plateau rule's scale after validation checks without improvement", async () => {
    const validation = { x: classification.x, y: (classification.y as number[]).map((label) => 1 - label) };
    const result = await solveAsync(
      neuralNetwork({
        ...smallNet,
        learningRate: 0.05,
        batchSize: 16,
        reduceOnPlateau: reduceOnPlateau({ factor: 0.5, patience: 0 }),
      }),
      { ...classification, validation },
      { maxEpochs: 6, seed: 4 },
    );
    const rates = result.trace.entries.slice(1).map((entry) => entry.record.learningRate as number);
    const reductions = result.state.plateau?.reductions ?? 0;
    expect(reductions).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeLessThanOrEqual(rates[k - 1] as number);
    expect(rates.slice(0, 4)).toEqual([0.05, 0.05, 0.05, 0.05]); // the first epoch, before any check
    // The last epoch's rate is 0.05 * 0.5^(reductions before it); the state's scale includes the last check's.
    expect(result.state.plateau?.scale).toBe(0.5 ** reductions);
    expect(rates.at(-1)).toBeGreaterThanOrEqual(0.05 * 0.5 ** reductions);
    for (const rate of rates) expect(Number.isInteger(Math.log2(0.05 / rate))).toBe(true); // 0.05 halved j times
    expect(new Set(rates.slice(4, 8)).size).toBe(1); // the rate changes only at epoch ends, where the checks are
    disposeTraining(result.state);
  });

  it("stops with `diverged` and advice when a huge learning rate makes the loss infinite", async () => {
    const { result } = await run(
      { layers: [{ units: 1 }], loss: "mse", optimizer: sgd(), learningRate: 1e6, batchSize: 8, lossReadEvery: 1 },
      linearData(64, 0.1),
      { maxEpochs: 20 },
    );
    expect(result.stopReason.kind).toBe("diverged");
    const message = result.stopReason.kind === "diverged" ? result.stopReason.message : "";
    expect(message).toMatch(
      /^training loss = (NaN|Infinity) at iteration \d+ \(learning rate 1\.0e\+6\): lower the learning rate or clip the gradients \(clipNorm, clipValue\)$/,
    );
    expect(result.iterations).toBeLessThan(20);
  });

  it("stops through the engine's patience test: its report names the restored iteration, and without it (converged replaced) the run goes on to its bound and nothing is restored", async () => {
    const validation = { x: classification.x, y: (classification.y as number[]).map((label) => 1 - label) };
    const solver = neuralNetwork({
      ...smallNet,
      learningRate: 0.05,
      batchSize: 16,
      earlyStopping: { patience: 3 },
    });
    const stopped = await solveAsync(solver, { ...classification, validation }, { maxEpochs: 50, seed: 4 });
    const report = stopped.criteria.convergence[0];
    expect(report?.label).toBe("validation loss: checks without improvement");
    expect(report?.met).toBe(true);
    expect(report?.value).toBe(3);
    expect(stopped.state.restoredFrom).toBe(report?.best?.iteration);
    expect(stopped.iterations).toBe((report?.best?.iteration as number) + 3 * 4);
    disposeTraining(stopped.state);
    // The same solver with the engine's test replaced: the solver itself never stops or restores.
    const bounded = await solveAsync(
      solver,
      { ...classification, validation },
      { maxEpochs: 12, seed: 4, converged: below(() => Number.POSITIVE_INFINITY, 0, { name: "never" }) },
    );
    expect(bounded.stopReason).toEqual({ kind: "maxEpochs", maxEpochs: 12 });
    expect(bounded.iterations).toBeGreaterThan(stopped.iterations);
    expect(bounded.state.restoredFrom).toBeUndefined();
    disposeTraining(bounded.state);
  });

  it("keeps the last weights when restoreBestWeights is false", async () => {
    const validation = { x: classification.x, y: (classification.y as number[]).map((label) => 1 - label) };
    const snapshots = new Map<number, number[][]>();
    const result = await solveAsync(
      neuralNetwork({
        ...smallNet,
        learningRate: 0.05,
        batchSize: 16,
        earlyStopping: { patience: 2, restoreBestWeights: false },
      }),
      { ...classification, validation },
      {
        maxEpochs: 50,
        seed: 4,
        hooks: { onIteration: ({ state, iteration }) => void snapshots.set(iteration, weightsOf(state.session.model)) },
      },
    );
    expect(result.stopReason.kind).toBe("converged");
    expect(result.state.restoredFrom).toBeUndefined();
    // The engine's patience test reports the best check.
    const best = result.criteria.convergence[0]?.best?.iteration as number;
    expect(result.iterations).toBe(best + 2 * 4);
    expect(maxDifference(weightsOf(result.state.session.model), snapshots.get(best) ?? [])).toBeGreaterThan(1e-4);
    disposeTraining(result.state);
  });
});
