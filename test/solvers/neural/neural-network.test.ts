import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { below, solveAsync } from "../../../src/index.js";
import type { Hooks } from "../../../src/index.js";
import {
  clipByValue,
  constantRate,
  cosineDecay,
  disposeTraining,
  evaluateNetwork,
  exponentialDecay,
  momentum,
  neuralNetwork,
  reduceOnPlateau,
  sgd,
  stepDecay,
  trainNetwork,
  twoMoons,
  warmup,
} from "../../../solvers/neural/index.js";
import type {
  LearningRateSchedule,
  NeuralNetworkOptions,
  TrainingProblem,
  TrainingRecord,
  TrainingState,
} from "../../../solvers/neural/index.js";
import { linearData, maxDifference, weightsOf } from "./fixtures.js";
import { loadBackend } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

const classification: TrainingProblem = (() => {
  const { x, y } = twoMoons({ samples: 64, noise: 0.1, seed: 3 });
  return { x, y };
})();
const smallNet: NeuralNetworkOptions = { layers: [{ units: 6, activation: "tanh" }, { units: 2 }] };

/** Runs a solver and returns the result with the model's weights, releasing every tensor. */
async function run(
  options: NeuralNetworkOptions,
  problem: TrainingProblem,
  runOptions: Parameters<typeof solveAsync<TrainingProblem, TrainingState, unknown>>[2] = {},
) {
  const result = await solveAsync(neuralNetwork(options), problem, runOptions);
  const weights = weightsOf(result.state.session.model);
  disposeTraining(result.state);
  return { result, weights };
}

