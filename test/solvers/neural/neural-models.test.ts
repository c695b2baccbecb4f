// Models given by the user, and trainNetwork end to end.
import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateNetwork, neuralNetwork, trainNetwork, twoMoons } from "../../../solvers/neural/index.js";
import { classification, xorProblem } from "./fixtures.js";
import { loadBackend } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
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
    const solver = neuralNetwork({ model, learningRate: 0.02, batchSize: 16 });
    const result = await trainNetwork(solver, classification, { maxEpochs: 60, seed: 2, backend: "cpu" });
    expect(result.model).toBe(model);
    expect(result.history.epochs.at(-1)?.trainAccuracy).toBeGreaterThan(0.9);
    model.dispose();
  }, 20_000);
});

describe("trainNetwork", () => {
  it("separates two moons (400 points, noise 0.1) with over 95% validation accuracy", async () => {
    const { x, y } = twoMoons({ samples: 400, noise: 0.1, seed: 9 });
    const solver = neuralNetwork({
      layers: [{ units: 16, activation: "relu" }, { units: 16, activation: "relu" }, { units: 2 }],
      learningRate: 0.01,
      validationSplit: 0.25,
    });
    const result = await trainNetwork(solver, { x, y }, { maxEpochs: 40, seed: 1, backend: "cpu" });
    expect(result.backend.choice).toBe("cpu");
    expect(result.iterationsPerEpoch).toBe(10); // 300 training rows in batches of 32
    expect(result.history.epochs).toHaveLength(40);
    expect(result.history.epochs.at(-1)?.validationAccuracy).toBeGreaterThan(0.95);
    result.model.dispose();
  }, 20_000);

  it("learns XOR to 100% accuracy", async () => {
    const solver = neuralNetwork({
      layers: [
        { units: 8, activation: "tanh" },
        { units: 2, activation: "softmax" },
      ],
      batchSize: 4,
      learningRate: 0.05,
    });
    const result = await trainNetwork(solver, xorProblem(), { maxEpochs: 300, seed: 1, backend: "cpu" });
    const evaluation = await evaluateNetwork(result.model, xorProblem());
    expect(evaluation.accuracy).toBe(1);
    expect(evaluation.loss).toBeLessThan(0.1);
    result.model.dispose();
  }, 20_000);

  it("leaks no tensor: the count is flat across epochs and back to its start once the model is disposed", async () => {
    const before = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const solver = neuralNetwork({
      layers: [{ units: 8, activation: "relu" }, { dropout: 0.2 }, { units: 2, activation: "softmax" }],
      batchSize: 8,
      gradientAccumulation: 2,
      clipNorm: 1,
      clipValue: 0.5,
      validationSplit: 0.25,
      evaluateEvery: 3,
      lossReadEvery: 2,
      earlyStopping: { patience: 50 },
    });
    const result = await trainNetwork(solver, classification, {
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
