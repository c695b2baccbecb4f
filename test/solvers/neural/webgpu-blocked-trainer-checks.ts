/**
 * The WebGPU trainer with its products forced to one blocking (2 or 4 outputs per invocation and side)
 * against the wasm path over 50 steps. Small networks choose the 16 x 16 kernel by shape; the check swaps
 * the prepared plan's choices, so that each blocked kernel runs a whole training. Part of the `trainer`
 * child suite (see `webgpu-child.ts`).
 */
import { prepareProblem, solveAsync } from "../../../src/index.js";
import type { Hooks } from "../../../src/index.js";
import type { ProductBlocking } from "../../../solvers/neural/webgpu/blocked-product.js";
import {
  adam,
  disposeTraining,
  loadBackend,
  neuralNetwork,
  syncTrainedModel,
  trainNetwork,
  twoMoons,
} from "../../../solvers/neural/index.js";
import type { NeuralNetworkOptions, PreparedTraining, TrainingState } from "../../../solvers/neural/index.js";
import type { Session } from "../../../solvers/neural/training-session.js";
import type { GpuPrepared } from "../../../solvers/neural/webgpu/gpu-session.js";
import type { PathComparison } from "./webgpu-trainer-checks.js";

const data = twoMoons({ samples: 300, noise: 0.2, seed: 8 });
/** Widths that fill no tile: 2 -> 70 -> 33 -> 2, batches of 48 (and a last one of 12). */
const options: NeuralNetworkOptions = {
  layers: [{ units: 70, activation: "tanh" }, { units: 33, activation: "relu" }, { units: 2 }],
  batchSize: 48,
  optimizer: adam(),
  learningRate: 0.01,
  lossReadEvery: 10,
  maxIterations: 50,
};
const run = { seed: 5, maxEpochs: 20 };

async function flatWeights(state: TrainingState): Promise<number[]> {
  const all: number[] = [];
  for (const weight of state.session.model.getWeights()) all.push(...(await weight.data()));
  return all;
}

/** The solver on WebGPU with every product at `blocking`: losses read, final weights, whether it ran. */
async function webgpuRun(blocking: ProductBlocking) {
  await loadBackend({ prefer: "webgpu" });
  const solver = neuralNetwork(options);
  using handle = prepareProblem(solver, data);
  const prepared = handle.prepared as PreparedTraining & { gpu: GpuPrepared | undefined };
  const gpu = prepared.gpu;
  if (gpu === undefined) return { losses: [], weights: [], usedTrainer: false };
  const products = gpu.plan.products.map(() => ({
    forward: blocking,
    weightGradient: blocking,
    inputGradient: blocking,
  }));
  // The prepared problem is the solver's own object: the check swaps the shape-chosen blockings for one.
  prepared.gpu = { ...gpu, plan: { ...gpu.plan, products } };
  const losses: number[] = [];
  let usedTrainer = false;
  const hooks: Hooks<TrainingState> = {
    onStart: ({ state }) => void (usedTrainer = (state.session as Session).gpu !== undefined),
    onIteration: ({ state }) => void (state.loss !== undefined && losses.push(state.loss)),
  };
  const result = await solveAsync(solver, handle, { ...run, hooks, trace: false });
  await syncTrainedModel(result.state);
  const weights = await flatWeights(result.state);
  disposeTraining(result.state);
  return { losses, weights, usedTrainer };
}

/** The wasm path against the trainer at blockings 2 and 4, by name `blocking 2`, `blocking 4`. */
export async function blockedComparisons(): Promise<Record<string, PathComparison>> {
  const reference = await trainNetwork(neuralNetwork(options), data, { ...run, backend: "wasm" });
  const wasm = reference.history.losses.map((reading) => reading.loss);
  const wasmWeights: number[] = [];
  for (const weight of reference.model.getWeights()) wasmWeights.push(...(await weight.data()));
  reference.model.dispose();
  const comparisons: Record<string, PathComparison> = {};
  // Blocking 1 is what these shapes choose by themselves: the other trainer checks run it.
  for (const blocking of [2, 4] as const) {
    const webgpu = await webgpuRun(blocking);
    comparisons[`blocking ${blocking}`] = {
      wasm,
      webgpu: webgpu.losses,
      weightDifference: Math.max(...wasmWeights.map((w, i) => Math.abs(w - (webgpu.weights[i] ?? Number.NaN)))),
      usedTrainer: webgpu.usedTrainer,
    };
  }
  return comparisons;
}
