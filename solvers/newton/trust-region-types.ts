/** Options of {@link trustRegionNewton}. */
export interface TrustRegionNewtonOptions {
  /**
   * Converged when `||grad f(x_k)||_2 <= absTolerance` (reported as `|grad|`, checked at iteration 0 too),
   * a finite number >= 0 (SciPy's `gtol`, whose norm is also the 2-norm).
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
  /**
   * Converged when `||grad f(x_k)||_2 <= relTolerance ||grad f(x_0)||_2` (reported as `|grad|/|grad0|`), a
   * finite number >= 0; 0 turns the test off.
   * @defaultValue `0`
   */
  readonly relTolerance?: number;
  /**
   * The first trust radius `Delta_0`, a finite number > 0.
   * @defaultValue `1` (SciPy's `initial_trust_radius`)
   */
  readonly initialRadius?: number;
  /**
   * The largest trust radius `Delta_max`, a finite number >= `initialRadius`.
   * @defaultValue `1000` (SciPy's `max_trust_radius`)
   */
  readonly maxRadius?: number;
  /**
   * `eta`: a step is accepted when the ratio of actual to predicted decrease exceeds it, a number in
   * `[0, 1/4)`.
   * @defaultValue `0.15` (SciPy's)
   */
  readonly acceptanceRatio?: number;
  /**
   * The iteration bound (accepted and rejected steps alike, as SciPy's `nit`), an integer >= 0.
   * @defaultValue `1000`
   */
  readonly maxIterations?: number;
}

/** The state of {@link trustRegionNewton}: plain data; every step makes new arrays. */
export interface TrustRegionNewtonState {
  /** The current point `x_k` (the last accepted one). */
  readonly x: Float64Array;
  /** `f(x_k)`. */
  readonly f: number;
  /** `grad f(x_k)`. */
  readonly gradient: Float64Array;
  /** `||grad f(x_k)||_2`. */
  readonly gradientNorm: number;
  /** `||grad f(x_0)||_2`, the scale of `relTolerance`. */
  readonly initialGradientNorm: number;
  /** The trust radius for the next step, `Delta_k`. */
  readonly radius: number;
  /** `rho`: the last trial step's actual over predicted decrease; `undefined` at iteration 0. */
  readonly ratio: number | undefined;
  /** Whether the last trial step was accepted (`rho > eta`); `false` at iteration 0. */
  readonly accepted: boolean;
  /** `||x_k - x_{k-1}||_2`: the accepted step's length, 0 after a rejected one; `undefined` at iteration 0. */
  readonly stepNorm: number | undefined;
  /** Whether the last subproblem met negative curvature (the Hessian is indefinite along a CG direction). */
  readonly negativeCurvature: boolean;
  /** CG iterations (Hessian-vector products) so far, over all subproblems. */
  readonly cgIterations: number;
  /** Evaluations of `f` so far (trial points and finite differences included). */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far. */
  readonly gradientEvaluations: number;
  /** Evaluations of the Hessian so far (one per iteration). */
  readonly hessianEvaluations: number;
}

/** The trace record of {@link trustRegionNewton}: the state without the gradient vector, with a copy of `x`. */
export type TrustRegionNewtonRecord = Omit<TrustRegionNewtonState, "gradient">;
