import { adam, neuralNetwork } from "../../solvers/neural/index.js";
import type { BackendChoice } from "../../solvers/neural/index.js";

/**
 * The benchmarks' MLP 784-128-10 (issue 17's workload, the same in every bench that times it and in the GPU
 * check): Adam at 1e-3, the loss read once per epoch; the arguments of `trainNetwork` but the data.
 */
export function mlpBenchOptions(batchSize: number, maxEpochs: number, backend: BackendChoice, threads?: number) {
  const solver = neuralNetwork({
    layers: [{ units: 128, activation: "relu" as const }, { units: 10 }],
    optimizer: adam(),
    learningRate: 1e-3,
    batchSize,
    lossReadEvery: "epoch" as const,
  });
  return { solver, run: { maxEpochs, seed: 1, backend, ...(threads === undefined ? {} : { threads }) } };
}
