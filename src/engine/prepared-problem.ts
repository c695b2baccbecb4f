import { InvalidOptionError, IterlabError, StepError } from "./errors.js";
import { KernelPoolHandle } from "./kernel-pool.js";
import type { KernelPool } from "./kernel-pool.js";
import { fingerprintProblem } from "./problem-fingerprint.js";
import type { ProblemFingerprint } from "./problem-fingerprint.js";
import type { Solver } from "./solver.js";
import { integerAtLeast, optional, validateStrictOptions } from "./validate.js";
import type { OptionRule, OptionSchemaOf } from "./validate.js";
import { defaultKernelThreads } from "./wasm-kernels.js";

/** What a solver's `prepare` gets besides the problem: the run options that shape the preparation. */
export interface PrepareContext {
  /** The function that asked for the preparation (`solve`, `prepareProblem`, ...), for messages. */
  readonly owner: string;
  /**
   * The most threads the prepared problem's kernels may use, the caller's included: the run option
   * `threads`, or `defaultKernelThreads()`. A method whose update is sequential (and a solver without
   * threaded kernels) uses one; the solver's `kernelThreads` reports what its kernels were bound to.
   */
  readonly threads: number;
  /**
   * The run option `kernelPool`: where the prepared problem's kernels take their memory and workers from
   * (and give them back on `dispose`); undefined for kernels of their own. Pass it to `bindKernel`.
   */
  readonly kernelPool: KernelPool | undefined;
  /**
   * Records a warning found while preparing (a matrix for which convergence is not guaranteed, say): one
   * sentence, kept on the prepared problem and reported in every run's `result.warnings`, so that states
   * need not carry it. Library code never prints.
   */
  warn(message: string): void;
}

/** Options of {@link prepareProblem}: the run options that shape the preparation. */
export interface PrepareOptions {
  /**
   * The most threads the prepared problem's kernels may use, an integer >= 1, the caller's included; a
   * method whose update is sequential uses one. Threaded on large problems: k-means' and Hamerly's
   * assignment passes, EM's passes, value iteration's synchronous sweeps, Jacobi's sweep on a general CSR
   * matrix, the neural network's large products on the wasm backend. Results are the same bits with any
   * number. {@link PreparedProblem.kernelThreads} (and a run's `kernelThreads`) says how many the kernels
   * were bound to. The workers are ended by the prepared problem's `dispose` (at the end of `solve`, or by
   * the caller for a handle).
   * @defaultValue the machine's available parallelism, at most 8 (`defaultKernelThreads()`)
   */
  readonly threads?: number | undefined;
  /**
   * A caller's pool of kernel memories and workers (from `kernelPool()`): the prepared problem's kernels
   * take theirs from it and give them back on `dispose`, so a series of prepared problems (one-off `solve`
   * calls on new problems, say) maps kernel memory and starts workers once. Results are the same bits.
   * @defaultValue none: each prepared problem's kernels get fresh memory and workers, ended by its `dispose`
   */
  readonly kernelPool?: KernelPool | undefined;
}

/**
 * The context `prepare` receives. `threads` is a getter: only solvers with threaded kernels read it, and
 * the machine's parallelism is a system call. A class, since an object literal with a getter costs about a
 * microsecond to make, which many short runs (repeated solves) would pay each time.
 */
class LazyPrepareContext implements PrepareContext {
  /** The warnings recorded by `warn`, made on the first one (most problems have none). */
  warnings: string[] | undefined;

  constructor(
    readonly owner: string,
    readonly kernelPool: KernelPool | undefined,
    private readonly requestedThreads: number | undefined,
  ) {}

  get threads(): number {
    return this.requestedThreads ?? defaultKernelThreads();
  }

  warn(message: string): void {
    (this.warnings ??= []).push(String(message));
  }
}

/** The warnings of a problem that has none: one frozen array, shared. */
export const noWarnings: readonly string[] = Object.freeze([]);

/** The rule of the `kernelPool` run option. */
export const kernelPoolRule: OptionRule = {
  expected: "a pool from kernelPool()",
  test: (value) => value instanceof KernelPoolHandle,
};

/** The rules of {@link PrepareOptions}. */
export const prepareOptionRules = {
  threads: optional(integerAtLeast(1)),
  kernelPool: optional(kernelPoolRule),
} satisfies OptionSchemaOf<PrepareOptions>;

/**
 * A problem prepared once by one solver (validated, converted, factorised, kernels bound), to be run many
 * times: pass it to `solve` (and the other drivers) in place of the problem.
 *
 * @remarks Made by {@link prepareProblem}. The caller owns it: runs never dispose it; call `dispose()` (or
 * declare it with `using`) when done, which frees its kernels and workers. A disposed handle is refused by
 * `solve`. The problem it was made from must not change while the handle lives. Its fingerprint (for
 * checkpoints) is computed at most once.
 *
 * @typeParam P - The problem type.
 * @typeParam Q - The solver's prepared-problem type.
 */
