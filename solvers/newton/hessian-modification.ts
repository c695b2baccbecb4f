/**
 * How Newton minimisation treats a Hessian that is not positive definite: a strategy for the
 * `hessianModification` option of `newtonMinimize`.
 *
 * @remarks `modifiedCholesky()` (the default) adds the smallest multiple of the identity that makes the
 * Hessian positive definite, so the Newton direction is always a descent direction; `noModification()`
 * uses the Hessian as it is (pure Newton), solving `H d = -grad f` by LU, so the step goes to the nearest
 * stationary point of the quadratic model, a saddle or a maximum included.
 */
export interface HessianModification {
  /** Which treatment. */
  readonly kind: "modifiedCholesky" | "none";
  /** A short description for the solver's name, e.g. `unmodified Hessian`. */
  readonly label: string;
}

/**
 * The default: Nocedal and Wright's Algorithm 3.3 (Cholesky with an added multiple of the identity). The
 * shift's smallest value is the solver's `minimumShift` option.
 *
 * @returns The strategy.
 * @example
 * ```ts
 * newtonMinimize({ hessianModification: modifiedCholesky(), minimumShift: 1e-3 });
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 3.4.
 */
export function modifiedCholesky(): HessianModification {
  return { kind: "modifiedCholesky", label: "modified Cholesky" };
}

/**
 * Pure Newton: the Hessian is used as it is, indefinite or not (`H d = -grad f` solved by LU with partial
 * pivoting). With `fixedStep(1)` this is the textbook method `x_{k+1} = x_k - H_k^{-1} grad f(x_k)`, which
 * converges to whichever stationary point is near, and stops as `diverged` at a singular Hessian. With a
 * backtracking line search an ascent direction ends the run with the line search's message.
 *
 * @returns The strategy.
 * @example
 * ```ts
 * const pure = newtonMinimize({ lineSearch: fixedStep(1), hessianModification: noModification() });
 * solve(pure, { f: "x^3 - 3 x", x0: [-2] });
 * // converges to the maximum at x = -1: f'' = -6 < 0 there, and pure Newton does not mind
 * ```
 */
export function noModification(): HessianModification {
  return { kind: "none", label: "unmodified Hessian" };
}
