import {
  anyOf,
  below,
  growsBeyond,
  integerAtLeast,
  InvalidProblemError,
  numberAtLeast,
  optional,
  toFiniteFloat64,
} from "../../src/index.js";
import type { Criterion, OptionSchemaOf } from "../../src/index.js";
import { toCsrMatrix } from "../gauss-seidel/index.js";
import type { CsrMatrix } from "../gauss-seidel/index.js";
import type { KrylovOptions, KrylovProblem, KrylovRecord, KrylovStateBase } from "./types.js";
import { residualInto, vectorNorm } from "./vectors.js";

/**
 * A Krylov method's prepared problem (what its `prepare` returns): CSR matrix, right-hand side, start,
 * `r_0 = b - A x_0` and the residual scale, shared read-only by every run on it.
 */
export interface KrylovSystem {
  /** `A` in CSR form. */
  readonly matrix: CsrMatrix;
  /** `b`, checked and converted. */
  readonly b: Float64Array;
  /** The start `x_0`: read only (each run's `init` copies it). */
  readonly x0: Float64Array;
  /** `r_0 = b - A x_0`: read only (each run's `init` copies it). */
  readonly r0: Float64Array;
  /** `||r_0||_2`. */
  readonly r0Norm: number;
  /** `||b||_2`, or `||r_0||_2` when `b = 0`, or 1 when both are 0: the denominator of `relativeResidual`. */
  readonly residualScale: number;
}

/** The rules of the options every Krylov method shares (each factory adds its own). */
export const krylovRules = {
  relTolerance: optional(numberAtLeast(0)),
  absTolerance: optional(numberAtLeast(0)),
  divergenceTolerance: optional(numberAtLeast(1)),
  maxIterations: optional(integerAtLeast(0)),
} satisfies OptionSchemaOf<KrylovOptions>;

/**
 * Checks a problem and converts its matrix to CSR: the one-time work every Krylov method shares, done by
 * each method's `prepare`. O(nnz) for a CSR matrix, O(n^2) for a dense one.
 *
 * @throws `InvalidProblemError` naming the malformed part.
 */
export function krylovSystem(problem: KrylovProblem): KrylovSystem {
  if (problem === null || typeof problem !== "object") {
    throw new InvalidProblemError("problem", "an object { matrix, b, x0? }", problem);
  }
  const matrix = toCsrMatrix(problem.matrix);
  const n = matrix.rows;
  const b = toFiniteFloat64(problem.b, "problem.b", n);
  const x0 = problem.x0 === undefined ? new Float64Array(n) : toFiniteFloat64(problem.x0, "problem.x0", n);
  const r0 = new Float64Array(n);
  residualInto(matrix, b, x0, r0);
  const bNorm = vectorNorm(b);
  const r0Norm = vectorNorm(r0);
  return { matrix, b, x0, r0, r0Norm, residualScale: bNorm > 0 ? bNorm : r0Norm > 0 ? r0Norm : 1 };
}

/** The stopping rules every Krylov method shares: PETSc's rtol/atol/dtol on the state's residual norm. */
export function krylovStopping(options: KrylovOptions): {
  readonly convergence: Criterion<KrylovStateBase>;
  readonly divergence: Criterion<KrylovStateBase>;
  readonly maxIterations: number;
} {
  const residual = (state: KrylovStateBase) => state.residualNorm;
  return {
    maxIterations: options.maxIterations ?? 10_000,
    convergence: anyOf(
      below((state: KrylovStateBase) => state.relativeResidual, options.relTolerance ?? 1e-8, { name: "||r||/||b||" }),
      below(residual, options.absTolerance ?? 1e-50, { name: "||r||" }),
    ),
    divergence: growsBeyond(residual, options.divergenceTolerance ?? 1e5, { name: "||r|| (dtol)" }),
  };
}

/** The trace record of every Krylov method. */
export function krylovRecord(state: KrylovStateBase): KrylovRecord {
  return { residualNorm: state.residualNorm, relativeResidual: state.relativeResidual };
}
