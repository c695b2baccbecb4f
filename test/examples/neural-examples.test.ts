import * as tf from "../../solvers/neural/tfjs.js";
import { describe, expect, it } from "vitest";
import * as mnist from "../../examples/neural-mnist.js";
import * as optimizers from "../../examples/neural-optimizers.js";
import * as xor from "../../examples/neural-xor.js";

// The neural examples run here on the pure JavaScript backend, shortened where they are long; each asserts
// the point it teaches. The full MNIST run (15 epochs, 8,000 digits) is reported in docs/guides/neural.md.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);
// Training takes seconds on the pure JavaScript backend, more on a loaded CI machine: 30 s per example.

describe("examples: neural", () => {
  it("neural-xor: XOR to 100%, two moons above 95% on the validation rows", async () => {
    const before = tf.memory().numTensors;
    const outcome = await xor.main(quiet([]), "cpu");
    expect(outcome.xorAccuracy).toBe(1);
    expect(outcome.xorLoss).toBeLessThan(0.01);
    expect(outcome.moonsIterationsPerEpoch).toBe(10);
    expect(outcome.moonsAccuracy).toBeGreaterThan(0.95);
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);

  it("neural-optimizers: same steps for all three; SGD's loss is the highest", async () => {
    const rows = await optimizers.main(quiet([]), 10, "cpu");
    expect(rows.map((row) => row.iterations)).toEqual([150, 150, 150]); // 480 rows / 32 = 15 per epoch
    const [plain, heavyBall, adaptive] = rows;
    expect(plain?.trainLoss).toBeGreaterThan(heavyBall?.trainLoss as number);
    expect(plain?.trainLoss).toBeGreaterThan(adaptive?.trainLoss as number);
  }, 30_000);

  it("neural-mnist (short): one epoch on 2,000 digits already classifies most held-out digits", async () => {
    const lines: string[] = [];
    const outcome = await mnist.main(quiet(lines), { maxEpochs: 1, trainRows: 2000, backend: "cpu" });
    expect(outcome.result.iterationsPerEpoch).toBe(57); // 1,800 training rows / 32
    expect(outcome.result.history.epochs).toHaveLength(1);
    expect(outcome.testAccuracy).toBeGreaterThan(0.8);
    expect(lines[0]).toMatch(/^backend: cpu/);
  }, 30_000);
});