describe("neuralNetwork", () => {
  it("recovers the weights of y = 2 x1 - 3 x2 + 1 by SGD on the mean squared error", async () => {
    const { result, weights } = await run(
      {
        layers: [{ units: 1 }],
        loss: "mse",
        optimizer: sgd(),
        learningRate: 0.1,
        batchSize: 16,
        lossReadEvery: "epoch",
      },
      linearData(256, 0.01),
      { maxEpochs: 40, seed: 1 },
    );
    const [kernel, bias] = weights as [number[], number[]];
    expect(Math.abs((kernel[0] as number) - 2)).toBeLessThan(0.05);
    expect(Math.abs((kernel[1] as number) + 3)).toBeLessThan(0.05);
    expect(Math.abs((bias[0] as number) - 1)).toBeLessThan(0.05);
    expect(result.stopReason.kind).toBe("maxEpochs");
    // The last epoch's loss is the noise variance 0.01^2 (plus a little).
    expect(result.state.epochLoss).toBeLessThan(1e-3);
  }, 20_000);

  it("counts 4 iterations per epoch for 100 rows in batches of 32, 3 with dropLast, 2 with accumulation over 2 batches", async () => {
    const { x, y } = linearData(100, 0.1);
    const base = { layers: [{ units: 1 }], loss: "mse", optimizer: sgd(), learningRate: 0.01 } as const;
    const cases = [
      { options: { batchSize: 32 }, perEpoch: 4, samples: 200 },
      { options: { batchSize: 32, dropLast: true }, perEpoch: 3, samples: 192 },
      { options: { batchSize: 32, gradientAccumulation: 2 }, perEpoch: 2, samples: 200 },
    ];
    for (const { options, perEpoch, samples } of cases) {
      const solver = neuralNetwork({ ...base, ...options });
      expect(solver.epochLength?.({ x, y })).toBe(perEpoch);
      const { result } = await run({ ...base, ...options }, { x, y }, { maxEpochs: 2 });
      expect(result.iterations).toBe(2 * perEpoch);
      expect(result.epochs).toBe(2);
      expect(result.state.samplesSeen).toBe(samples);
    }
  });

  it("makes the same update from 2 accumulated batches of 8 as from one batch of 16", async () => {
    const options = { ...smallNet, optimizer: sgd(), learningRate: 0.5 };
    const split = await run({ ...options, batchSize: 8, gradientAccumulation: 2 }, classification, {
      maxIterations: 1,
      seed: 5,
    });
    const whole = await run({ ...options, batchSize: 16 }, classification, { maxIterations: 1, seed: 5 });
    const start = await run(options, classification, { maxIterations: 0, seed: 5 });
    expect(maxDifference(split.weights, whole.weights)).toBeLessThan(1e-5);
    expect(maxDifference(split.weights, start.weights)).toBeGreaterThan(1e-3); // the update did something
  });

  it("leaves the update unchanged with a huge clipValue and bounds it by lr * clipNorm with a tiny clipNorm", async () => {
    const options = { ...smallNet, optimizer: sgd(), learningRate: 0.5, batchSize: 16 };
    const start = await run(options, classification, { maxIterations: 0, seed: 2 });
    const plain = await run(options, classification, { maxIterations: 1, seed: 2 });
    const huge = await run({ ...options, clipValue: 1e9 }, classification, { maxIterations: 1, seed: 2 });
    const tiny = await run({ ...options, clipNorm: 1e-3 }, classification, { maxIterations: 1, seed: 2 });
    expect(huge.weights).toEqual(plain.weights);
    const stepNorm = Math.hypot(
      ...tiny.weights.flatMap((row, i) => row.map((value, j) => value - (start.weights[i]?.[j] as number))),
    );
    expect(stepNorm).toBeCloseTo(0.5 * 1e-3, 6); // the raw gradient is far larger than 1e-3, so the bound is met with equality
    expect(clipByValue).toBeTypeOf("function");
  });

  it.each<[string, LearningRateSchedule]>([
    ["constantRate", constantRate(0.05)],
    ["stepDecay", stepDecay({ initial: 0.1, factor: 0.5, every: 3 })],
    ["exponentialDecay", exponentialDecay({ initial: 0.1, decayRate: 0.5, decaySteps: 4 })],
    ["cosineDecay", cosineDecay({ initial: 0.1, decaySteps: 10 })],
    ["warmup", warmup({ steps: 4, then: 0.1 })],
  ])("records the rate %s gives each optimizer step", async (_name, schedule) => {
    const { result } = await run(
      { ...smallNet, optimizer: momentum(), learningRate: schedule, batchSize: 8 },
      classification,
      { maxIterations: 12 },
    );
    const entries = result.trace.entries;
    expect(entries).toHaveLength(13);
    expect((entries[0]?.record as { learningRate?: number } | undefined)?.learningRate).toBeUndefined();
    for (let k = 1; k <= 12; k++)
      expect((entries[k]?.record as { learningRate: number } | undefined)?.learningRate).toBe(schedule.rateAt(k - 1));
  });

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

  it("gives bit-identical weights and losses for the same seed, different ones for another seed", async () => {
    const options = {
      layers: [{ units: 8, activation: "relu" as const }, { dropout: 0.3 }, { units: 2 }],
      batchSize: 10,
    };
    const a = await run(options, classification, { maxEpochs: 3, seed: 11 });
    const b = await run(options, classification, { maxEpochs: 3, seed: 11 });
    const c = await run(options, classification, { maxEpochs: 3, seed: 12 });
    expect(b.weights).toEqual(a.weights);
    expect(b.result.state.epochLoss).toBe(a.result.state.epochLoss);
    expect(maxDifference(a.weights, c.weights)).toBeGreaterThan(1e-3);
  });

  it("trains identically from number[][], a flat Float32Array with its shape, and tensors", async () => {
    const rows = classification.x as number[][];
    const labels = classification.y as number[];
    const options = { ...smallNet, batchSize: 16 };
    const arrays = await run(options, classification, { maxEpochs: 2, seed: 8 });
    const flat = await run(
      options,
      { x: { values: Float32Array.from(rows.flat()), shape: [rows.length, 2] }, y: Int32Array.from(labels) },
      { maxEpochs: 2, seed: 8 },
    );
    const x = tf.tensor2d(rows);
    const y = tf.tensor1d(labels, "int32");
    const tensors = await run(options, { x, y }, { maxEpochs: 2, seed: 8 });
    x.dispose();
    y.dispose();
    expect(flat.weights).toEqual(arrays.weights);
    expect(tensors.weights).toEqual(arrays.weights);
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

  it("draws a different initial kernel for each of two same-shaped layers", async () => {
    const { weights } = await run(
      { layers: [{ units: 4 }, { units: 4 }, { units: 4 }], loss: "mse" },
      { x: [[1, 2, 3, 4]], y: [[0, 0, 0, 0]] },
      { maxIterations: 0 },
    );
    expect(weights[2]).not.toEqual(weights[4]);
  });

  it("takes the validation split from the last rows, before shuffling", async () => {
    const { x, y } = linearData(10, 0.1);
    const result = await solveAsync(
      neuralNetwork({
        layers: [{ units: 1 }],
        loss: "mse",
        optimizer: sgd(),
        validationSplit: 0.2,
        evaluateEvery: 1,
        batchSize: 4,
      }),
      { x, y },
      { maxIterations: 1 },
    );
    expect(result.state.session.trainSamples).toBe(8);
    expect(result.state.session.validationSamples).toBe(2);
    const model = result.state.session.model;
    const last = await evaluateNetwork(model, { x: x.slice(8), y: y.slice(8).map((v) => [v]) }, { loss: "mse" });
    const first = await evaluateNetwork(model, { x: x.slice(0, 2), y: y.slice(0, 2).map((v) => [v]) }, { loss: "mse" });
    expect(result.state.validationLoss).toBeCloseTo(last.loss, 6);
    expect(Math.abs((result.state.validationLoss as number) - first.loss)).toBeGreaterThan(1e-3);
    disposeTraining(result.state);
  });

  it("reads the loss back only every lossReadEvery iterations and leaves it undefined in between", async () => {
    const { result } = await run({ ...smallNet, batchSize: 8, lossReadEvery: 3 }, classification, { maxIterations: 9 });
    const read = result.trace.entries
      .filter((entry) => (entry.record as TrainingRecord).loss !== undefined)
      .map((entry) => entry.iteration);
    expect(read).toEqual([3, 6, 9]);
  });
});

describe("models given by the user", () => {
  it("computes cross-entropy from the logits of a softmax model: the same value as -mean(log p) from predict", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          units: 5,
          inputShape: [2],
          activation: "tanh",
          kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
        }),
        tf.layers.dense({
          units: 2,
          activation: "softmax",
          kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
        }),
      ],
    });
    const labels = classification.y as number[];
    const probabilities = (
      model.predict(tf.tensor2d(classification.x as number[][])) as tf.Tensor
    ).arraySync() as number[][];
    const expected =
      -labels.reduce((sum, label, i) => sum + Math.log(probabilities[i]?.[label] as number), 0) / labels.length;
    const evaluation = await evaluateNetwork(model, classification);
    expect(evaluation.loss).toBeCloseTo(expected, 5);
    model.dispose();
  });

  it("trains a functional model in place and returns the same object", async () => {
    const input = tf.input({ shape: [2] });
    const hidden = tf.layers
      .dense({ units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) })
      .apply(input) as tf.SymbolicTensor;
    const output = tf.layers
      .dense({ units: 2, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) })
      .apply(hidden) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    const result = await trainNetwork(classification, {
      model,
      learningRate: 0.02,
      batchSize: 16,
      maxEpochs: 60,
      seed: 2,
      backend: "cpu",
    });
    expect(result.model).toBe(model);
    expect(result.history.epochs.at(-1)?.trainAccuracy).toBeGreaterThan(0.9);
    model.dispose();
  }, 20_000);
});

