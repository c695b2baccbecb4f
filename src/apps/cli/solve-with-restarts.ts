import { bestOf, prepareProblem, solve } from "../../index.js";
import type { SolveOptions, SolveResult } from "../../index.js";
import type { SolverSetup } from "./solver-entry.js";

/** What {@link solveWithRestarts} returns: the kept run, and the restarts when there were several. */
export interface RestartedSolve {
  /** The run kept: the only one, or the best restart. */
  readonly result: SolveResult<unknown>;
  /** The seed of the run kept (`undefined`: the solver's default, one run). */
  readonly seed: number | undefined;
  /** With several restarts (`--n-init`), each one's seed and score and the index of the best. */
  readonly restarts?: {
    readonly seeds: readonly number[];
    readonly scores: readonly number[];
    readonly bestIndex: number;
    readonly score: string;
  };
}

/**
 * Runs a configured solver once, or, when its setup asks for restarts (`--n-init` of the Gaussian mixture),
 * that many times from seeds derived from `--seed` (the engine's `bestOf`), keeping the best score. The
 * restarts share one prepared problem (`prepareProblem`, with the run option `threads`), so the data is
 * converted, checked and copied into the kernels once, not once per start.
 *
 * @param setup - The solver, its problem and its restarts.
 * @param options - The run options (`seed`, `maxIterations`, `threads`, hooks, trace).
 * @returns The run kept and, with restarts, what each one scored.
 */
export function solveWithRestarts(setup: SolverSetup, options: SolveOptions<unknown, unknown>): RestartedSolve {
  const restarts = setup.restarts;
  if (restarts === undefined || restarts.count === 1) {
    return { result: solve(setup.solver, setup.problem, options), seed: options.seed };
  }
  const { threads, ...runOptions } = options;
  using prepared = prepareProblem(setup.solver, setup.problem, threads === undefined ? {} : { threads });
  const runs = bestOf(
    restarts.count,
    ({ seed }) => solve(setup.solver, prepared, { ...runOptions, seed }),
    (result) => restarts.score(result.state),
    { seed: options.seed ?? 0, direction: restarts.direction },
  );
  return {
    result: runs.best,
    seed: runs.seeds[runs.bestIndex],
    restarts: { seeds: runs.seeds, scores: runs.scores, bestIndex: runs.bestIndex, score: restarts.label },
  };
}
