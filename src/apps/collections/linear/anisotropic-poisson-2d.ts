import {
  integerAtLeast,
  numberAbove,
  type OptionSchemaOf,
  optional,
  validateOption,
  validateStrictOptions,
} from "../../../index.js";
import type { CsrMatrix } from "../../../../solvers/gauss-seidel/index.js";
import { gridStencil } from "./grid-stencil.js";

/** Options of {@link anisotropicPoisson2d}. */
export interface AnisotropicPoisson2dOptions {
  /**
   * The diffusion coefficient along x relative to y, `epsilon` in `-epsilon u_xx - u_yy`, a finite number
   * > 0. Small values make the coupling along x weak: point smoothers (Jacobi, Gauss-Seidel) slow down as
   * `epsilon -> 0`, line smoothers and Krylov methods much less.
   * @defaultValue `0.01`
   */
  readonly epsilon?: number;
}

const rules = { epsilon: optional(numberAbove(0)) } satisfies OptionSchemaOf<AnisotropicPoisson2dOptions>;

/**
 * The anisotropic 2-D Poisson matrix: `h^2` times the 5-point `-epsilon u_xx - u_yy` on an `n x n` interior
 * grid of the unit square with zero boundary values (`2 epsilon + 2` on the diagonal, `-epsilon` for the
 * x-neighbours, `-1` for the y-neighbours), numbered row by row.
 *
 * @remarks Its eigenvalues are `2 epsilon (1 - cos(j pi h)) + 2 (1 - cos(k pi h))`, `h = 1 / (n + 1)`, so
 * Jacobi's spectral radius is `cos(pi h)` whatever `epsilon`, but the smooth error along x is damped by a
 * factor close to 1 for small `epsilon`: the classic failure of point smoothers (Trottenberg, Oosterlee and
 * Schüller, Multigrid, section 5.1). Symmetric positive definite; `epsilon = 1` gives `poisson2d(n)`.
 * @param n - Grid points per side, an integer >= 1.
 * @param options - The anisotropy.
 * @returns An `n^2 x n^2` CSR matrix.
 * @throws `InvalidOptionError` for a size that is not an integer >= 1, an unknown option, or
 *   `epsilon <= 0`.
 * @example
 * ```ts
 * const a = anisotropicPoisson2d(64, { epsilon: 1e-3 });
 * ```
 */
export function anisotropicPoisson2d(n: number, options: AnisotropicPoisson2dOptions = {}): CsrMatrix {
  validateOption("n", n, integerAtLeast(1));
  validateStrictOptions(options, rules, "anisotropicPoisson2d");
  const epsilon = options.epsilon ?? 0.01;
  return gridStencil(n, n, 1, {
    centre: 2 * epsilon + 2,
    west: -epsilon,
    east: -epsilon,
    south: -1,
    north: -1,
    down: 0,
    up: 0,
  });
}
