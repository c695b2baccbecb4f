import * as tf from "../../solvers/neural/tfjs.js";
import { beforeAll, describe, expect, it } from "vitest";
import { solveAsync, solveIterationsAsync } from "../../src/index.js";
import type { IterationEvent, SolveOptions, SolveResult } from "../../src/index.js";
import { disposeTraining, loadBackend } from "../../solvers/neural/index.js";
import type { TrainingProblem, TrainingRecord, TrainingState } from "../../solvers/neural/index.js";
import { neuralCase } from "./cases/neural.js";

/**
 * The conformance table (test/conformance/solvers.test.ts) for the neural solver, through the async drivers
 * it needs (losses are read back asynchronously). Two checks do not apply and are left out on purpose: the
 * sync driver (a read would be a Promise) and checkpoint/resume (the state holds the live model).
 */
const problem = neuralCase.problem as TrainingProblem;
const solver = neuralCase.solver;

/** What two runs must share to count as the same: counts, stop reason, the trace's numbers, the final weights. */
async function comparable(result: SolveResult<TrainingState, TrainingRecord>) {
  const weights = await Promise.all(result.state.session.model.getWeights().map((weight) => weight.data()));
  disposeTraining(result.state);
  return {
    iterations: result.iterations,
    stopReason: result.stopReason,
    records: result.trace.entries.map(({ iteration, epoch, record }) => ({ iteration, epoch, record })),
    weights: weights.map((values) => Array.from(values)),
  };
}

async function run(options: SolveOptions<TrainingState, TrainingRecord> = {}) {
  return solveAsync(solver, problem, { maxEpochs: 200, seed: 5, ...options });
}

describe("conformance: neural network (async drivers)", () => {
  beforeAll(async () => {
    await loadBackend({ prefer: "cpu" }); // the library's cpu start: no tfjs-node banner
  });

  it("converges on its fixture (early stopping) and classifies the validation rows", async () => {
    const before = tf.memory().numTensors;
    const result = await run();
    expect(result.stopReason.kind).toBe("converged");
    expect(result.converged).toBe(true);
    neuralCase.check(result);
    disposeTraining(result.state);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("gives the same result for the same seed", async () => {
    expect(await comparable(await run())).toEqual(await comparable(await run()));
  });

  it("returns iteration 0 with reason maxIterations when maxIterations is 0", async () => {
    const result = await run({ maxIterations: 0 });
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 0 });
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0]);
    disposeTraining(result.state);
  });

  it("records a trace of iterations + 1 entries, iteration 0 first", async () => {
    const result = await run({ trace: { maxLength: 100_000 } });
    expect(result.trace.entries).toHaveLength(result.iterations + 1);
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual(
      Array.from({ length: result.iterations + 1 }, (_, i) => i),
    );
    disposeTraining(result.state);
  });

  it("does not mutate its (frozen) problem", async () => {
    expect(Object.isFrozen(problem)).toBe(true);
    expect(Object.isFrozen(problem.x)).toBe(true);
    disposeTraining((await run({ maxEpochs: 2 })).state);
  });

  it("stops with reason aborted within one step of an abort", async () => {
    const controller = new AbortController();
    const result = await run({
      signal: controller.signal,
      hooks: { onIteration: (event) => (event.iteration === 2 ? controller.abort(new Error("enough")) : undefined) },
    });
    expect(result.stopReason.kind).toBe("aborted");
    expect(result.iterations).toBe(2);
    disposeTraining(result.state);
  });

  it("gives the same result with the async and the step-through async drivers", async () => {
    const whole = await comparable(await run());
    const events: IterationEvent<TrainingState>[] = [];
    const steps = solveIterationsAsync(solver, problem, { maxEpochs: 200, seed: 5 });
    let next = await steps.next();
    while (next.done !== true) {
      events.push(next.value);
      next = await steps.next();
    }
    const stepped = await comparable(next.value as SolveResult<TrainingState, TrainingRecord>);
    expect(stepped).toEqual(whole);
    expect(events).toHaveLength(whole.iterations + 1);
  });
});
