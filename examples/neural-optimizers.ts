/**
 * SGD, momentum and Adam on the same network, data, seed and number of iterations, as a table.
 *
 * Run: npx tsx examples/neural-optimizers.ts
 *
 * Same seed means the same initial weights and the same batch order for all three, so the only difference
 * is the update rule, each at its usual default rate. After 450 steps on two moons (noise 0.2), plain SGD
 * (0.01) is still far above the loss that momentum (0.01 with beta 0.9: an effective step ten times larger)
 * and Adam (0.001, scaled per parameter) reach: train loss 0.34 against 0.24 and 0.22 on the cpu and wasm
 * backends.
 */
import { adam, momentum, sgd, trainNetwork, twoMoons } from "../solvers/neural/index.js";
import type { BackendChoice, OptimizerFactory } from "../solvers/neural/index.js";
import { runIfMain } from "./run-if-main.js";

export async function main(print: (line: string) => void = console.log, maxEpochs = 30, backend: BackendChoice | "auto" = "auto") {
  const data = twoMoons({ samples: 600, noise: 0.2, seed: 11 });
  const optimizers: OptimizerFactory[] = [sgd(), momentum({ momentum: 0.9 }), adam()];
  const rows = [];
  for (const optimizer of optimizers) {
    const started = performance.now();
    const result = await trainNetwork(data, {
      layers: [{ units: 32, activation: "relu" }, { units: 32, activation: "relu" }, { units: 2, activation: "softmax" }],
      optimizer,
      batchSize: 32,
      validationSplit: 0.2,
      maxEpochs,
      seed: 5,
      backend,
    });
    const last = result.history.epochs.at(-1);
    rows.push({
      optimizer: optimizer.name,
      learningRate: optimizer.defaultLearningRate,
      iterations: result.iterations,
      epochs: result.epochs,
      trainLoss: last?.trainLoss ?? NaN,
      validationLoss: last?.validationLoss ?? NaN,
      validationAccuracy: last?.validationAccuracy ?? NaN,
      ms: performance.now() - started,
    });
    result.model.dispose();
  }
  print(`two moons, 600 points (480 train / 120 validation), 2-32-32-2 relu, batch 32, seed 5, ${maxEpochs} epochs`);
  print("optimizer                                              rate    iterations  epochs  train loss  val loss  val acc     time");
  for (const r of rows) {
    print(
      `${r.optimizer.padEnd(53)}  ${String(r.learningRate).padEnd(6)}  ${String(r.iterations).padStart(10)}  ${String(r.epochs).padStart(6)}  ` +
        `${r.trainLoss.toFixed(4).padStart(10)}  ${r.validationLoss.toFixed(4).padStart(8)}  ${(r.validationAccuracy * 100).toFixed(1).padStart(6)}%  ${(r.ms / 1000).toFixed(2).padStart(6)} s`,
    );
  }
  return rows;
}

runIfMain(import.meta.url, main);
