/// <reference types="@webgpu/types" />
/**
 * The WebGPU trainer against the wasm path of the same solver: losses over 50 steps for every optimiser, a
 * schedule, clipping and accumulation; determinism; early stopping; buffers. Run in a child process by
 * `webgpu-trainer.test.ts` (see `webgpu-child.ts`).
 */
import * as tf from "../../../solvers/neural/tfjs.js";
import { runCli } from "../../../src/apps/cli/run-cli.js";
import { webgpuDevice } from "../../../solvers/neural/backend.js";
import {
  adam,
  adamW,
  cosineDecay,
  evaluateNetwork,
  loadBackend,
  momentum,
  neuralNetwork,
  rmsprop,
  sgd,
  trainNetwork,
  twoMoons,
  warmup,
} from "../../../solvers/neural/index.js";
import type { NeuralNetworkOptions, TrainNetworkOptions } from "../../../solvers/neural/index.js";
import type { Session } from "../../../solvers/neural/training-session.js";
import { linearData } from "./fixtures.js";
import { blockedComparisons } from "./webgpu-blocked-trainer-checks.js";

/** One comparison: the losses read on both paths and the final weights' largest difference. */
export interface PathComparison {
  readonly wasm: readonly number[];
  readonly webgpu: readonly number[];
  readonly weightDifference: number;
  readonly usedTrainer: boolean;
}

/** Everything the trainer test asserts on. */
export interface TrainerResults {
  readonly device: string;
  readonly comparisons: Record<string, PathComparison>;
  readonly identicalWeights: boolean;
  readonly earlyStopping: { restoredFrom: number | undefined; best: number; restored: number; last: number };
  readonly liveBuffers: number;
  readonly createdBuffers: number;
  /** `result.backend.trainer` for layer specs and for a `tf.LayersModel`, and the CLI's backend line. */
  readonly trainers: { readonly specs: string; readonly model: string; readonly cliLine: string };
  /** The trainer with every product at blocking 2 and 4 against wasm (2-70-33-2, batch 48). */
  readonly blocked: Record<string, PathComparison>;
}

const moons = twoMoons({ samples: 240, noise: 0.2, seed: 3 });
const layers = [
  { units: 12, activation: "tanh" as const },
  { units: 9, activation: "relu" as const },
  { units: 2, activation: "softmax" as const },
];

async function weightsOf(model: tf.LayersModel): Promise<number[]> {
  const all: number[] = [];
  for (const weight of model.getWeights()) all.push(...(await weight.data()));
  return all;
}

async function train(
  backend: "wasm" | "webgpu",
  network: NeuralNetworkOptions,
  data = moons,
  run: TrainNetworkOptions = {},
) {
  let session: Session | undefined;
  const result = await trainNetwork(neuralNetwork({ lossReadEvery: 10, ...network }), data, {
    seed: 5,
    maxEpochs: 20,
    backend,
    hooks: { onStart: ({ state }) => void (session = state.session as Session) },
    ...run,
  });
  const weights = await weightsOf(result.model);
  return { result, weights, usedTrainer: session?.gpu !== undefined };
}

async function compare(options: NeuralNetworkOptions, data = moons): Promise<PathComparison> {
  const base = { layers, batchSize: 16, maxIterations: 50, ...options };
  const wasm = await train("wasm", base, data);
  const webgpu = await train("webgpu", base, data);
  wasm.result.model.dispose();
  webgpu.result.model.dispose();
  const weightDifference = Math.max(...wasm.weights.map((w, i) => Math.abs(w - (webgpu.weights[i] ?? NaN))));
  return {
    wasm: wasm.result.history.losses.map((reading) => reading.loss),
    webgpu: webgpu.result.history.losses.map((reading) => reading.loss),
    weightDifference,
    usedTrainer: webgpu.usedTrainer,
  };
}

/**
 * Counts the trainer's buffers (labelled "iterlab ...") created on the device from now on and not destroyed;
 * TensorFlow.js's own buffers (its pool) are not the trainer's to free.
 */
function trackBuffers(device: GPUDevice): { live(): number; created(): number } {
  const live = new Set<GPUBuffer>();
  let created = 0;
  const create = device.createBuffer.bind(device);
  device.createBuffer = (descriptor: GPUBufferDescriptor) => {
    const buffer = create(descriptor);
    if (!descriptor.label?.startsWith("iterlab")) return buffer;
    created += 1;
    live.add(buffer);
    const destroy = buffer.destroy.bind(buffer);
    buffer.destroy = () => {
      live.delete(buffer);
      destroy();
    };
    return buffer;
  };
  return { live: () => live.size, created: () => created };
}

