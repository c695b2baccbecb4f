import { anyOf, below, growsBeyond } from "../../src/index.js";
import { integerAtLeast, isBoolean, numberAtLeast, optional } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { prepareSystem } from "./prepare-system.js";
import type {
  GaussSeidelOptions,
  GaussSeidelProblem,
  GaussSeidelRecord,
  GaussSeidelState,
  PreparedGaussSeidel,
} from "./types.js";

/** One stationary method of the family: how it sweeps, and whether it needs a red-black colouring. */
export interface StationaryMethod {
  /** The solver's name. */
  readonly name: string;
  /** Whether `prepare` must colour the rows red and black (when the matrix is not a recognised stencil). */
  readonly colouring: boolean;
  /** Whether every row's update reads only `x_k` (Jacobi), so its sweep may run on several threads. */
  readonly rowParallel?: boolean;
  /**
   * Writes `x_{k+1}` into `next` from `x_k` in `current` (distinct arrays); returns `||b - A x_{k+1}||_2^2`
   * (`NaN` or that number when `withResidual` is false: the caller does not read it then). `last`: the
   * iteration bound is reached, so no sweep follows (a kernel then has no use for the iterate after it).
   */
  sweep(
    prepared: PreparedGaussSeidel,
    current: Float64Array,
    next: Float64Array,
    withResidual: boolean,
    last: boolean,
  ): number;
}

/**
 * The rules of the options every method of the family shares; each entry point (`jacobi`, `sor`, ...)
 * validates them, with its own, through `validateStrictOptions`, so the full set of names is known there.
 */
export const stationaryRules = {
  relTolerance: optional(numberAtLeast(0)),
  absTolerance: optional(numberAtLeast(0)),
  divergenceTolerance: optional(numberAtLeast(1)),
  maxIterations: optional(integerAtLeast(0)),
  spectralRadiusWindow: optional(integerAtLeast(1)),
  stencilKernel: optional(isBoolean),
  checkInterval: optional(integerAtLeast(1)),
} satisfies OptionSchemaOf<GaussSeidelOptions>;

/**
 * The solver shared by the family: PETSc's stopping rules around a method's sweep, checked every
 * `checkInterval` iterations, double-buffered iterates, and the spectral-radius estimate. Its caller has validated the options against
 * {@link stationaryRules}.
 */
export function stationarySolver(
  method: StationaryMethod,
  options: GaussSeidelOptions,
): Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel> {
  const window = options.spectralRadiusWindow ?? 10;
  const stencil = options.stencilKernel ?? true;
  const interval = options.checkInterval ?? 1;
  const residual = (state: GaussSeidelState) => state.residualNorm;
  return {
    name: method.name,
    maxIterations: options.maxIterations ?? 10_000,
    convergence: anyOf(
      below((state: GaussSeidelState) => state.relativeResidual, options.relTolerance ?? 1e-8, { name: "||r||/||b||" }),
      below(residual, options.absTolerance ?? 1e-50, { name: "||r||" }),
    ),
    divergence: growsBeyond(residual, options.divergenceTolerance ?? 1e5, { name: "||r|| (dtol)" }),
    prepare: (problem, context) =>
      prepareSystem(problem, { stencil, colouring: method.colouring, rowParallel: method.rowParallel }, context),
    dispose: (prepared) => prepared.kernel?.dispose(),
    kernelThreads: (prepared) => prepared.kernel?.threads ?? 1,
    init({ system, x0, residualNorm }) {
      return {
        x: x0.slice(),
        previousX: x0.slice(),
        residualNorm,
        residualAge: 0,
        relativeResidual: residualNorm / system.residualScale,
        spectralRadiusEstimate: Number.NaN,
        recentResidualNorms: [residualNorm],
      };
    },
    step(prepared, state, { iteration, maxIterations, statesVisible }) {
      // Double buffering: x_{k+1} overwrites x_{k-1}, so a run allocates no vector after init.
      const next = state.previousX;
      const k = iteration + 1;
      const last = k === maxIterations;
      const check = k % interval === 0 || last;
      if (prepared.kernel !== undefined) prepared.kernel.verifyHandedBack = statesVisible;
      const squared = method.sweep(prepared, state.x, next, check, last);
      // `?? 0`: a checkpoint written before residualAge existed resumes as freshly checked, not NaN.
      if (!check) return { ...state, x: next, previousX: state.x, residualAge: (state.residualAge ?? 0) + 1 };
      const residualNorm = Math.sqrt(squared);
      const recent = state.recentResidualNorms;
      const recentResidualNorms =
        recent.length > window ? [...recent.slice(recent.length - window), residualNorm] : [...recent, residualNorm];
      const oldest = recentResidualNorms[0] as number;
      // Iterations spanned by the recorded norms: whole intervals, but the first and last may be shorter.
      const spanned = k - Math.max(0, checkedBefore(k, interval, recentResidualNorms.length - 1));
      return {
        x: next,
        previousX: state.x,
        residualNorm,
        residualAge: 0,
        relativeResidual: residualNorm / prepared.system.residualScale,
        spectralRadiusEstimate:
          oldest > 0 && Number.isFinite(oldest) ? (residualNorm / oldest) ** (1 / spanned) : Number.NaN,
        recentResidualNorms,
      };
    },
    record: ({ residualNorm, relativeResidual, spectralRadiusEstimate }) => ({
      residualNorm,
      relativeResidual,
      spectralRadiusEstimate,
    }),
  };
}

/**
 * The iteration of the check `back` checks before iteration `k` (a check itself), with checks at every
 * multiple of `interval` and at `k`; at most 0 (the start).
 */
function checkedBefore(k: number, interval: number, back: number): number {
  if (back === 0) return k;
  const lastMultiple = k % interval === 0 ? k - interval : k - (k % interval);
  return lastMultiple - (back - 1) * interval;
}
