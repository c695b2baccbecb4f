import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HookError, prepareProblem, solveAsync } from "../../../src/index.js";
import type { SolveOptions, SolveResult } from "../../../src/index.js";
import { disposeTraining, loadBackend, neuralNetwork, twoMoons } from "../../../solvers/neural/index.js";
import type { TrainingProblem, TrainingRecord, TrainingState } from "../../../solvers/neural/index.js";
import { weightsOf } from "./fixtures.js";

beforeAll(async () => {
  await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
});

afterAll(async () => {
  await tf.setBackend("cpu");
  if (tf.findBackendFactory("prepare-test") !== null) tf.removeBackend("prepare-test");
});

const problem: TrainingProblem = twoMoons({ samples: 48, noise: 0.1, seed: 3 });
const solver = neuralNetwork({
  layers: [{ units: 6, activation: "tanh" }, { units: 2 }],
  learningRate: 0.05,
  batchSize: 8,
  validationSplit: 0.25,
  lossReadEvery: 2,
});
const runOptions: SolveOptions<TrainingState, TrainingRecord> = { maxEpochs: 3, seed: 5 };

/** What two runs must share to count as the same (the run's tensors are released here). */
function comparable(result: SolveResult<TrainingState, TrainingRecord>) {
  const weights = weightsOf(result.state.session.model);
  disposeTraining(result.state);
  return {
    iterations: result.iterations,
    stopReason: result.stopReason,
    records: result.trace.entries.map(({ iteration, epoch, record }) => ({ iteration, epoch, record })),
    weights,
  };
}

describe("neuralNetwork's prepare phase", () => {
  it("holds the validation tensors in the prepared problem, and dispose frees them", () => {
    const before = tf.memory().numTensors;
    const prepared = prepareProblem(solver, problem);
    expect(tf.memory().numTensors).toBe(before + 2); // validation inputs and labels
    expect(prepared.prepared.data.rows).toBe(36);
    expect(prepared.prepared.data.validationRows).toBe(12);
    expect(prepared.prepared.backend).toBe("cpu");
    prepared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("gives two identical runs on a caller-held handle, equal to a plain solve, and leaks no tensor", async () => {
    const before = tf.memory().numTensors;
    const prepared = prepareProblem(solver, problem);
    const first = comparable(await solveAsync(solver, prepared, runOptions));
    const second = comparable(await solveAsync(solver, prepared, runOptions));
    expect(tf.memory().numTensors).toBe(before + 2); // the runs leave the caller's handle alone
    expect(first.iterations).toBe(15); // 3 epochs of ceil(36 / 8) = 5 iterations
    expect(first.records.some(({ record }) => record.validationAccuracy !== undefined)).toBe(true);
    expect(second).toEqual(first);
    expect(comparable(await solveAsync(solver, problem, runOptions))).toEqual(first);
    prepared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("frees the prepared tensors of a run that throws, and keeps a caller's handle usable after one", async () => {
    const before = tf.memory().numTensors;
    let live: TrainingState | undefined;
    const failing: SolveOptions<TrainingState, TrainingRecord> = {
      ...runOptions,
      hooks: {
        onIteration: ({ state, iteration }) => {
          live = state;
          if (iteration === 4) throw new Error("hook failed on purpose");
        },
      },
    };
    await expect(solveAsync(solver, problem, failing)).rejects.toThrow(HookError);
    disposeTraining(live as TrainingState);
    expect(tf.memory().numTensors).toBe(before);

    const prepared = prepareProblem(solver, problem);
    await expect(solveAsync(solver, prepared, failing)).rejects.toThrow(HookError);
    disposeTraining(live as TrainingState);
    expect(tf.memory().numTensors).toBe(before + 2);
    const after = comparable(await solveAsync(solver, prepared, runOptions));
    expect(after).toEqual(comparable(await solveAsync(solver, problem, runOptions)));
    prepared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses a handle prepared on another backend than the current one", async () => {
    const CpuBackend = (tf.findBackend("cpu") as tf.KernelBackend).constructor as new () => tf.KernelBackend;
    tf.registerBackend("prepare-test", () => new CpuBackend());
    const before = tf.memory().numTensors;
    const prepared = prepareProblem(solver, problem);
    await tf.setBackend("prepare-test");
    try {
      await expect(solveAsync(solver, prepared, runOptions)).rejects.toThrowErrorMatchingInlineSnapshot(
        `[InvalidProblemError: problem must be prepared on the current backend (prepare-test): prepare it again after switching, got one prepared on the cpu backend]`,
      );
    } finally {
      await tf.setBackend("cpu");
    }
    prepared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
