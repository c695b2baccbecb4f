import { InvalidOptionError } from "../../src/index.js";
import { assertFiniteNumbers, finiteRows, optionData } from "../../src/engine/internals.js";
import type { MixtureInitialization, MixtureParameters } from "./types.js";

/**
 * Starts EM from given weights, means and covariances (scikit-learn's `weights_init`, `means_init`,
 * `precisions_init`, given here as covariances): they are iteration 0.
 *
 * @remarks The covariances are full matrices; a diagonal or spherical model keeps their diagonals (or
 * their mean), a tied one their average. No `regCovar` is added to them. No randomness: restarts repeat
 * the same run.
 * @param parameters - `k` weights (> 0, summing to 1), `k` means, `k` symmetric positive definite matrices.
 * @returns The initialisation, for the `init` option.
 * @throws `InvalidOptionError` at once for mismatched lengths, invalid weights or an entry that is not a finite
 *   number (naming it, e.g. `parameters.means[1][0] must be a finite number, got null`);
 *   `InvalidProblemError` when the run starts for a dimension other than the data's or a covariance that is
 *   not positive definite.
 * @example
 * ```ts
 * gaussianMixture({ k: 2, init: givenParameters({ weights: [0.5, 0.5], means: [[0], [10]], covariances: [[[1]], [[1]]] }) });
 * ```
 */
export function givenParameters(parameters: MixtureParameters): MixtureInitialization {
  const { weights, means, covariances } = parameters;
  const k = Array.isArray(weights) ? weights.length : 0;
  if (k > 0) optionData(() => assertFiniteNumbers(weights, "parameters.weights"));
  if (
    k === 0 ||
    !weights.every((w) => Number.isFinite(w) && w > 0) ||
    Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > 1e-8
  ) {
    throw new InvalidOptionError("parameters.weights", "a non-empty array of positive numbers summing to 1", weights);
  }
  if (!Array.isArray(means) || means.length !== k)
    throw new InvalidOptionError("parameters.means", `${k} means, one per weight`, means);
  if (!Array.isArray(covariances) || covariances.length !== k)
    throw new InvalidOptionError("parameters.covariances", `${k} matrices, one per weight`, covariances);
  optionData(() => {
    finiteRows(means, "parameters.means");
    covariances.forEach((matrix, j) => finiteRows(matrix, `parameters.covariances[${j}]`));
  });
  const copy: MixtureParameters = {
    weights: [...weights],
    means: means.map((m) => [...m]),
    covariances: covariances.map((c) => c.map((row: readonly number[]) => [...row])),
  };
  return Object.assign(() => ({ parameters: copy }), { label: "given" });
}
