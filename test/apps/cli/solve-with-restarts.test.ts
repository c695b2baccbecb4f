import { describe, expect, it } from "vitest";
import { bestOf, Random, solve } from "../../../src/index.js";
import type { Solver } from "../../../src/index.js";
import { solveWithRestarts } from "../../../src/apps/cli/solve-with-restarts.js";
import type { CliSolver } from "../../../src/apps/cli/solver-entry.js";
import {
  diagonalCovariance,
  gaussianMixture,
  randomResponsibilities,
} from "../../../solvers/gaussian-mixture/index.js";
import type { GaussianMixtureState } from "../../../solvers/gaussian-mixture/index.js";

/** Three overlapping groups, 6,000 x 4 (24,000 coordinates: the mixture's WebAssembly passes, on `threads`). */
function groups(n: number, d: number): Float64Array {
  const random = new Random(9);
  return Float64Array.from({ length: n * d }, (_, p) => 3 * (Math.floor(p / d) % 3) + random.normal());
}

/** The solver with its `prepare` calls and the `threads` each one got counted. */
function counted<P, S, R, Q>(solver: Solver<P, S, R, Q>) {
  const threads: (number | undefined)[] = [];
  const wrapped: Solver<P, S, R, Q> = {
    ...solver,
    prepare: (problem, context) => {
      threads.push(context.threads);
      return (solver.prepare as NonNullable<typeof solver.prepare>)(problem, context);
    },
  };
  return { wrapped, threads };
}

describe("solveWithRestarts (--n-init)", () => {
  const problem = { data: { values: groups(6000, 4), rows: 6000 } };
  const mixture = gaussianMixture({ k: 3, covariance: diagonalCovariance(), init: randomResponsibilities() });
  const score = (state: unknown) => (state as GaussianMixtureState).logLikelihood;
  const restarts = { count: 4, score, direction: "maximize" as const, label: "log-likelihood" };

  it("prepares the problem once for all restarts, on the run's threads, and keeps the best of separate solves", () => {
    const { wrapped, threads } = counted(mixture);
    const kept = solveWithRestarts(
      { solver: wrapped as unknown as CliSolver, problem, restarts },
      { seed: 7, threads: 2, trace: false },
    );
    expect(threads).toEqual([2]);
    // The same runs, each preparing the problem itself (what the CLI did before).
    const separate = bestOf(
      4,
      ({ seed }) => solve(mixture, problem, { seed, threads: 2, trace: false }),
      (result) => result.state.logLikelihood,
      { seed: 7, direction: "maximize" },
    );
    expect(kept.restarts?.scores).toEqual(separate.scores);
    expect(kept.restarts?.seeds).toEqual(separate.seeds);
    expect(kept.seed).toBe(separate.seeds[separate.bestIndex]);
    expect(score(kept.result.state)).toBe(separate.best.state.logLikelihood);
    expect(new Set(separate.scores).size).toBeGreaterThan(1); // the starts differ, so keeping the best means something
  });

  it("runs once, preparing once, without restarts", () => {
    const { wrapped, threads } = counted(mixture);
    const kept = solveWithRestarts({ solver: wrapped as unknown as CliSolver, problem }, { seed: 3, threads: 1 });
    expect(threads).toEqual([1]);
    expect(kept.restarts).toBeUndefined();
    expect(score(kept.result.state)).toBe(solve(mixture, problem, { seed: 3, threads: 1 }).state.logLikelihood);
  });
});