/** The trainer paths on WebGPU: layer specs, a `tf.LayersModel` of the same network, and `iterlab train`. */
async function trainerPaths(): Promise<TrainerResults["trainers"]> {
  const specs = await train("webgpu", { layers, batchSize: 16, maxIterations: 5 });
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 12, activation: "tanh", inputShape: [2] }));
  model.add(tf.layers.dense({ units: 2, activation: "softmax" }));
  const tfjs = await train("webgpu", { model, batchSize: 16, maxIterations: 5 });
  specs.result.model.dispose();
  tfjs.result.model.dispose();
  let stdout = "";
  await runCli(["train", "xor", "--backend", "webgpu", "--epochs", "3"], {
    stdout: (text) => void (stdout += text),
    stderr: () => undefined,
  });
  return {
    specs: specs.result.backend.trainer,
    model: tfjs.result.backend.trainer,
    cliLine: stdout.split("\n").find((line) => line.startsWith("backend: ")) ?? stdout,
  };
}

/** Runs every trainer check. */
export async function trainerChecks(): Promise<TrainerResults | { skip: string }> {
  try {
    await loadBackend({ prefer: "webgpu" });
  } catch (error) {
    return { skip: error instanceof Error ? error.message : String(error) };
  }
  const device = webgpuDevice() as GPUDevice;
  const info = await loadBackend({ prefer: "webgpu" });
  const comparisons: Record<string, PathComparison> = {};
  const optimizers = {
    sgd: sgd(),
    momentum: momentum(),
    nesterov: momentum({ nesterov: true, momentum: 0.8 }),
    adam: adam(),
    adamW: adamW({ weightDecay: 0.05 }),
    rmsprop: rmsprop(),
    "rmsprop centred with momentum": rmsprop({ centered: true, momentum: 0.5 }),
  };
  for (const [name, optimizer] of Object.entries(optimizers)) {
    comparisons[name] = await compare({ optimizer, learningRate: name.startsWith("sgd") ? 0.1 : 0.01 });
  }
  comparisons["cosine schedule with warmup, clipNorm and clipValue"] = await compare({
    optimizer: momentum(),
    learningRate: warmup({ steps: 10, then: cosineDecay({ initial: 0.2, decaySteps: 40 }) }),
    clipNorm: 0.5,
    clipValue: 0.2,
  });
  comparisons["accumulation of 3 micro-batches of 10"] = await compare({
    optimizer: adam(),
    batchSize: 10,
    gradientAccumulation: 3,
  });
  const regression = linearData(150, 0.1);
  comparisons["mse through a sigmoid hidden layer"] = await compare(
    { layers: [{ units: 8, activation: "sigmoid" }, { units: 1 }], loss: "mse", optimizer: adam(), learningRate: 0.02 },
    regression,
  );
  const trainers = await trainerPaths();
  const blocked = await blockedComparisons();
  const tracker = trackBuffers(device);
  const again = [
    await train("webgpu", { layers, batchSize: 16, maxIterations: 30 }),
    await train("webgpu", { layers, batchSize: 16, maxIterations: 30 }),
  ];
  const identicalWeights = again[0]?.weights.every((w, i) => Object.is(w, again[1]?.weights[i])) ?? false;
  const early = await train(
    "webgpu",
    {
      layers,
      batchSize: 16,
      optimizer: adam(),
      learningRate: 0.2,
      validationSplit: 0.25,
      earlyStopping: { patience: 2 },
      maxIterations: 100_000,
    },
    moons,
    { maxEpochs: 200 },
  );
  const validationRows = { x: moons.x.slice(180), y: moons.y.slice(180) };
  const losses = early.result.history.validation.map((reading) => reading.loss);
  const restored = (await evaluateNetwork(early.result.model, validationRows)).loss;
  for (const run of [...again, early]) run.result.model.dispose();
  const liveBuffers = tracker.live();
  return {
    device: info.device,
    comparisons,
    identicalWeights,
    earlyStopping: {
      restoredFrom: early.result.restoredFrom,
      best: Math.min(...losses),
      restored,
      last: losses[losses.length - 1] ?? NaN,
    },
    liveBuffers,
    createdBuffers: tracker.created(),
    trainers,
    blocked,
  };
}
