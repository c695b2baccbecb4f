import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backendNames } from "../../../src/apps/cli/backend-names.js";
import { captureCli } from "./capture-cli.js";
import { backendOrder } from "../../../solvers/neural/index.js";

const run = (argv: string[]) => captureCli(argv);

const scratch = mkdtempSync(join(tmpdir(), "iterlab-train-"));

describe("iterlab train", () => {
  it("trains on two moons with early stopping, prints JSON that parses, and exits 0", async () => {
    const { code, stdout } = await run([
      "train",
      "two-moons",
      "--epochs",
      "200",
      "--patience",
      "5",
      "--lr",
      "0.01",
      "--backend",
      "cpu",
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      backend: { choice: string; trainer: string };
      stopReason: { kind: string };
      iterations: number;
      epochs: number;
      iterationsPerEpoch: number;
      trainSamples: number;
      validationSamples: number;
      restoredFrom: number | null;
      test: { accuracy: number };
    };
    expect(result.backend.choice).toBe("cpu");
    expect(result.backend.trainer).toBe("tfjs-cpu");
    // 400 rows, the last 20% held out: 320 train in batches of 32 -> 10 iterations per epoch.
    expect([result.trainSamples, result.validationSamples, result.iterationsPerEpoch]).toEqual([320, 80, 10]);
    expect(result.stopReason.kind).toBe("converged");
    expect(result.restoredFrom).not.toBeNull();
    expect(result.iterations).toBe(result.epochs * 10);
    // Two moons with noise 0.15 is separable up to a few points near the crossing arcs.
    expect(result.test.accuracy).toBeGreaterThan(0.9);
  }, 60_000);

  it("learns XOR (no validation rows) and writes the per-epoch history as CSV", async () => {
    const history = join(scratch, "xor.csv");
    const { code, stdout } = await run([
      "train",
      "xor",
      "--epochs",
      "300",
      "--lr",
      "0.05",
      "--activation",
      "tanh",
      "--backend",
      "cpu",
      "--history",
      history,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("4 training rows, 0 for validation");
    expect(stdout).toContain("backend: cpu (CPU (pure JavaScript)), trainer tfjs-cpu\n");
    expect(stdout).toContain("batch 32: 1 iterations (optimizer steps) per epoch");
    const rows = readFileSync(history, "utf8").trim().split("\n");
    expect(rows[0]).toBe(
      "epoch,iteration,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,elapsed_ms",
    );
    expect(rows).toHaveLength(301);
    expect(Number((rows[300] as string).split(",")[3])).toBe(1);
  }, 60_000);

  it("reads a CSV whose last column is the class label", async () => {
    const path = join(scratch, "points.csv");
    const lines = ["x,y,label"];
    for (let i = 0; i < 40; i++) lines.push(`${(i % 2) * 4 + (i % 5) * 0.1},${(i % 3) * 0.1},${i % 2}`);
    writeFileSync(path, `${lines.join("\n")}\n`);
    const { code, stdout } = await run([
      "train",
      "--csv",
      path,
      "--epochs",
      "60",
      "--lr",
      "0.05",
      "--validation-split",
      "0",
      "--backend",
      "cpu",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${path} (40 rows): 40 training rows`);
    expect(stdout).toMatch(/100\.0%\s+-\s+-\s+0\.05\s*\n\nreached maxEpochs = 60/);
  }, 60_000);

  it.each([
    [["train", "iris"], 'error: unknown data set "iris" (known: two-moons, xor, mnist)'],
    [
      ["train", "--optimizer", "lbfgs"],
      'error: unknown optimizer "lbfgs" (known: sgd, momentum, nesterov, adam, adamw, rmsprop)',
    ],
    [
      ["train", "--backend", "cuda"],
      "error: unknown backend 'cuda'; choose auto or one of tensorflow-gpu, webgpu, tensorflow, wasm, cpu",
    ],
    [
      ["train", "--hidden", "16,0"],
      "error: option '--hidden <widths>' argument '16,0' is invalid. expected layer widths >= 1 separated by commas, e.g. 64,32.",
    ],
    [["train", "--batch-size", "0", "--backend", "cpu"], "error: --batch-size must be an integer >= 1, got 0"],
    [
      ["train", "--validation-split", "1", "--backend", "cpu"],
      "error: --validation-split must be a number in [0, 1), got 1",
    ],
  ])("rejects %j with one line and the usage", async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(message);
    expect(stderr).toContain("Usage: iterlab train [options] [dataset]");
  });

  it("rejects a CSV whose label column is not a class index", async () => {
    const path = join(scratch, "bad.csv");
    writeFileSync(path, "1,2,0\n3,4,0.5\n");
    const { code, stderr } = await run(["train", "--csv", path]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(
      `error: ${path} row 2: the last column is the class label, an integer >= 0; got 0.5`,
    );
  });

  it("knows the backends in loadBackend's order without loading TensorFlow.js", () => {
    expect(backendNames).toEqual(backendOrder);
  });
});

describe("iterlab tour --backend", () => {
  it("runs the neural entries on the backend asked for", async () => {
    const { code, stdout } = await run(["tour", "--json", "--backend", "cpu"]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { solver: string }[];
    expect(rows.filter((row) => row.solver.startsWith("neural network")).map((row) => row.solver)).toEqual([
      "neural network, Adam (cpu)",
    ]);
  }, 60_000);

  it("rejects an unknown backend with one line and the usage", async () => {
    const { code, stderr } = await run(["tour", "--backend", "cuda"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(
      "error: unknown backend 'cuda'; choose auto or one of tensorflow-gpu, webgpu, tensorflow, wasm, cpu",
    );
  });
});

describe("iterlab train mnist", () => {
  it("states the split it trains on: 9,001 training and 999 test digits, not the nominal 9,000/1,000", {
    timeout: 60_000,
  }, async () => {
    const { code, stdout } = await run(["train", "mnist", "--epochs", "0", "--hidden", "4", "--backend", "cpu"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe(
      "MNIST digits (9,001 training, 999 test): 8100 training rows, 901 for validation",
    );
  });

  it("says '1 epoch' in the singular", { timeout: 60_000 }, async () => {
    const { stdout } = await run(["train", "xor", "--epochs", "1", "--backend", "cpu"]);
    expect(stdout).toMatch(/\n1 iteration, 1 epoch in \d/);
  });
});
