/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /**
   * SciPy's `xatol`: converged when every vertex is within this of the best one in every coordinate,
   * `max_i ||x_i - x_0||_inf <= stepAbsTolerance` (reported as `simplex size`), together with the function
   * test; a finite number >= 0.
   * @defaultValue `1e-4` (SciPy's)
   */
  readonly stepAbsTolerance?: number;
  /**
   * SciPy's `fatol`: converged when `max_i |f(x_i) - f(x_0)| <= functionAbsTolerance` (reported as
   * `f spread`), together with the simplex test; a finite number >= 0.
   * @defaultValue `1e-4` (SciPy's)
   */
  readonly functionAbsTolerance?: number;
  /**
   * Gao and Han's dimension-dependent parameters: reflection 1, expansion `1 + 2/n`, contraction
   * `3/4 - 1/(2n)`, shrink `1 - 1/n` (SciPy's `adaptive=True`); otherwise the standard 1, 2, 1/2, 1/2. In
   * two dimensions both are the same.
   * @defaultValue `false`
   */
  readonly adaptive?: boolean;
  /**
   * The iteration bound (one reflection with what follows it), an integer >= 0.
   * @defaultValue `1000` (SciPy's `maxiter = 200 n` for n = 5)
   */
  readonly maxIterations?: number;
}

/** The state of {@link nelderMead}: the simplex sorted by value (best first); every step makes new arrays. */
export interface NelderMeadState {
  /** The best vertex `x_0`. */
  readonly x: Float64Array;
  /** `f(x_0)`, the lowest value on the simplex. */
  readonly f: number;
  /** The `n + 1` vertices, row-major (`(n + 1) * n` numbers), sorted by value, best first. */
  readonly simplex: Float64Array;
  /** `f` at each vertex, ascending. */
  readonly values: Float64Array;
  /** `max_i ||x_i - x_0||_inf`. */
  readonly simplexSize: number;
  /** `max_i |f(x_i) - f(x_0)|`. */
  readonly valueSpread: number;
  /** What the last iteration did; `undefined` at iteration 0. */
  readonly operation: "reflect" | "expand" | "contract outside" | "contract inside" | "shrink" | undefined;
  /** Evaluations of `f` so far (the `n + 1` initial vertices included). */
  readonly fEvaluations: number;
}

/** The trace record of {@link nelderMead}: the state without the simplex arrays, with a copy of `x`. */
export type NelderMeadRecord = Omit<NelderMeadState, "simplex" | "values">;
