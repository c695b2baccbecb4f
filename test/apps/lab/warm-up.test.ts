import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/index.js";
import * as tf from "../../../solvers/neural/tfjs.js";
import { disposeTraining } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";
import { kmeansRun } from "../../../src/apps/lab/problems/clustering.js";
import { labRun } from "../../../src/apps/lab/problems/lab-run.js";
import { linearRun, youngOptimum } from "../../../src/apps/lab/problems/linear.js";
import { defaultGridworld } from "../../../src/apps/lab/problems/gridworld.js";
import { mdpRun } from "../../../src/apps/lab/problems/mdp.js";
import { compareSetup, neuralRun } from "../../../src/apps/lab/problems/neural.js";
import { generatePoints } from "../../../src/apps/lab/problems/point-sets.js";
import { minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { gaussSeidel } from "../../../solvers/gauss-seidel/index.js";

// A lab run's warm-up solves a throwaway copy so the first steps a user times start warm: it must leave the
// run's own iterates unchanged, happen once per run, free what it made, and stay away from runs whose
// problem records what the solver does.
describe("lab run warm-up", () => {
  it("leaves the iterates of Poisson, FrozenLake and k-means exactly as a cold run's", async () => {
    const makers = [
      () => linearRun({ n: 16, method: "sor", omega: youngOptimum(16) }),
      () =>
        mdpRun({
          world: "lake8",
          map: defaultGridworld,
          slip: 0.2,
          discount: 0.95,
          stepReward: -0.04,
          method: "vi-sync",
        }),
      () => kmeansRun({ points: generatePoints("blobs", 500, 1), k: 3, seed: 1, seeding: "random" }),
    ];
    for (const make of makers) {
      const [warm, cold] = [make(), make()];
      expect(warm.warmUp).toBeDefined();
      await warm.warmUp?.();
      const [a, b] = [warm.solve(6), cold.solve(6)] as RunResult<unknown, unknown>[];
      expect(a?.iterations).toBe(b?.iterations);
      expect(JSON.stringify(a?.state, typedArrays)).toBe(JSON.stringify(b?.state, typedArrays));
    }
  });

  it("runs once per run: a second call returns the first call's promise", async () => {
    const run = linearRun({ n: 8, method: "jacobi", omega: 1 });
    const first = run.warmUp?.();
    expect(run.warmUp?.()).toBe(first);
    await first;
  });

  it("frees the throwaway network: TensorFlow.js holds no more tensors after it, and training is unchanged", async () => {
    const run = neuralRun(compareSetup("moons", "adam"));
    await run.warmUp?.(); // the backend's own first-use tensors, if any, are made here
    const tensors = tf.memory().numTensors;
    const again = neuralRun(compareSetup("moons", "adam"));
    await again.warmUp?.();
    expect(tf.memory().numTensors).toBe(tensors);
    const [warm, cold] = [
      (await again.solve(3)) as RunResult<TrainingState, unknown>,
      (await neuralRun(compareSetup("moons", "adam")).solve(3)) as RunResult<TrainingState, unknown>,
    ];
    expect(warm.state.loss).toBe(cold.state.loss);
    disposeTraining(warm.state);
    disposeTraining(cold.state);
  });

  it("is absent where the problem records the solver's calls (k-means++ draws, line-search trials)", () => {
    const points = generatePoints("blobs", 100, 1);
    expect(kmeansRun({ points, k: 3, seed: 1, seeding: "kmeans++" }).warmUp).toBeUndefined();
    expect(minimiseRun({ objective: "rosenbrock", kappa: 10, method: "bfgs" }).warmUp).toBeUndefined();
  });

  it("swallows nothing the page would miss: a problem the solver rejects is rejected by the run itself", async () => {
    const broken = labRun(
      gaussSeidel(),
      { matrix: [[1, 2]], b: [1] },
      { error: () => 0, errorName: "-", warmUpIterations: 3 },
    );
    await expect(broken.warmUp?.()).resolves.toBeUndefined();
    expect(() => broken.solve(3)).toThrow(/matrix/);
  });
});

/** Typed arrays as plain arrays, so that two states compare by value. */
function typedArrays(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as Float64Array) : value;
}
