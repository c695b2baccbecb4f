import * as tf from "../../solvers/neural/tfjs.js";
import { adam, loadBackend, mnistDigits, neuralNetwork, trainNetwork } from "../../solvers/neural/index.js";
import type { NeuralNetworkOptions, TrainNetworkOptions } from "../../solvers/neural/index.js";
import { webgpuDevice } from "../../solvers/neural/backend.js";
import type { Session } from "../../solvers/neural/training-session.js";
import { uploadGpuData } from "../../solvers/neural/webgpu/gpu-data.js";
import { gpuNetworkPlan } from "../../solvers/neural/webgpu/gpu-network-plan.js";
import { bufferSet } from "../../solvers/neural/webgpu/gpu-resources.js";
import { createGpuTrainer } from "../../solvers/neural/webgpu/gpu-trainer.js";
import { formatProductTimes, forwardProductTimes } from "./neural-gpu-products.js";

/** Settings of {@link neuralGpuBenchmark}. */
export interface NeuralGpuBenchmarkSettings {
  readonly batchSizes: readonly number[];
  /** MNIST training rows per epoch. */
  readonly rows: number;
  readonly epochs: number;
  /** Measured rounds per contender, interleaved, after one warm-up round. */
  readonly rounds: number;
}

/** On a GPU. */
const defaults: NeuralGpuBenchmarkSettings = { batchSizes: [128, 1024], rows: 8192, epochs: 2, rounds: 3 };

/** On a software adapter (lavapipe: the "GPU" is the CPU, about a hundred times slower): a short run. */
const softwareDefaults: NeuralGpuBenchmarkSettings = { batchSizes: [128, 1024], rows: 2048, epochs: 1, rounds: 1 };

interface Measured {
  readonly samplesPerSecond: number;
  /** CPU microseconds per optimizer step spent recording it (the WGSL trainer only). */
  readonly encodeMicroseconds: number | undefined;
}

const layers = [
  { units: 128, activation: "relu" as const },
  { units: 10, activation: "softmax" as const },
];

/** The same MLP as a tf.LayersModel: a model (not layer specs) keeps trainNetwork on TensorFlow.js's kernels. */
function tfModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 128, activation: "relu", inputShape: [784] }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  return model;
}

async function measure(
  data: { x: { values: Float32Array; shape: [number, number] }; y: Int32Array },
  network: NeuralNetworkOptions,
  run: TrainNetworkOptions,
  samples: number,
): Promise<Measured> {
  let encodeMs = 0;
  let steps = 0;
  const start = performance.now();
  const solver = neuralNetwork({ optimizer: adam(), learningRate: 1e-3, lossReadEvery: "epoch", ...network });
  const result = await trainNetwork(solver, data, {
    seed: 1,
    ...run,
    hooks: {
      onStart({ state }) {
        const trainer = (state.session as Session).gpu;
        if (trainer === undefined) return;
        const step = trainer.step.bind(trainer);
        (trainer as { step: typeof step }).step = (...args) => {
          const begin = performance.now();
          step(...args);
          encodeMs += performance.now() - begin;
          steps += 1;
        };
      },
    },
  });
  const wallMs = performance.now() - start;
  result.model.dispose();
  return {
    samplesPerSecond: samples / (wallMs / 1000),
    encodeMicroseconds: steps > 0 ? (encodeMs * 1000) / steps : undefined,
  };
}

/**
 * Training throughput of the fused WGSL trainer (`trainNetwork` with layer specs on `backend: "webgpu"`)
 * next to `trainNetwork` on TensorFlow.js's WebGPU kernels (the same network given as a `tf.LayersModel`,
 * on the same Dawn device) and on wasm: MLP 784-128-10, Adam 1e-3, MNIST digits, samples/s (wall clock,
 * median of the rounds, interleaved) and the trainer's CPU time to record one optimizer step. On a machine
 * whose only adapter is Mesa's lavapipe the "GPU" is the CPU: the figures then say how the trainer compares
 * on the same cores, not what a GPU gives.
 */
