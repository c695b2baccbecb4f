import * as tf from "@tensorflow/tfjs";
import { adam, loadBackend, trainNetwork } from "../../solvers/neural/index.js";
import type { BackendChoice } from "../../solvers/neural/index.js";
import { loadMnist } from "../../examples/neural-mnist.js";
import { Random } from "../../src/index.js";

/** PyTorch 1.13 (CPU, one thread) on our 2-core machines: MLP 784-128-10, Adam, batch 128 (issue 6). */
const pytorchSamplesPerSecond = 83_000;

/** Settings of {@link neuralBenchmark}. */
export interface NeuralBenchmarkSettings {
  /** Backends to measure, each loaded in turn. */
  readonly backends: readonly BackendChoice[];
  /** Mini-batch size. */
  readonly batchSize: number;
  /** Training rows (MNIST digits) per epoch. */
  readonly rows: number;
  /** Epochs per measured run. */
  readonly epochs: number;
  /** Measured rounds per contender (interleaved, after one warm-up round). */
  readonly rounds: number;
  /** Real MNIST digits, or seeded uniform noise of the same shape (throughput does not depend on the values). */
  readonly data: "mnist" | "synthetic";
}

const defaults: NeuralBenchmarkSettings = { backends: ["wasm", "cpu"], batchSize: 128, rows: 8192, epochs: 2, rounds: 3, data: "mnist" };

/**
 * Training throughput of an MLP 784-128-10 with Adam (learning rate 1e-3) on real MNIST digits, in samples
 * per second: iterlab's `trainNetwork` next to a plain `model.fit` of the same network in the same process,
 * interleaved round by round, on each backend asked for. Both read the loss back once per epoch at most
 * (`model.fit` reads it every batch: that is how Keras works). Target (issue 6): at least half of PyTorch's
 * 83,000 samples/s on the best backend available.
 *
 * @param settings - Which backends, batch size, rows, epochs and rounds.
 * @returns The figures, printable.
 */
export async function neuralBenchmark(settings: Partial<NeuralBenchmarkSettings> = {}): Promise<string> {
  const { backends, batchSize, rows, epochs, rounds, data } = { ...defaults, ...settings };
  const { x, y } = data === "mnist" ? mnistRows(rows) : syntheticRows(rows);
  const lines = [
    `Neural training: MLP 784-128-10, Adam, batch ${batchSize}, ${rows} ${data === "mnist" ? "MNIST digits" : "synthetic rows"} x ${epochs} epochs; samples/s, medians of ${rounds} interleaved rounds`,
  ];
  for (const backend of backends) {
    let info;
    try {
      info = await loadBackend({ prefer: backend });
    } catch (error) {
      lines.push(`  ${backend}: not available (${(error as Error).message.split("\n")[0]})`);
      continue;
    }
    const fitSamples: number[] = [];
    const iterlabSamples: number[] = [];
    const samples = rows * epochs;
    for (let round = 0; round <= rounds; round++) {
      const fitRate = samples / ((await timeModelFit(x.values, y, batchSize, epochs)) / 1000);
      const iterlabRate = samples / ((await timeIterlab(x, y, batchSize, epochs, backend)) / 1000);
      if (round > 0) {
        fitSamples.push(fitRate);
        iterlabSamples.push(iterlabRate);
      }
    }
    const fit = median(fitSamples);
    const iterlab = median(iterlabSamples);
    lines.push(`  ${info.choice} (${info.device}):`);
    lines.push(`    model.fit            ${fit.toFixed(0).padStart(8)} samples/s`);
    lines.push(`    iterlab trainNetwork ${iterlab.toFixed(0).padStart(8)} samples/s  ${(iterlab / fit).toFixed(2)}x model.fit, ${(iterlab / pytorchSamplesPerSecond).toFixed(3)}x PyTorch`);
  }
  lines.push(`  PyTorch 1.13 (reported, CPU, 1 thread, our 2-core machine): ${pytorchSamplesPerSecond} samples/s; target >= ${pytorchSamplesPerSecond / 2} samples/s`);
  return lines.join("\n");
}

/** Milliseconds for `epochs` epochs of a plain Keras-style `model.fit` (unshuffled, no validation). */
async function timeModelFit(values: Float32Array, labels: Int32Array, batchSize: number, epochs: number): Promise<number> {
  const rows = labels.length;
  const xs = tf.tensor2d(values, [rows, 784]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), 10).asType("float32"));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred) });
  const started = performance.now();
  await model.fit(xs, ys, { batchSize, epochs, shuffle: false, verbose: 0 });
  const elapsed = performance.now() - started;
  model.dispose();
  xs.dispose();
  ys.dispose();
  return elapsed;
}

/** Milliseconds for `epochs` epochs of iterlab's trainer, data conversion and model building included. */
async function timeIterlab(
  x: Rows["x"],
  y: Int32Array,
  batchSize: number,
  epochs: number,
  backend: BackendChoice,
): Promise<number> {
  const started = performance.now();
  const result = await trainNetwork(
    { x, y },
    { layers: [{ units: 128, activation: "relu" }, { units: 10 }], optimizer: adam(), learningRate: 1e-3, batchSize, maxEpochs: epochs, lossReadEvery: "epoch", seed: 1, backend },
  );
  const elapsed = performance.now() - started;
  result.model.dispose();
  return elapsed;
}

interface Rows {
  readonly x: { readonly values: Float32Array; readonly shape: readonly [number, number] };
  readonly y: Int32Array;
}

function mnistRows(rows: number): Rows {
  const { train } = loadMnist();
  return { x: { values: train.x.values.subarray(0, rows * 784), shape: [rows, 784] }, y: train.y.subarray(0, rows) };
}

function syntheticRows(rows: number): Rows {
  const random = new Random(7);
  const values = new Float32Array(rows * 784);
  for (let i = 0; i < values.length; i++) values[i] = random.float();
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) y[i] = random.int(10);
  return { x: { values, shape: [rows, 784] }, y };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}
