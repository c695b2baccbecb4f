import { describe, expect, it } from "vitest";
import * as tf from "../../../solvers/neural/tfjs.js";
import { disposeTraining } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";
import { compareSetup, neuralRun } from "../../../src/apps/lab/problems/neural.js";
import {
  boundaryFromWeights,
  gridPoints,
  networkLayout,
  readWeights,
} from "../../../src/apps/lab/web/parts/network-boundary.js";

const box = [-1.6, 1.6, -1.6, 1.6] as const;

/** Class-1 outputs of `model.predict` on the grid: the reference the host evaluation must match. */
function predicted(model: tf.LayersModel, points: Float32Array): Float32Array {
  return tf.tidy(() => {
    const output = model.predict(tf.tensor2d(points, [points.length / 2, 2])) as tf.Tensor;
    return tf.slice(output, [0, 1], [points.length / 2, 1]).dataSync() as Float32Array;
  });
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe("the neural page's boundary evaluated on the host from the weights", () => {
  it("equals model.predict on a trained 2-16-16-2 tanh network, and reads no new tensors", async () => {
    // The neural page's default 2-16-16-2 network, as the compare page trains it with Adam.
    const run = neuralRun(compareSetup("moons", "adam"));
    const result = await run.solve(20);
    const model = (result.state as TrainingState).session.model;
    const layout = networkLayout(model);
    expect(layout?.layers.map((layer) => [layer.inputs, layer.units, layer.activation])).toEqual([
      [2, 16, "tanh"],
      [16, 16, "tanh"],
      [16, 2, "softmax"],
    ]);
    expect(layout?.size).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
    const points = gridPoints(box, 40);
    const tensors = tf.memory().numTensors;
    const weights = readWeights(model, layout as NonNullable<typeof layout>);
    expect(tf.memory().numTensors).toBe(tensors);
    const host = boundaryFromWeights(layout as NonNullable<typeof layout>, weights, points);
    const reference = predicted(model, points);
    expect(maxDifference(host, reference)).toBeLessThan(1e-5);
    // The trained boundary separates something: both classes appear on the grid.
    expect(Math.min(...host)).toBeLessThan(0.1);
    expect(Math.max(...host)).toBeGreaterThan(0.9);
    disposeTraining(result.state as TrainingState);
  });

  it("covers every activation the solver builds, skips dropout, and declines other models", () => {
    const model = tf.sequential();
    const activations = ["relu", "sigmoid", "elu", "linear"] as const;
    activations.forEach((activation, i) => {
      model.add(tf.layers.dense({ units: 5, activation, ...(i === 0 ? { inputShape: [2] } : {}) }));
      if (i === 1) model.add(tf.layers.dropout({ rate: 0.3 }));
    });
    model.add(tf.layers.dense({ units: 3, activation: "softmax" }));
    const layout = networkLayout(model);
    expect(layout?.layers.length).toBe(5);
    const points = gridPoints(box, 12);
    const host = boundaryFromWeights(layout as NonNullable<typeof layout>, readWeights(model, layout as never), points);
    expect(maxDifference(host, predicted(model, points))).toBeLessThan(1e-5);
    model.dispose();
    const normalised = tf.sequential();
    normalised.add(tf.layers.dense({ units: 4, inputShape: [2] }));
    normalised.add(tf.layers.batchNormalization());
    normalised.add(tf.layers.dense({ units: 2, activation: "softmax" }));
    expect(networkLayout(normalised)).toBeUndefined();
    normalised.dispose();
  });

  it("puts the grid's cell centres row by row from the top", () => {
    const points = gridPoints([0, 4, 0, 2], 2);
    expect([...points]).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
  });
});
