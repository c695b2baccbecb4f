import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../../src/index.js";
import { buildNetwork } from "../../../solvers/neural/build-network.js";
import { denseGradients, denseStack } from "../../../solvers/neural/dense-gradients.js";
import { forward, forwardPlan, meanLoss } from "../../../solvers/neural/forward.js";
import { loadBackend } from "../../../solvers/neural/index.js";
import type { Activation, LayerSpec, TrainingLoss } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the backend tfjs would pick by itself, started without its tfjs-node banner
});

afterAll(async () => {
  await tf.setBackend("cpu");
});

/** Hand-written gradients and loss sum next to tfjs's automatic differentiation of the same mean loss. */
function compare(layers: LayerSpec[], loss: TrainingLoss, rows: number): { gradient: number; loss: number } {
  const random = new Random(11);
  const model = buildNetwork(layers, 3, random);
  const outputs = (layers[layers.length - 1] as { units: number }).units;
  const plan = forwardPlan(model, loss);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const stack = denseStack(plan, variables);
  expect(stack).toBeDefined();
  const xs = Array.from({ length: rows * 3 }, () => 2 * random.float() - 1);
  const labels = Array.from({ length: rows }, () => random.int(outputs));
  const targets = Array.from({ length: rows * outputs }, () => random.float());
  const errors = tf.tidy(() => {
    const x = tf.tensor2d(xs, [rows, 3]);
    const y = loss === "crossEntropy" ? tf.tensor1d(labels, "int32") : tf.tensor2d(targets, [rows, outputs]);
    const target =
      loss === "crossEntropy"
        ? (tf.cast(tf.oneHot(y as tf.Tensor1D, outputs), "float32") as tf.Tensor2D)
        : (y as tf.Tensor2D);
    const { value, grads } = tf.variableGrads(() => meanLoss(plan, forward(plan, x, true), y), variables);
    const mine = denseGradients(stack as NonNullable<typeof stack>, loss, x, target, 1 / rows);
    let gradient = 0;
    variables.forEach((variable, i) => {
      const difference = tf
        .max(tf.abs(tf.sub(grads[variable.name] as tf.Tensor, mine.gradients[i] as tf.Tensor)))
        .dataSync()[0] as number;
      gradient = Math.max(gradient, difference);
    });
    return {
      gradient,
      loss: Math.abs((mine.lossSum.dataSync()[0] as number) / rows - (value.dataSync()[0] as number)),
    };
  });
  model.dispose();
  return errors;
}

describe("denseGradients", () => {
  const hidden: Activation[] = ["relu", "tanh", "sigmoid", "elu", "linear"];
  for (const activation of hidden) {
    it(`equals automatic differentiation for a ${activation} hidden layer with cross-entropy (softmax output) and mse`, () => {
      // Same products summed in another order: agreement to float32 rounding.
      const entropy = compare(
        [
          { units: 5, activation },
          { units: 4, activation: "tanh" },
          { units: 3, activation: "softmax" },
        ],
        "crossEntropy",
        7,
      );
      expect(entropy.gradient).toBeLessThan(1e-6);
      expect(entropy.loss).toBeLessThan(1e-6);
      const squared = compare([{ units: 5, activation }, { units: 2 }], "mse", 6);
      expect(squared.gradient).toBeLessThan(1e-6);
      expect(squared.loss).toBeLessThan(1e-6);
    });
  }

  it("equals automatic differentiation for logits read from a linear output layer", () => {
    const errors = compare([{ units: 4, activation: "relu" }, { units: 3 }], "crossEntropy", 9);
    expect(errors.gradient).toBeLessThan(1e-6);
    expect(errors.loss).toBeLessThan(1e-6);
  });

  it("equals automatic differentiation on the wasm backend (XNNPACK matMuls, fused bias and relu)", async () => {
    await loadBackend({ prefer: "wasm" });
    const errors = compare(
      [
        { units: 16, activation: "relu" },
        { units: 10, activation: "softmax" },
      ],
      "crossEntropy",
      32,
    );
    expect(errors.gradient).toBeLessThan(1e-5);
    expect(errors.loss).toBeLessThan(1e-5);
    await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
  });

  it("declines models it cannot differentiate by hand: dropout, a frozen layer, a functional model", () => {
    const random = new Random(1);
    const withDropout = buildNetwork([{ units: 4, activation: "relu" }, { dropout: 0.5 }, { units: 2 }], 3, random);
    const frozen = buildNetwork([{ units: 4, activation: "relu" }, { units: 2 }], 3, random);
    (frozen.layers[0] as tf.layers.Layer).trainable = false;
    const input = tf.input({ shape: [3] });
    const functional = tf.model({
      inputs: input,
      outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor,
    });
    for (const model of [withDropout, frozen, functional]) {
      const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
      expect(denseStack(forwardPlan(model, "crossEntropy"), variables)).toBeUndefined();
      model.dispose();
    }
  });
});
