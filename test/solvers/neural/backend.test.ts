import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, describe, expect, it, vi } from "vitest";
import { IterlabError } from "../../../src/index.js";
import { BackendUnavailableError, backendOrder, loadBackend } from "../../../solvers/neural/backend.js";
import { useFastMatMulGradient } from "../../../solvers/neural/wasm-matmul-gradient.js";

// tfjs's own matMul gradient, captured before loadBackend("wasm") replaces it.
const tfjsGradient = tf.getGradient(tf.BatchMatMul);

// These tests switch tfjs's process-wide backend; vitest runs each test file in its own worker.
afterAll(async () => {
  await tf.setBackend("cpu");
});

describe("backendOrder", () => {
  it("tries the GPUs first and pure JavaScript last", () => {
    expect(backendOrder).toEqual(["tensorflow-gpu", "webgpu", "tensorflow", "wasm", "cpu"]);
  });
});

describe("loadBackend", () => {
  it("loads the pure JavaScript backend when forced, without tfjs's banner advising tfjs-node", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const info = await loadBackend({ prefer: "cpu" });
      expect(info).toEqual({ choice: "cpu", tfBackend: "cpu", device: "CPU (pure JavaScript)", skipped: [] });
      expect(tf.getBackend()).toBe("cpu");
      tf.tensor1d([1, 2]).dispose(); // the backend's first write is where tfjs prints its banner
      expect(warn.mock.calls.flat().join(" ")).not.toContain("Hi, looks like you are running TensorFlow.js in Node.js");
    } finally {
      warn.mockRestore();
    }
  });

  it("loads wasm with SIMD and one thread when forced, and computes with it", async () => {
    const listeners = () => [
      process.listeners("uncaughtException").length,
      process.listeners("unhandledRejection").length,
    ];
    const before = listeners();
    const info = await loadBackend({ prefer: "wasm" });
    // Emscripten's rethrowing process handlers are removed: uncaught errors are reported by Node as usual.
    expect(listeners()).toEqual(before);
    expect(info.choice).toBe("wasm");
    expect(info.tfBackend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    // Node 20 validates WebAssembly SIMD; tfjs disables wasm threads in Node.
    expect(info.device).toBe("CPU (WebAssembly, SIMD, 1 thread)");
    const sum = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(sum).toBe(11);
  });

  it("chooses the first available backend with auto and says why the others were skipped", async () => {
    const info = await loadBackend();
    // Optional packages: whichever of them is installed here comes first; wasm is always installed.
    const index = backendOrder.indexOf(info.choice);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(info.skipped.map((entry) => entry.choice)).toEqual(backendOrder.slice(0, index));
    for (const entry of info.skipped) expect(entry.reason.length).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe(info.tfBackend);
  });

  it("switches back and forth on repeated calls", async () => {
    expect((await loadBackend({ prefer: "cpu" })).tfBackend).toBe("cpu");
    expect((await loadBackend({ prefer: "wasm" })).tfBackend).toBe("wasm");
    expect((await loadBackend({ prefer: "cpu" })).tfBackend).toBe("cpu");
  });

  it("throws a typed error naming the backend, the reason and the install command for a missing one", async () => {
    let caught: unknown;
    try {
      await loadBackend({ prefer: "tensorflow-gpu" });
    } catch (error) {
      caught = error;
    }
    if (caught === undefined) return; // tfjs-node-gpu on a CUDA GPU is installed here: nothing to check.
    expect(caught).toBeInstanceOf(BackendUnavailableError);
    expect(caught).toBeInstanceOf(IterlabError);
    const error = caught as BackendUnavailableError;
    expect(error.backend).toBe("tensorflow-gpu");
    expect(String(error.code)).toBe("backendUnavailable");
    expect(error.message).toContain('backend "tensorflow-gpu" is unavailable');
    expect(error.message).toContain("npm i @tensorflow/tfjs-node-gpu@4.22");
    expect(error.message).toContain("CUDA 11.2");
  });

  it("rejects an unknown backend name", async () => {
    await expect(loadBackend({ prefer: "tpu" as never })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: prefer must be one of "auto", "tensorflow-gpu", "webgpu", "tensorflow", "wasm", "cpu", got "tpu"]`,
    );
  });
});

describe("useFastMatMulGradient", () => {
  /** Gradients of sum(w * op(a) op(b)) with respect to a and b, for each transpose combination. */
  const gradientsOf = (
    a: tf.Tensor,
    b: tf.Tensor,
    w: tf.Tensor,
    transposeA: boolean,
    transposeB: boolean,
  ): number[][] =>
    tf.tidy(() => {
      const grads = tf.grads((x: tf.Tensor, y: tf.Tensor) =>
        tf.sum(tf.mul(tf.matMul(x, y, transposeA, transposeB), w)),
      );
      return grads([a, b]).map((gradient) => Array.from(gradient.dataSync()));
    });

  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])("gives the same gradients as tfjs's own (transposeA=%s, transposeB=%s)", async (transposeA, transposeB) => {
    await tf.setBackend("cpu");
    const values = (n: number, offset: number): number[] => Array.from({ length: n }, (_, k) => Math.sin(k + offset));
    // op(a) is 3x4 and op(b) is 4x2, so the output and w are 3x2.
    const a = transposeA ? tf.tensor2d(values(12, 1), [4, 3]) : tf.tensor2d(values(12, 1), [3, 4]);
    const b = transposeB ? tf.tensor2d(values(8, 20), [2, 4]) : tf.tensor2d(values(8, 20), [4, 2]);
    const w = tf.tensor2d(values(6, 40), [3, 2]);
    tf.registerGradient(tfjsGradient);
    const expected = gradientsOf(a, b, w, transposeA, transposeB);
    useFastMatMulGradient();
    const actual = gradientsOf(a, b, w, transposeA, transposeB);
    actual.forEach((gradient, index) =>
      gradient.forEach((value, k) => expect(Math.abs(value - (expected[index]?.[k] as number))).toBeLessThan(1e-6)),
    );
    tf.dispose([a, b, w]);
  });

  it("gives the same gradients on batched (rank-3) inputs", async () => {
    await tf.setBackend("cpu");
    const a = tf.tensor3d(
      Array.from({ length: 24 }, (_, k) => Math.cos(k)),
      [2, 3, 4],
    );
    const b = tf.tensor3d(
      Array.from({ length: 16 }, (_, k) => Math.sin(k)),
      [2, 4, 2],
    );
    const w = tf.ones([2, 3, 2]);
    tf.registerGradient(tfjsGradient);
    const expected = gradientsOf(a, b, w, false, false);
    useFastMatMulGradient();
    const actual = gradientsOf(a, b, w, false, false);
    actual.forEach((gradient, index) =>
      gradient.forEach((value, k) => expect(Math.abs(value - (expected[index]?.[k] as number))).toBeLessThan(1e-6)),
    );
    tf.dispose([a, b, w]);
  });

  it("gives the same gradients on the wasm backend, where it plays its part", async () => {
    await loadBackend({ prefer: "wasm" });
    const a = tf.tensor2d(
      Array.from({ length: 64 * 40 }, (_, k) => Math.sin(k)),
      [64, 40],
    );
    const b = tf.tensor2d(
      Array.from({ length: 40 * 16 }, (_, k) => Math.cos(k)),
      [40, 16],
    );
    const w = tf.tensor2d(
      Array.from({ length: 64 * 16 }, (_, k) => Math.sin(3 * k)),
      [64, 16],
    );
    tf.registerGradient(tfjsGradient);
    const expected = gradientsOf(a, b, w, false, false);
    useFastMatMulGradient();
    const actual = gradientsOf(a, b, w, false, false);
    // Sums of 16 to 64 float32 products, accumulated in a different blocking order.
    actual.forEach((gradient, index) =>
      gradient.forEach((value, k) => expect(Math.abs(value - (expected[index]?.[k] as number))).toBeLessThan(1e-5)),
    );
    tf.dispose([a, b, w]);
  });

  it("is idempotent and leaks no tensors", async () => {
    await tf.setBackend("cpu");
    tf.registerGradient(tfjsGradient);
    useFastMatMulGradient();
    const installed = tf.getGradient(tf.BatchMatMul);
    expect(installed).not.toBe(tfjsGradient);
    useFastMatMulGradient();
    expect(tf.getGradient(tf.BatchMatMul)).toBe(installed);
    const a = tf.ones([2, 3]);
    const b = tf.ones([3, 2]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)))([a, b]);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});
