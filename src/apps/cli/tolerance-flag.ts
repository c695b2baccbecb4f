/**
 * What `--tol` sets, by family: the one table behind the flag. Every family's headline stopping test is its
 * `absTolerance` or `relTolerance`; the bracketing methods are the one exception: their `--tol` is the
 * bracket width (`stepAbsTolerance`), the error bound they guarantee, as SciPy's `xtol`.
 */
export const toleranceFlag = {
  "fixed-point": { option: "absTolerance", measures: "|x_{k+1} - x_k|" },
  "scalar-root": { option: "absTolerance", measures: "|f(x)|" },
  bracketing: { option: "stepAbsTolerance", measures: "bracket width" },
  minimisation: { option: "absTolerance", measures: "||grad f||" },
  "nelder-mead": { option: "stepAbsTolerance", measures: "simplex size, and the spread of f, both within it" },
  "newton-system": { option: "absTolerance", measures: "||F(x)||" },
  "linear-system": { option: "relTolerance", measures: "||b - A x|| / ||b||" },
  kmeans: { option: "relTolerance", measures: "centroid shift, scaled by the data's variance" },
  "mini-batch-kmeans": {
    option: "relTolerance",
    measures:
      "one update's centroid shift, scaled by the data's variance (off by default: the smoothed inertia stops it)",
  },
  "gaussian-mixture": { option: "absTolerance", measures: "log-likelihood change per point" },
  "value-iteration": { option: "absTolerance", measures: "epsilon of the sup-norm rule: ||V - V*|| <= epsilon / 2" },
  "policy-iteration": {
    option: "absTolerance",
    measures: "epsilon of an inexact evaluation (iterative or modified): ||V - V*|| within about epsilon",
  },
} as const;

/** A family of {@link toleranceFlag}. */
export type ToleranceFamily = keyof typeof toleranceFlag;

/** The option `--tol` sets for a family, with its value, or no option when the flag was not given. */
export type ToleranceOption<F extends ToleranceFamily> = {
  readonly [K in (typeof toleranceFlag)[F]["option"]]?: number;
};

/**
 * The option `--tol` sets, to spread into a solver's options: `{ relTolerance: 1e-10 }` for a linear system.
 *
 * @param family - The solver's family.
 * @param tol - The flag's value, if given.
 * @returns The option, or `{}` when `tol` is undefined (the solver's default).
 */
export function toleranceOption<F extends ToleranceFamily>(family: F, tol: number | undefined): ToleranceOption<F> {
  return (tol === undefined ? {} : { [toleranceFlag[family].option]: tol }) as ToleranceOption<F>;
}

/**
 * What `--tol` is for a family, for `iterlab solvers`: `||b - A x|| / ||b|| (relTolerance)`.
 *
 * @param family - The solver's family.
 * @returns The words.
 */
export function toleranceHelp(family: ToleranceFamily): string {
  const { measures, option } = toleranceFlag[family];
  return `${measures} (${option})`;
}

/** The option names `--tol` sets, for error messages in the flag's words. */
export const toleranceOptionNames: readonly string[] = [
  ...new Set(Object.values(toleranceFlag).map(({ option }) => option)),
];
