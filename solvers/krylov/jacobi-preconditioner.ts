import type { Preconditioner } from "./types.js";
import { positiveDiagonal } from "./diagonal-of.js";

/**
 * The Jacobi (diagonal) preconditioner `M = diag(A)` for {@link conjugateGradient}.
 *
 * @remarks Applying it costs n divisions (multiplications by the stored inverse). It equalises the scale of
 * the rows, which helps when the diagonal varies; on a constant-diagonal matrix such as `poisson2d` it
 * changes nothing but the scale (the same iterates as CG).
 *
 * @returns The preconditioner, named `Jacobi`.
 * @throws (from the solver's `init`) `InvalidProblemError` naming the first row whose diagonal entry is
 *   missing or not positive.
 * @example
 * ```ts
 * const solver = conjugateGradient({ preconditioner: jacobiPreconditioner() });
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 10.2.
 */
export function jacobiPreconditioner(): Preconditioner {
  return {
    name: "Jacobi",
    setup(matrix) {
      const at = positiveDiagonal(matrix, "Jacobi");
      const inverse = Float64Array.from(at, (k) => 1 / (matrix.values[k] as number));
      return (r, z) => {
        for (let i = 0; i < r.length; i++) z[i] = (r[i] as number) * (inverse[i] as number);
      };
    },
  };
}