describe("trainNetwork", () => {
  it("separates two moons (400 points, noise 0.1) with over 95% validation accuracy", async () => {
    const { x, y } = twoMoons({ samples: 400, noise: 0.1, seed: 9 });
    const result = await trainNetwork(
      { x, y },
      {
        layers: [{ units: 16, activation: "relu" }, { units: 16, activation: "relu" }, { units: 2 }],
        learningRate: 0.01,
        validationSplit: 0.25,
        maxEpochs: 40,
        seed: 1,
        backend: "cpu",
      },
    );
    expect(result.backend.choice).toBe("cpu");
    expect(result.iterationsPerEpoch).toBe(10); // 300 training rows in batches of 32
    expect(result.history.epochs).toHaveLength(40);
    expect(result.history.epochs.at(-1)?.validationAccuracy).toBeGreaterThan(0.95);
    result.model.dispose();
  }, 20_000);

  it("learns XOR to 100% accuracy", async () => {
    const result = await trainNetwork(
      {
        x: [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ],
        y: [0, 1, 1, 0],
      },
      {
        layers: [
          { units: 8, activation: "tanh" },
          { units: 2, activation: "softmax" },
        ],
        batchSize: 4,
        learningRate: 0.05,
        maxEpochs: 300,
        seed: 1,
        backend: "cpu",
      },
    );
    const evaluation = await evaluateNetwork(result.model, {
      x: [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      y: [0, 1, 1, 0],
    });
    expect(evaluation.accuracy).toBe(1);
    expect(evaluation.loss).toBeLessThan(0.1);
    result.model.dispose();
  }, 20_000);

  it("leaks no tensor: the count is flat across epochs and back to its start once the model is disposed", async () => {
    const before = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const result = await trainNetwork(classification, {
      layers: [{ units: 8, activation: "relu" }, { dropout: 0.2 }, { units: 2, activation: "softmax" }],
      batchSize: 8,
      gradientAccumulation: 2,
      clipNorm: 1,
      clipValue: 0.5,
      validationSplit: 0.25,
      evaluateEvery: 3,
      lossReadEvery: 2,
      earlyStopping: { patience: 50 },
      maxEpochs: 4,
      seed: 3,
      backend: "cpu",
      hooks: { onEpochEnd: () => void perEpoch.push(tf.memory().numTensors) },
    });
    expect(result.epochs).toBe(4);
    expect(new Set(perEpoch).size).toBe(1);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
