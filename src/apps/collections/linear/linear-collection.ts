import { poisson1d, poisson2d } from "../../../../solvers/gauss-seidel/index.js";
import type { GaussSeidelProblem } from "../../../../solvers/gauss-seidel/index.js";
import type { ProblemCollection } from "../types.js";
import { anisotropicPoisson2d } from "./anisotropic-poisson-2d.js";
import { convectionDiffusion2d } from "./convection-diffusion-2d.js";
import { linearSystemEntry } from "./linear-system-entry.js";
import { poisson3d } from "./poisson-3d.js";

/**
 * Model sparse linear systems for the Gauss-Seidel and Krylov families, each with the exact solution all
 * ones: Poisson in 1-D (n = 256), 2-D (32 x 32) and 3-D (12 x 12 x 12), the anisotropic 2-D Poisson
 * problem (32 x 32, epsilon = 0.01 and 0.0001), and 2-D convection-diffusion (32 x 32; velocity (10, 10),
 * cell Péclet 0.15, and (100, 0), cell Péclet 1.5, beyond the range where the centred scheme gives an
 * M-matrix).
 *
 * @remarks Symmetric positive definite: the Poisson and anisotropic systems (for CG, MINRES and every
 * stationary method). Nonsymmetric: convection-diffusion (for GMRES and BiCGSTAB; Gauss-Seidel converges on
 * the first and may not on the second). Sizes are small enough for a study of thousands of runs; build
 * larger ones with the generators and {@link linearSystemEntry}, and SuiteSparse matrices with
 * {@link readMatrixMarket}.
 * @returns The collection (new arrays each call).
 * @example
 * ```ts
 * for (const entry of linearSystemsCollection().entries) solve(gmres(), entry.problem);
 * ```
 */
export function linearSystemsCollection(): ProblemCollection<GaussSeidelProblem> {
  return {
    name: "linear-systems",
    description:
      "Model sparse systems: Poisson 1-D, 2-D and 3-D, anisotropic 2-D Poisson, and 2-D convection-diffusion, with the exact solution all ones.",
    entries: [
      linearSystemEntry("poisson-1d-256", poisson1d(256), { metadata: { family: "poisson", grid: "256" } }),
      linearSystemEntry("poisson-2d-32", poisson2d(32), { metadata: { family: "poisson", grid: "32x32" } }),
      linearSystemEntry("poisson-3d-12", poisson3d(12), { metadata: { family: "poisson", grid: "12x12x12" } }),
      linearSystemEntry("anisotropic-poisson-2d-32-eps1e-2", anisotropicPoisson2d(32, { epsilon: 1e-2 }), {
        metadata: { family: "anisotropic-poisson", grid: "32x32", epsilon: 1e-2 },
      }),
      linearSystemEntry("anisotropic-poisson-2d-32-eps1e-4", anisotropicPoisson2d(32, { epsilon: 1e-4 }), {
        metadata: { family: "anisotropic-poisson", grid: "32x32", epsilon: 1e-4 },
      }),
      linearSystemEntry("convection-diffusion-2d-32-b10", convectionDiffusion2d(32, { velocityX: 10, velocityY: 10 }), {
        metadata: { family: "convection-diffusion", grid: "32x32", velocityX: 10, velocityY: 10 },
      }),
      linearSystemEntry(
        "convection-diffusion-2d-32-b100",
        convectionDiffusion2d(32, { velocityX: 100, velocityY: 0 }),
        { metadata: { family: "convection-diffusion", grid: "32x32", velocityX: 100, velocityY: 0 } },
      ),
    ],
  };
}
