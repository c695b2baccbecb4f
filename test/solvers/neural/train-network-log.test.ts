import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../../src/index.js";
import { neuralNetwork, trainNetwork, twoMoons } from "../../../solvers/neural/index.js";

describe("trainNetwork's log", () => {
  it("says which backend and device run, then one line per epoch, then why it stopped", async () => {
    const lines: string[] = [];
    const output = { write: (text: string) => void lines.push(...text.split("\n").filter((line) => line !== "")) };
    const solver = neuralNetwork({
      layers: [{ units: 8, activation: "tanh" }, { units: 2 }],
      learningRate: 0.01,
      validationSplit: 0.2,
    });
    const result = await trainNetwork(solver, twoMoons({ samples: 100, seed: 2 }), {
      maxEpochs: 3,
      backend: "cpu",
      seed: 1,
      log: output,
    });
    result.model.dispose();
    // 80 training rows in batches of 32: 3 iterations per epoch.
    expect(lines[0]).toBe(
      "training neural network (Adam(beta1=0.9, beta2=0.999, epsilon=1e-7), batch 32) on cpu: CPU (pure JavaScript), trainer tfjs-cpu; 80 training rows, 20 for validation, 3 iterations per epoch",
    );
    expect(lines.slice(1, 4).map((line) => line.slice(0, line.indexOf("  loss")))).toEqual([
      "epoch 1/3  iteration 3",
      "epoch 2/3  iteration 6",
      "epoch 3/3  iteration 9",
    ]);
    expect(lines[1]).toMatch(/ acc \d+\.\d% {2}val loss \S+ {2}val acc \d+\.\d% {2}rate 0\.01 {2}\(\d+\.\d\d s\)$/);
    expect(lines[4]).toMatch(/^stopped: reached maxEpochs = 3 after 9 iterations, 3 epochs \(\d+\.\d\d s\)$/);
    expect(lines).toHaveLength(5);
  });

  it("rejects a log that is neither a boolean nor an output", async () => {
    const solver = neuralNetwork({ layers: [{ units: 2 }] });
    await expect(trainNetwork(solver, { x: [[0], [1]], y: [0, 1] }, { log: "yes" as never })).rejects.toThrow(
      InvalidOptionError,
    );
    await expect(trainNetwork(solver, { x: [[0], [1]], y: [0, 1] }, { log: "yes" as never })).rejects.toThrow(
      'log must be a boolean or an output with write(text), such as process.stdout, got "yes"',
    );
  });
});
