import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { clipByGlobalNorm, clipByValue, globalNorm } from "../../../solvers/neural/clipping.js";
import { loadBackend } from "../../../solvers/neural/index.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

/** Two gradients whose global norm is sqrt(9 + 16 + 144) = 13 by hand. */
function gradients(): tf.Tensor[] {
  return [tf.tensor1d([3, 4]), tf.tensor2d([[12]])];
}

describe("globalNorm", () => {
  it("is the L2 norm of all elements together", () => {
    const grads = gradients();
    const norm = globalNorm(grads);
    expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
    tf.dispose([...grads, norm]);
  });

  it("is 0 for an empty list", () => {
    const norm = globalNorm([]);
    expect(norm.dataSync()[0]).toBe(0);
    norm.dispose();
  });
});

describe("clipByGlobalNorm", () => {
  it("scales to a global norm of maxNorm when above, keeping the direction", () => {
    const grads = gradients();
    const { clipped, globalNorm: norm } = clipByGlobalNorm(grads, 6.5);
    expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
    const after = globalNorm(clipped);
    expect(Math.abs((after.dataSync()[0] as number) - 6.5)).toBeLessThan(1e-6);
    // Each element halves: same direction.
    expect(Array.from(clipped[0]?.dataSync() ?? [])).toEqual([1.5, 2]);
    expect(Array.from(clipped[1]?.dataSync() ?? [])).toEqual([6]);
    expect(clipped[1]?.shape).toEqual([1, 1]);
    tf.dispose([...grads, ...clipped, norm, after]);
  });

  it("leaves gradients unchanged when the norm is below maxNorm", () => {
    const grads = gradients();
    const { clipped, globalNorm: norm } = clipByGlobalNorm(grads, 100);
    grads.forEach((gradient, index) => {
      const original = gradient.dataSync();
      const result = clipped[index]?.dataSync() ?? new Float32Array();
      result.forEach((value, k) => expect(Math.abs(value - (original[k] as number))).toBeLessThan(1e-6));
    });
    tf.dispose([...grads, ...clipped, norm]);
  });

  it("keeps zero gradients at zero", () => {
    const grads = [tf.zeros([3])];
    const { clipped, globalNorm: norm } = clipByGlobalNorm(grads, 1);
    expect(Array.from(clipped[0]?.dataSync() ?? [])).toEqual([0, 0, 0]);
    tf.dispose([...grads, ...clipped, norm]);
  });

  it("leaks no tensors: only the returned ones are new", () => {
    const grads = gradients();
    const before = tf.memory().numTensors;
    const { clipped, globalNorm: norm } = clipByGlobalNorm(grads, 1);
    expect(tf.memory().numTensors).toBe(before + clipped.length + 1);
    tf.dispose([...clipped, norm]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(grads);
  });

  it("rejects maxNorm = 0", () => {
    expect(() => clipByGlobalNorm([], 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxNorm must be a finite number > 0, got 0]`,
    );
  });
});

describe("clipByValue", () => {
  it("caps each element to [-limit, limit]", () => {
    const grads = [tf.tensor1d([-3, 0.5, 2]), tf.tensor1d([0.25])];
    const before = tf.memory().numTensors;
    const clipped = clipByValue(grads, 1);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(Array.from(clipped[0]?.dataSync() ?? [])).toEqual([-1, 0.5, 1]);
    expect(Array.from(clipped[1]?.dataSync() ?? [])).toEqual([0.25]);
    tf.dispose([...grads, ...clipped]);
  });

  it("rejects a negative limit", () => {
    expect(() => clipByValue([], -1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: limit must be a finite number > 0, got -1]`,
    );
  });
});
