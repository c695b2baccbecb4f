import { expect } from "vitest";
import { neuralNetwork, twoMoons } from "../../../solvers/neural/index.js";
import type { TrainingProblem } from "../../../solvers/neural/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { deepFreeze } from "../../fixtures/problems.js";

/** The option names `neuralNetwork` documents. */
export const networkNames = [
  "layers",
  "model",
  "loss",
  "optimizer",
  "learningRate",
  "reduceOnPlateau",
  "batchSize",
  "dropLast",
  "gradientAccumulation",
  "clipNorm",
  "clipValue",
  "validationSplit",
  "evaluateEvery",
  "earlyStopping",
  "lossReadEvery",
  "maxIterations",
] as const;

const problem: TrainingProblem = deepFreeze(twoMoons({ samples: 96, noise: 0.1, seed: 3 }));

/**
 * The neural solver's conformance case. It runs only with the async drivers (losses are read back
 * asynchronously), so test/conformance/neural.test.ts runs it, not the table of ./index.ts; the
 * strict-options test reads its factory like the others'.
 */
export const neuralCase: ConformanceCase = {
  name: "neural network (two dense layers, early stopping) on two moons",
  ...madeBy(
    neuralNetwork,
    {
      layers: [{ units: 8, activation: "tanh" }, { units: 2 }],
      learningRate: 0.05,
      batchSize: 16,
      validationSplit: 0.25,
      earlyStopping: { patience: 3 },
      lossReadEvery: 1,
    },
    networkNames,
  ),
  problem,
  check: (result) => {
    const lastCheck = [...result.trace.entries]
      .reverse()
      .find((entry) => entry.record.validationAccuracy !== undefined);
    expect(lastCheck?.record.validationAccuracy).toBeGreaterThan(0.9);
  },
};
