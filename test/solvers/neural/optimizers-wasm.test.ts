import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../../src/index.js";
import { loadBackend } from "../../../solvers/neural/backend.js";
import { adam, adamW } from "../../../solvers/neural/index.js";
import type { OptimizerFactory } from "../../../solvers/neural/index.js";

// Adam and AdamW run as one wasm kernel per variable on tfjs's wasm heap (wasm/adam.wat). Reference: the
// same update by the element-wise kernels of the cpu backend, whose float32 operations (products, sums,
// quotients and square roots of float32 numbers, each rounded once) give the same bits.
beforeAll(async () => {
  await loadBackend({ prefer: "wasm" });
});

afterAll(async () => {
  await tf.setBackend("cpu");
});

// Sizes with a remainder after the four-lane SIMD loop (1, 2, 3 elements) and a layer-sized matrix.
const shapes = [[37, 29], [5], [3, 2], [1], [2]];

/** Five updates with varying gradients and rates on `backend`; the variables, slots and step count after. */
async function train(
  backend: string,
  factory: OptimizerFactory,
): Promise<{ values: Float32Array[]; steps: number; tensors: number }> {
  // The library's cpu start (no tfjs-node banner); wasm was loaded in beforeAll.
  await (backend === "cpu" ? loadBackend({ prefer: "cpu" }) : tf.setBackend(backend));
  const before = tf.memory().numTensors;
  const random = new Random(5);
  const sizes = shapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const variables = shapes.map((shape, i) =>
    tf.tidy(() =>
      tf.variable(
        tf.tensor(
          Array.from({ length: sizes[i] as number }, () => 2 * random.float() - 1),
          shape,
        ),
      ),
    ),
  );
  const optimizer = factory.create(variables);
  for (let step = 0; step < 5; step++) {
    const gradients = shapes.map((shape, i) =>
      tf.tensor(
        Array.from({ length: sizes[i] as number }, () => (step + 1) * (2 * random.float() - 1)),
        shape,
      ),
    );
    optimizer.applyGradients(variables, gradients, 0.01 * (step + 1));
    tf.dispose(gradients);
  }
  const slots = optimizer.getSlots();
  const values = [...variables, ...slots].map((tensor) => Float32Array.from(tensor.dataSync()));
  const steps = optimizer.steps;
  tf.dispose(slots);
  optimizer.dispose();
  tf.dispose(variables);
  return { values, steps, tensors: tf.memory().numTensors - before };
}

describe("Adam's wasm kernel", () => {
  for (const [name, factory] of [
    ["adam", adam()],
    ["adamW", adamW({ weightDecay: 0.1 })],
  ] as const) {
    it(`gives ${name}'s variables and moments bit for bit as the element-wise kernels, and leaks nothing`, async () => {
      const cpu = await train("cpu", factory);
      const wasm = await train("wasm", factory);
      expect(wasm.steps).toBe(5);
      expect(wasm.values.length).toBe(cpu.values.length);
      wasm.values.forEach((values, i) => expect(Array.from(values)).toEqual(Array.from(cpu.values[i] as Float32Array)));
      expect(wasm.tensors).toBe(0);
      expect(cpu.tensors).toBe(0);
    });
  }

  it("keeps slots set with setSlots apart from the caller's tensors", async () => {
    await tf.setBackend("wasm");
    const p = tf.variable(tf.tensor1d([1, 2, 3, 4, 5]));
    const optimizer = adam().create([p]);
    const given = [tf.tensor1d([0.1, 0.1, 0.1, 0.1, 0.1]), tf.tensor1d([1, 1, 1, 1, 1])];
    optimizer.setSlots(given, 3);
    optimizer.applyGradients([p], [tf.tensor1d([1, -1, 1, -1, 0])], 0.1);
    expect(Array.from(given[0]?.dataSync() ?? [])).toEqual(Array.from(new Float32Array([0.1, 0.1, 0.1, 0.1, 0.1])));
    expect(Array.from(given[1]?.dataSync() ?? [])).toEqual([1, 1, 1, 1, 1]);
    optimizer.dispose();
    tf.dispose([p, ...given]);
  });
});
