import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelPool, prepareProblem, Random } from "../../../src/index.js";
import { loadBackend } from "../../../solvers/neural/backend.js";
import { bindProducts, threadedMatMul } from "../../../solvers/neural/threaded-matmul.js";
import { neuralNetwork, trainNetwork } from "../../../solvers/neural/index.js";

// The threaded float32 product (wasm/gemm.wat) against tfjs's own kernels on the wasm backend: equal within
// float32 rounding of sums in another order, and bit-identical between thread counts.
beforeAll(async () => {
  await loadBackend({ prefer: "wasm" });
});

afterAll(async () => {
  await tf.setBackend("cpu");
});

function matrix(rows: number, columns: number, random: Random): tf.Tensor2D {
  return tf.tensor2d(
    Float32Array.from({ length: rows * columns }, () => 2 * random.float() - 1),
    [rows, columns],
  );
}

/** Largest |x - y| / (1 + |y|) over the entries. */
function difference(x: Float32Array, y: Float32Array): number {
  let worst = 0;
  for (let p = 0; p < x.length; p++)
    worst = Math.max(worst, Math.abs((x[p] as number) - (y[p] as number)) / (1 + Math.abs(y[p] as number)));
  return worst;
}

describe("threadedMatMul on the wasm backend", () => {
  // Kernels bound as a prepared training problem binds them (its memory grows to the largest operands).
  const kernels = { two: bindProducts(2), three: bindProducts(3) };
  afterAll(() => {
    kernels.two?.dispose();
    kernels.three?.dispose();
  });
  // Shapes with row remainders (m not a multiple of 4 or of the 16-row chunks) and 4-column remainders.
  const shapes: [number, number, number][] = [
    [128, 784, 128],
    [131, 300, 68],
    [57, 1100, 36],
    [784, 128, 128],
  ];
  it.each(shapes)(
    "m = %i, k = %i, n = %i: a b, a^T b and a b + bias then relu, within float32 rounding (1e-4) of tf.matMul, the same bits on 2 and 3 threads",
    (m, k, n) => {
      const random = new Random(m + k + n);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const a = matrix(m, k, random);
        const aT = matrix(k, m, random);
        const b = matrix(k, n, random);
        const bias = tf.tensor1d(Float32Array.from({ length: n }, () => random.float() - 0.5));
        const plain = threadedMatMul(a, b, { kernel: kernels.two });
        const transposed = threadedMatMul(aT, b, { kernel: kernels.two, transposeA: true });
        const fused = threadedMatMul(a, b, { kernel: kernels.two, bias, relu: true });
        expect(plain && transposed && fused).toBeDefined();
        expect(plain?.shape).toEqual([m, n]);
        expect(difference(plain?.dataSync() as Float32Array, tf.matMul(a, b).dataSync() as Float32Array)).toBeLessThan(
          1e-4,
        );
        expect(
          difference(transposed?.dataSync() as Float32Array, tf.matMul(aT, b, true).dataSync() as Float32Array),
        ).toBeLessThan(1e-4);
        const reference = tf.relu(tf.add(tf.matMul(a, b), bias)).dataSync() as Float32Array;
        expect(difference(fused?.dataSync() as Float32Array, reference)).toBeLessThan(1e-4);
        const three = threadedMatMul(aT, b, { kernel: kernels.three, transposeA: true });
        expect(
          Buffer.from((three?.dataSync() as Float32Array | undefined)?.buffer ?? new ArrayBuffer(1)).equals(
            Buffer.from((transposed?.dataSync() as Float32Array | undefined)?.buffer ?? new ArrayBuffer(0)),
          ),
        ).toBe(true);
      });
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it("declines (undefined) what it does not do: one thread, small products, columns not a multiple of 4, another backend", async () => {
    const random = new Random(1);
    tf.tidy(() => {
      const a = matrix(128, 784, random);
      expect(threadedMatMul(a, matrix(784, 128, random), { kernel: bindProducts(1) })).toBeUndefined();
      expect(threadedMatMul(matrix(8, 8, random), matrix(8, 8, random), { kernel: kernels.two })).toBeUndefined();
      expect(threadedMatMul(a, matrix(784, 130, random), { kernel: kernels.two })).toBeUndefined();
    });
    await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
    tf.tidy(() => {
      expect(
        threadedMatMul(matrix(128, 784, random), matrix(784, 128, random), { kernel: kernels.two }),
      ).toBeUndefined();
    });
    await tf.setBackend("wasm");
  });

  it("trainNetwork on wasm: 2 and 3 threads give the same weights, within float32 rounding of 1 thread; no tensor is left; threads < 1 is an error", async () => {
    const random = new Random(9);
    const rows = 256;
    const features = 600; // 256 x 600 x 32: the first layer's products are threaded
    const x = {
      values: Float32Array.from({ length: rows * features }, () => random.float()),
      shape: [rows, features] as [number, number],
    };
    const y = Int32Array.from({ length: rows }, (_, i) => i % 4);
    const before = tf.memory().numTensors;
    const weights = async (threads: number): Promise<Float32Array[]> => {
      const solver = neuralNetwork({ layers: [{ units: 32, activation: "relu" }, { units: 4 }], batchSize: 128 });
      const result = await trainNetwork(solver, { x, y }, { maxEpochs: 3, seed: 3, backend: "wasm", threads });
      const values = result.model.getWeights().map((w) => Float32Array.from(w.dataSync()));
      result.model.dispose();
      return values;
    };
    const [one, two, three] = [await weights(1), await weights(2), await weights(3)];
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < (two?.length ?? 0); i++) {
      expect(Buffer.from((three[i] as Float32Array).buffer).equals(Buffer.from((two[i] as Float32Array).buffer))).toBe(
        true,
      );
      expect(difference(two[i] as Float32Array, one[i] as Float32Array)).toBeLessThan(1e-4);
    }
    // The threaded kernel did run: its sums, in another order than XNNPACK's, differ in the last bits.
    expect(two.some((w, i) => !Buffer.from(w.buffer).equals(Buffer.from((one[i] as Float32Array).buffer)))).toBe(true);
    await expect(trainNetwork(neuralNetwork({ layers: [{ units: 4 }] }), { x, y }, { threads: 0 })).rejects.toThrow(
      /threads/,
    );
  });
});

describe("the products kernel of a prepared training problem", () => {
  const problem = {
    x: [
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
    y: [1, 1, 0, 0],
  };
  const solver = neuralNetwork({ layers: [{ units: 4, activation: "tanh" }, { units: 2 }], batchSize: 2 });

  it("is bound on the wasm backend only, on the run option threads, from the run option kernelPool when given", async () => {
    await tf.setBackend("wasm");
    using pool = kernelPool();
    const pooled = prepareProblem(solver, problem, { threads: 2, kernelPool: pool });
    const binding = pooled.prepared.products;
    expect(binding?.threads).toBe(2);
    const memory = binding?.buffer;
    pooled.dispose(); // gives the kernel back to the pool
    using again = prepareProblem(solver, problem, { threads: 2, kernelPool: pool });
    expect(again.prepared.products?.buffer).toBe(memory); // the pool's idle kernel, its memory kept
    using single = prepareProblem(solver, problem, { threads: 1 });
    expect(single.prepared.products).toBeUndefined();
    await loadBackend({ prefer: "cpu" });
    using onCpu = prepareProblem(solver, problem, { threads: 2 });
    expect(onCpu.prepared.products).toBeUndefined(); // threadedMatMul declines the cpu backend's tensors
    await tf.setBackend("wasm");
  });
});
