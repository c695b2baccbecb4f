/**
 * The finite-difference strategy: put it where a derivative goes in a problem (`derivative`,
 * `secondDerivative`, `gradient`, `hessian`, `jacobian`) to have it approximated from the function by
 * central differences. Create it with {@link finiteDifferences}.
 */
export interface FiniteDifferences {
  /** Discriminant: tells the strategy apart from a given derivative (a function) or an expression string. */
  readonly kind: "finiteDifferences";
  /** `finite differences`, for tables and reports. */
  readonly label: string;
}

/**
 * The finite-difference strategy for a derivative the problem does not give: write it in the derivative's
 * place (`{ f, derivative: finiteDifferences(), x0 }`, `{ f, gradient, hessian: finiteDifferences(), x0 }`).
 *
 * @remarks
 * Central differences throughout, with steps scaled to each coordinate, `h_i = h * max(1, |x_i|)`:
 * - first derivatives (f', gradient, Jacobian): `(g(x + h_i e_i) - g(x - h_i e_i)) / (2 h_i)` with
 *   `h = eps^(1/3)` (about 6e-6), which balances truncation `O(h^2)` against rounding `O(eps / h)`: about
 *   10 correct digits. Cost: 2 evaluations per unknown.
 * - second derivatives (f'', Hessian) when the first derivative is exact (given or symbolic): central
 *   differences of it, symmetrised; cost 2n first-derivative evaluations.
 * - second derivatives from the function alone: `(f(x + h e_i) - 2 f(x) + f(x - h e_i)) / h^2` and the
 *   four-point mixed formula, with `h = eps^(1/4)` (about 1.2e-4): about 8 correct digits, 2 n^2
 *   evaluations.
 *
 * Newton's method with differenced derivatives still converges to full accuracy, but its rate degrades
 * from quadratic to fast linear (the error in the derivative sets the contraction factor); the evaluations
 * it spends are counted as evaluations of the function differenced.
 * @returns The strategy.
 * @example
 * ```ts
 * const result = solve(newton(), { f: (x) => x * x - 2, derivative: finiteDifferences(), x0: 1 });
 * result.state.x; // 1.414213562373095 (sqrt 2 within one unit in the last place)
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 8.1.
 */
export function finiteDifferences(): FiniteDifferences {
  return Object.freeze({ kind: "finiteDifferences", label: "finite differences" });
}
