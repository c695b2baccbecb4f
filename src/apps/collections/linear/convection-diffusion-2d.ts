import {
  integerAtLeast,
  type OptionRule,
  type OptionSchemaOf,
  optional,
  validateOption,
  validateStrictOptions,
} from "../../../index.js";
import type { CsrMatrix } from "../../../../solvers/gauss-seidel/index.js";
import { gridStencil } from "./grid-stencil.js";

/** Options of {@link convectionDiffusion2d}. */
export interface ConvectionDiffusion2dOptions {
  /**
   * The velocity along x, `b_x` in `-Laplace(u) + b . grad(u)`, a finite number.
   * @defaultValue `10`
   */
  readonly velocityX?: number;
  /**
   * The velocity along y, `b_y`, a finite number.
   * @defaultValue `10`
   */
  readonly velocityY?: number;
}

const finite: OptionRule = {
  expected: "a finite number",
  test: (value) => typeof value === "number" && Number.isFinite(value),
};
const rules = {
  velocityX: optional(finite),
  velocityY: optional(finite),
} satisfies OptionSchemaOf<ConvectionDiffusion2dOptions>;

/**
 * The 2-D convection-diffusion matrix: `h^2` times `-Laplace(u) + b_x u_x + b_y u_y` on an `n x n` interior
 * grid of the unit square with zero boundary values, centred differences for both terms: 4 on the diagonal,
 * `-1 -+ b_x h / 2` for the east and west neighbours, `-1 -+ b_y h / 2` for north and south.
 *
 * @remarks Nonsymmetric whenever `b != 0`: a test problem for GMRES and BiCGSTAB (CG does not apply). The
 * cell Péclet numbers `|b_x| h / 2` and `|b_y| h / 2` say how convection-dominated the grid is: at most 1,
 * the matrix is an M-matrix, weakly diagonally dominant, and Gauss-Seidel converges; beyond 1 the centred
 * scheme's off-diagonal entries change sign and the stationary methods may diverge. With `b = 0` it is
 * `poisson2d(n)`.
 * @param n - Grid points per side, an integer >= 1.
 * @param options - The velocity.
 * @returns An `n^2 x n^2` CSR matrix.
 * @throws `InvalidOptionError` for a size that is not an integer >= 1, an unknown option, or a velocity
 *   that is not finite.
 * @example
 * ```ts
 * const a = convectionDiffusion2d(63, { velocityX: 100, velocityY: 0 }); // cell Péclet 100 / 128 < 1
 * ```
 * @see H. C. Elman, D. J. Silvester and A. J. Wathen, Finite Elements and Fast Iterative Solvers, 2nd ed.,
 *   chapter 6 (the convection-diffusion equation).
 */
export function convectionDiffusion2d(n: number, options: ConvectionDiffusion2dOptions = {}): CsrMatrix {
  validateOption("n", n, integerAtLeast(1));
  validateStrictOptions(options, rules, "convectionDiffusion2d");
  const h = 1 / (n + 1);
  const cx = ((options.velocityX ?? 10) * h) / 2;
  const cy = ((options.velocityY ?? 10) * h) / 2;
  return gridStencil(n, n, 1, {
    centre: 4,
    west: -1 - cx,
    east: -1 + cx,
    south: -1 - cy,
    north: -1 + cy,
    down: 0,
    up: 0,
  });
}
