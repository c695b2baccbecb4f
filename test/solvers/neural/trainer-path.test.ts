import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, describe, expect, it } from "vitest";
import { solveAsync } from "../../../src/index.js";
import { disposeTraining, loadBackend, neuralNetwork, trainNetwork, twoMoons } from "../../../solvers/neural/index.js";
import type { TrainerPath } from "../../../solvers/neural/index.js";

// The WebGPU paths ("wgsl-fused", "tfjs-webgpu") are checked in webgpu-trainer.test.ts (a child process).
afterAll(async () => {
  await tf.setBackend("cpu");
});

const moons = twoMoons({ samples: 60, seed: 4 });
const layers = [{ units: 6, activation: "tanh" as const }, { units: 2 }];

function denseModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 6, activation: "tanh", inputShape: [2] }));
  model.add(tf.layers.dense({ units: 2, activation: "softmax" }));
  return model;
}

async function trainerOf(backend: "cpu" | "wasm", model: tf.LayersModel | undefined): Promise<TrainerPath> {
  const network = model === undefined ? { layers } : { model };
  const result = await trainNetwork(neuralNetwork(network), moons, { backend, maxEpochs: 1, seed: 1 });
  result.model.dispose();
  return result.backend.trainer;
}

describe("result.backend.trainer: the code path that trained", () => {
  it('is "tfjs-cpu" on the pure JavaScript backend, for layer specs and for a tf.LayersModel', async () => {
    expect(await trainerOf("cpu", undefined)).toBe("tfjs-cpu");
    expect(await trainerOf("cpu", denseModel())).toBe("tfjs-cpu");
  }, 60_000);

  it('is "tfjs-wasm" on WebAssembly, for layer specs and for a tf.LayersModel', async () => {
    expect(await trainerOf("wasm", undefined)).toBe("tfjs-wasm");
    expect(await trainerOf("wasm", denseModel())).toBe("tfjs-wasm");
  }, 60_000);

  it("is on the session of a run driven by solveAsync, beside the backend's device", async () => {
    const info = await loadBackend({ prefer: "cpu" });
    const result = await solveAsync(neuralNetwork({ layers }), moons, { maxIterations: 2, seed: 1 });
    expect(info.choice).toBe("cpu");
    expect(result.state.session.trainer).toBe("tfjs-cpu");
    disposeTraining(result.state);
  }, 60_000);
});
