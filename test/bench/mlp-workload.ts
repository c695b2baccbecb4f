import { adam } from "../../solvers/neural/index.js";
import type { BackendChoice } from "../../solvers/neural/index.js";

/**
 * The options of the benchmarks' MLP 784-128-10 (issue 17's workload, the same in every bench that times it and
 * in the GPU check): Adam at 1e-3, seed 1, the loss read once per epoch.
 */
export function mlpBenchOptions(batchSize: number, maxEpochs: number, backend: BackendChoice, threads?: number) {
  return {
    layers: [{ units: 128, activation: "relu" as const }, { units: 10 }],
    optimizer: adam(),
    learningRate: 1e-3,
    batchSize,
    maxEpochs,
    lossReadEvery: "epoch" as const,
    seed: 1,
    backend,
    ...(threads === undefined ? {} : { threads }),
  };
}
