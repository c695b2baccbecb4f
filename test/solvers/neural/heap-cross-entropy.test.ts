import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../../src/index.js";
import { loadBackend } from "../../../solvers/neural/backend.js";
import { heapCrossEntropy } from "../../../solvers/neural/heap-cross-entropy.js";

// The fused cross-entropy pass on the wasm heap against the same quantities from tfjs's kernels.
beforeAll(async () => {
  await loadBackend({ prefer: "wasm" });
});

afterAll(async () => {
  await tf.setBackend("cpu");
});

describe("heapCrossEntropy on the wasm backend", () => {
  it("gives tfjs's loss sum, gradient and correct count (within float32 rounding), and leaves no tensor", () => {
    const random = new Random(4);
    const rows = 97;
    const classes = 10;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.tensor2d(
        Float32Array.from({ length: rows * classes }, () => 8 * random.float() - 4),
        [rows, classes],
      );
      const labels = Int32Array.from({ length: rows }, () => random.int(classes));
      const target = tf.cast(tf.oneHot(tf.tensor1d(labels, "int32"), classes), "float32") as tf.Tensor2D;
      const scale = 1 / 128;
      const fused = heapCrossEntropy(logits, target, scale);
      expect(fused).toBeDefined();
      const shifted = tf.sub(logits, tf.max(logits, 1, true));
      const total = tf.sum(tf.exp(shifted), 1, true);
      const lossSum = tf.sum(tf.sub(tf.log(total), tf.sum(tf.mul(target, shifted), 1, true))).dataSync()[0] as number;
      const d = tf.mul(tf.sub(tf.div(tf.exp(shifted), total), target), scale).dataSync();
      const correct = tf
        .sum(tf.cast(tf.equal(tf.argMax(logits, -1), tf.tensor1d(labels, "int32")), "float32"))
        .dataSync()[0];
      expect(fused?.lossSum.dataSync()[0]).toBeCloseTo(lossSum, 3);
      expect(Math.abs((fused?.lossSum.dataSync()[0] as number) - lossSum) / lossSum).toBeLessThan(1e-5);
      const fusedD = fused?.d.dataSync() as Float32Array;
      for (let p = 0; p < d.length; p++) expect(Math.abs((fusedD[p] as number) - (d[p] as number))).toBeLessThan(1e-7);
      expect(fused?.correct.dataSync()[0]).toBe(correct);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a NaN or infinite logit makes the loss NaN (so training stops as diverged)", () => {
    tf.tidy(() => {
      const target = tf.tensor2d([1, 0, 0, 0, 1, 0], [2, 3]);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const fused = heapCrossEntropy(tf.tensor2d([0.5, bad, 1, 0, 1, 2], [2, 3]), target, 1);
        expect(fused?.lossSum.dataSync()[0]).toBeNaN();
      }
    });
  });

  it("is not used on another backend", async () => {
    await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
    tf.tidy(() => {
      expect(heapCrossEntropy(tf.tensor2d([1, 2], [1, 2]), tf.tensor2d([1, 0], [1, 2]), 1)).toBeUndefined();
    });
    await tf.setBackend("wasm");
  });
});
