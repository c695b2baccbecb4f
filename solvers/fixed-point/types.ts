/** A scalar fixed-point problem: find `x` with `x = map(x)`, starting from `x0`. */
export interface FixedPointProblem {
  /** The map `g`; iteration converges near a fixed point where `|g'(x*)| < 1`. */
  readonly map: (x: number) => number;
  /** The starting point, a finite number. */
  readonly x0: number;
}

/** Options of {@link fixedPoint}. */
export interface FixedPointOptions {
  /**
   * Stop when `|x_k - x_{k-1}| <= absTolerance`, a finite number >= 0. 0 asks for an exact floating-point
   * fixed point (the iteration reaches one, for a contraction, within about 60 / -log2(rate) steps).
   * @defaultValue `1e-12`
   */
  readonly absTolerance?: number;
  /**
   * The relaxation (damping) weight `omega` in `x_{k+1} = (1 - omega) x_k + omega g(x_k)`, in (0, 2).
   * `omega = 1 / (1 - g'(x*))` makes the rate 0 (quadratic convergence near the fixed point).
   * @defaultValue `1` (plain iteration)
   */
  readonly relaxation?: number;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `1000`
   */
  readonly maxIterations?: number;
  /**
   * Declare divergence when `|x_k - x_{k-1}|` exceeds this factor times the first step, a number >= 1.
   * @defaultValue `1e6`
   */
  readonly divergenceTolerance?: number;
}

/**
 * The state of {@link fixedPoint}: plain data. A step makes a new state when states escape the run (a
 * caller's trace record, hooks, the caller's own tests, a step-through consumer); otherwise (no trace, or the
 * default trace) it updates the run's own state object.
 */
export interface FixedPointState {
  /** The current iterate `x_k`. */
  readonly x: number;
  /** The last step `x_k - x_{k-1}`; `undefined` at iteration 0. */
  readonly step: number | undefined;
  /** `|step_k| / |step_{k-1}|`, which tends to `|1 - omega + omega g'(x*)|`, the linear rate; `undefined` for k < 2. */
  readonly stepRatio: number | undefined;
  /** Evaluations of the map so far. */
  readonly evaluations: number;
}

/** The trace record of {@link fixedPoint}: the state's numbers, in a new object (not the state itself). */
export type FixedPointRecord = FixedPointState;
