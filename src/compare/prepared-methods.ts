import { prepareProblem } from "../engine/prepared-problem.js";
import type { PreparedProblem } from "../engine/prepared-problem.js";
import type { Solver } from "../engine/solver.js";

/**
 * The prepared problems of a comparison's methods: each method prepares a problem once and runs it for the
 * warm-up and every seed that shares it (a new problem object, from a per-seed problem, replaces it), with
 * the method's run option `threads`. The comparison disposes them all when it ends, also after an error.
 */
export class PreparedMethods<P> {
  private readonly slots: ({ readonly problem: P; readonly handle: PreparedProblem<P, unknown> } | undefined)[];

  constructor(
    private readonly solvers: readonly Solver<P, unknown, unknown, unknown>[],
    private readonly threads: readonly (number | undefined)[] = [],
  ) {
    this.slots = solvers.map(() => undefined);
  }

  /** The handle of method `index` for `problem`, prepared now if it is not the method's current problem. */
  for(index: number, problem: P): PreparedProblem<P, unknown> {
    const slot = this.slots[index];
    if (slot !== undefined && slot.problem === problem) return slot.handle;
    slot?.handle.dispose();
    this.slots[index] = undefined;
    const solver = this.solvers[index] as Solver<P, unknown, unknown, unknown>;
    const handle = prepareProblem(solver, problem, { threads: this.threads[index] });
    this.slots[index] = { problem, handle };
    return handle;
  }

  /** Disposes every handle; the first error of a dispose is thrown once all have run. */
  dispose(): void {
    const handles = this.slots.map((slot) => slot?.handle);
    this.slots.fill(undefined);
    let failure: { readonly error: unknown } | undefined;
    for (const handle of handles) {
      try {
        handle?.dispose();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