export async function neuralGpuBenchmark(settings: Partial<NeuralGpuBenchmarkSettings> = {}): Promise<string> {
  let device: string;
  try {
    device = (await loadBackend({ prefer: "webgpu" })).device;
  } catch (error) {
    return `Neural training on WebGPU: not available (${(error as Error).message.split("\n")[0]})`;
  }
  const software = /llvmpipe|lavapipe|swiftshader|software/i.test(device);
  const { batchSizes, rows, epochs, rounds } = { ...(software ? softwareDefaults : defaults), ...settings };
  const { train } = mnistDigits();
  const data = {
    x: { values: train.x.values.subarray(0, rows * 784), shape: [rows, 784] as [number, number] },
    y: train.y.subarray(0, rows),
  };
  const lines = [
    `Neural training on WebGPU (${device}): MLP 784-128-10, Adam, ${rows} MNIST digits x ${epochs} epoch(s); samples/s, medians of ${rounds} interleaved rounds`,
  ];
  const samples = rows * epochs;
  for (const batchSize of batchSizes) {
    const epochBound = { maxEpochs: epochs };
    const contenders: { name: string; run: () => Promise<Measured> }[] = [
      {
        name: "WGSL trainer",
        run: () => measure(data, { batchSize, layers }, { ...epochBound, backend: "webgpu" }, samples),
      },
      {
        name: "trainNetwork on TF.js WebGPU",
        run: () => measure(data, { batchSize, model: tfModel() }, { ...epochBound, backend: "webgpu" }, samples),
      },
      {
        name: "trainNetwork on wasm",
        run: () => measure(data, { batchSize, layers }, { ...epochBound, backend: "wasm", threads: 1 }, samples),
      },
    ];
    const results = contenders.map(() => [] as Measured[]);
    for (let round = 0; round <= rounds; round++) {
      for (const [i, contender] of contenders.entries()) {
        const measured = await contender.run();
        if (round > 0) results[i]?.push(measured);
      }
    }
    const medians = results.map((list) => median(list.map((m) => m.samplesPerSecond)));
    const encode = median(results[0]?.map((m) => m.encodeMicroseconds ?? NaN) ?? []);
    const recording = await recordingCost(batchSize);
    lines.push(
      `  batch ${batchSize}: recording one step (8 dispatches) costs ${recording.cpuMicroseconds.toFixed(0)} us of CPU ` +
        `(${recording.wallMicroseconds.toFixed(0)} us wall) with nothing running; ${encode.toFixed(0)} us wall inside training runs`,
    );
    contenders.forEach((contender, i) => {
      const ratio = (medians[0] ?? NaN) / (medians[i] ?? NaN);
      const note = i === 0 ? "" : `  (WGSL trainer ${ratio.toFixed(2)}x)`;
      lines.push(
        `    ${contender.name.padEnd(30)} ${Math.round(medians[i] ?? NaN)
          .toLocaleString("en-US")
          .padStart(9)}${note}`,
      );
    });
  }
  await loadBackend({ prefer: "webgpu" });
  const gpu = webgpuDevice();
  if (gpu !== undefined) {
    lines.push(
      `  forward product of layer 1 (relu, bias) by blocking, us per dispatch (${software ? 3 : 100} in one submit):`,
    );
    for (const batchSize of batchSizes) {
      lines.push(
        `    ${formatProductTimes(await forwardProductTimes(gpu, [batchSize, 784, 128], software ? 3 : 100))}`,
      );
    }
  }
  lines.push(
    "  PyTorch CUDA beside it: test/bench/gpu-check.sh on a GPU machine (npm run bench:peers -- neural adds CUDA rows where torch finds CUDA).",
  );
  return lines.join("\n");
}

/**
 * The CPU cost of recording one Adam step of 784-128-10 (8 dispatches) with nothing executing meanwhile:
 * 100 steps recorded into one command buffer, then run and read; process CPU time (user + system) and wall
 * time per step, medians of 3 rounds.
 */
async function recordingCost(batchSize: number): Promise<{ cpuMicroseconds: number; wallMicroseconds: number }> {
  await loadBackend({ prefer: "webgpu" });
  const device = webgpuDevice();
  const plan = gpuNetworkPlan(layers, 784, "crossEntropy", batchSize);
  if (device === undefined || typeof plan === "string") return { cpuMicroseconds: NaN, wallMicroseconds: NaN };
  const rows = batchSize * 2;
  const data = uploadGpuData(
    device,
    784,
    1,
    { x: new Float32Array(rows * 784), y: new Int32Array(rows), rows },
    undefined,
  );
  const rule = { kind: "adam", beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 } as const;
  const initial = new Float32Array(plan.parameters);
  const options = { plan, data, rule, batchSize, initial, clipValue: undefined, clipNorm: undefined };
  const trainer = createGpuTrainer(options, bufferSet(device, "iterlab bench"));
  trainer.setOrder(Int32Array.from({ length: rows }, (_, i) => i));
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < 3; round++) {
    const begin = performance.now();
    const usage = process.cpuUsage();
    for (let step = 0; step < 100; step++) trainer.step([[0, batchSize]], batchSize, [[]], 1e-3);
    const used = process.cpuUsage(usage);
    wall.push(((performance.now() - begin) * 1000) / 100);
    cpu.push((used.user + used.system) / 100);
    await trainer.readSums(true, true);
  }
  trainer.destroy();
  data.buffers.destroyAll();
  return { cpuMicroseconds: median(cpu), wallMicroseconds: median(wall) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}