export interface PreparedProblem<P, Q = P> extends Disposable {
  /** The problem it was prepared from. */
  readonly problem: P;
  /** What the solver's `prepare` returned (the problem itself for solvers without `prepare`). */
  readonly prepared: Q;
  /**
   * The warnings the solver's `prepare` recorded (see {@link PrepareContext.warn}), in order; empty when
   * none. Every run on the handle reports them as `result.warnings`.
   */
  readonly warnings: readonly string[];
  /** Whether `dispose()` has run. */
  readonly disposed: boolean;
  /**
   * The most threads the prepared problem's kernels were bound to use, the caller's included (the solver's
   * `kernelThreads`): 1 for a method whose update is sequential or a problem below its kernel's size,
   * whatever `threads` asked for.
   */
  readonly kernelThreads: number;
  /** The problem's fingerprint, computed on first use and kept. */
  fingerprint(): ProblemFingerprint;
  /** Frees what the solver's `prepare` acquired (its `dispose`); later calls do nothing. */
  dispose(): void;
}

/**
 * Prepares a problem once for a solver, so that many runs (restarts, seeds, repeated solves) pay the
 * preparation once.
 *
 * @remarks Calls `solver.prepare(problem)` now (or keeps the problem as it is, for solvers without
 * `prepare`). The handle works only with the solver object that made it, since what is prepared depends
 * on the solver's options.
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The record type.
 * @typeParam Q - The prepared-problem type.
 * @param solver - The solver that will run it.
 * @param problem - The problem; never mutated, and not to be changed while the handle lives.
 * @param options - `threads` for the problem's kernels (every run on the handle uses them), `kernelPool`
 *   for their memory and workers.
 * @returns The handle; dispose it when done (which ends its kernels' worker threads).
 * @throws {@link InvalidOptionError} for invalid options, {@link InvalidProblemError} for a malformed
 *   problem (the solver's checks), {@link StepError} (phase `init`) when `prepare` throws something else.
 * @example
 * ```ts
 * using prepared = prepareProblem(gaussSeidel(), { matrix: poisson2d(32), b });
 * for (const b of rightHandSides) solve(solver, prepared, { maxIterations: 500 });
 * ```
 */
export function prepareProblem<P, S, R, Q>(
  solver: Solver<P, S, R, Q>,
  problem: P,
  options: PrepareOptions = {},
): PreparedProblem<P, Q> {
  if (solver === null || typeof solver !== "object") throw new InvalidOptionError("solver", "a solver object", solver);
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  validateStrictOptions(options, prepareOptionRules, "prepareProblem");
  return PreparedHandle.create(solver, problem, "prepareProblem", options);
}

/** The one implementation of {@link PreparedProblem}; `solve` recognises handles by this class. */
export class PreparedHandle<P, Q> implements PreparedProblem<P, Q> {
  private released = false;
  private print: ProblemFingerprint | undefined;

  private constructor(
    /** The solver whose `prepare` made it. */
    readonly solver: Solver<P, unknown, unknown, Q>,
    readonly problem: P,
    readonly prepared: Q,
    readonly warnings: readonly string[] = noWarnings,
  ) {}

  /** Runs the solver's `prepare` (user errors become a {@link StepError} of phase `init`). */
  static create<P, Q>(
    solver: Solver<P, unknown, unknown, Q>,
    problem: P,
    owner: string,
    options: PrepareOptions,
  ): PreparedHandle<P, Q> {
    if (solver.prepare === undefined) return new PreparedHandle(solver, problem, problem as unknown as Q);
    try {
      const context = new LazyPrepareContext(owner, options.kernelPool, options.threads);
      const prepared = solver.prepare(problem, context);
      const warnings = context.warnings === undefined ? noWarnings : Object.freeze(context.warnings);
      return new PreparedHandle(solver, problem, prepared, warnings);
    } catch (cause) {
      throw cause instanceof IterlabError ? cause : new StepError("init", 0, cause);
    }
  }

  get disposed(): boolean {
    return this.released;
  }

  get kernelThreads(): number {
    return this.solver.kernelThreads?.(this.prepared) ?? 1;
  }

  fingerprint(): ProblemFingerprint {
    this.print ??= fingerprintProblem(this.problem);
    return this.print;
  }

  dispose(): void {
    if (this.released) return;
    this.released = true;
    this.solver.dispose?.(this.prepared);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Checks that a run may use this handle: made by this solver, not disposed. */
  checkUsableBy(solver: Solver<P, unknown, unknown, Q>, owner: string): this {
    if (solver !== this.solver) {
      const message =
        `problem is a prepared problem made by another solver (${this.solver.name}); ` +
        `${owner} needs one made by prepareProblem with this solver (${solver.name})`;
      throw new InvalidOptionError("problem", "a prepared problem of this solver", this, message);
    }
    if (this.released) {
      const message = `problem is a prepared problem that was disposed; prepare it again with prepareProblem`;
      throw new InvalidOptionError("problem", "a prepared problem that is not disposed", this, message);
    }
    return this;
  }
}
