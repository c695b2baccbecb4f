import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAsync } from "../../../src/index.js";
import {
  clipByValue,
  constantRate,
  cosineDecay,
  disposeTraining,
  evaluateNetwork,
  exponentialDecay,
  momentum,
  neuralNetwork,
  sgd,
  stepDecay,
  warmup,
} from "../../../solvers/neural/index.js";
import type { LearningRateSchedule, TrainingRecord } from "../../../solvers/neural/index.js";
import { classification, linearData, maxDifference, runNetwork as run, smallNet } from "./fixtures.js";
import { loadBackend } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

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
