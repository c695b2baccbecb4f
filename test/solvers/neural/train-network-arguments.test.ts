// trainNetwork(solver, data, options): the order of solve, the old order rejected, and the cleanup after an
// error, which keeps the caller's model and frees a built one.
import * as tf from "../../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../../src/index.js";
import { loadBackend, neuralNetwork, trainNetwork } from "../../../solvers/neural/index.js";
import { classification } from "./fixtures.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" });
});

/** A hook that throws at the third iteration, after the session has trained two steps. */
const failAtThirdIteration = {
  onIteration: ({ iteration }: { iteration: number }) => {
    if (iteration === 3) throw new Error("a hook failed");
  },
};

function callerModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: 2, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
  );
  return model;
}

describe("trainNetwork's arguments", () => {
  it("rejects the data first (the order of earlier versions) with a typed error naming the new order", async () => {
    const oldOrder = trainNetwork(classification as never, { layers: [{ units: 2 }], maxEpochs: 1 } as never);
    await expect(oldOrder).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(trainNetwork(classification as never, {} as never)).rejects.toThrow(
      "solver must be a solver made by neuralNetwork({ layers, ... }) (the arguments are solver, data, options), got an object",
    );
  });

  it("rejects a solver option among the run's, saying it goes to neuralNetwork", async () => {
    const solver = neuralNetwork({ layers: [{ units: 2 }] });
    const run = trainNetwork(solver, classification, { batchSize: 8, maxEpochs: 1 } as never);
    await expect(run).rejects.toMatchObject({ option: "batchSize" });
    await expect(trainNetwork(solver, classification, { batchSize: 8 } as never)).rejects.toThrow(
      "batchSize is not an option of trainNetwork: it configures the solver, trainNetwork(neuralNetwork({ batchSize, ... }), data, { seed, maxEpochs, ... })",
    );
  });

  it("says whether the solver trains the caller's model", () => {
    expect(neuralNetwork({ layers: [{ units: 2 }] }).trainsCallerModel).toBe(false);
    const model = callerModel();
    expect(neuralNetwork({ model }).trainsCallerModel).toBe(true);
    model.dispose();
  });

  it("frees a built model after an error: the tensor count is back to its start", async () => {
    const before = tf.memory().numTensors;
    const solver = neuralNetwork({ layers: [{ units: 4, activation: "tanh" }, { units: 2 }], batchSize: 8 });
    await expect(
      trainNetwork(solver, classification, { maxEpochs: 5, seed: 1, backend: "cpu", hooks: failAtThirdIteration }),
    ).rejects.toThrow("a hook failed");
    expect(tf.memory().numTensors).toBe(before);
  });

  it("keeps the caller's model after an error, trained and usable, and frees everything else", async () => {
    const model = callerModel();
    const initial = model.getWeights().map((weight) => Array.from(weight.dataSync()));
    const before = tf.memory().numTensors;
    const solver = neuralNetwork({ model, batchSize: 8, learningRate: 0.1 });
    await expect(
      trainNetwork(solver, classification, { maxEpochs: 5, seed: 1, backend: "cpu", hooks: failAtThirdIteration }),
    ).rejects.toThrow("a hook failed");
    expect(tf.memory().numTensors).toBe(before);
    const after = model.getWeights().map((weight) => Array.from(weight.dataSync()));
    expect(after).not.toEqual(initial); // the steps before the error trained it in place
    expect(after.flat().every(Number.isFinite)).toBe(true);
    model.dispose();
  });
});
