import { Random } from "../../../index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
  ssor,
} from "../../../../solvers/gauss-seidel/index.js";
import type { GaussSeidelState } from "../../../../solvers/gauss-seidel/index.js";
import { labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";

/** The stationary methods of the linear-systems page. */
export const linearMethods = ["jacobi", "gauss-seidel", "sor", "ssor", "red-black"] as const;
/** One of {@link linearMethods}. */
export type LinearMethod = (typeof linearMethods)[number];

/** A setup of the linear-systems page: an `n x n` interior grid. */
export interface LinearSetup {
  readonly n: number;
  readonly method: LinearMethod;
  /** The relaxation factor of SOR, SSOR and red-black. */
  readonly omega: number;
}

/** A run on 2-D Poisson whose exact solution is known, so the page can show the error itself. */
export interface LinearRun extends LabRun<GaussSeidelState> {
  readonly n: number;
  /** The exact solution `x*` (the right-hand side is `A x*`). */
  readonly exact: Float64Array;
}

/**
 * The exact solution: a smooth bump plus seeded noise, so that the error starts with every mode and the
 * page shows the rough ones vanish in a few sweeps while the smooth ones survive.
 */
export function poissonSolution(n: number, seed = 7): Float64Array {
  const random = new Random(seed);
  const exact = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const bump = Math.sin((Math.PI * (i + 1)) / (n + 1)) * Math.sin((Math.PI * (j + 1)) / (n + 1));
      exact[i * n + j] = bump + 0.5 * (random.float() - 0.5);
    }
  }
  return exact;
}

/** Young's optimal SOR factor for this grid, `2 / (1 + sqrt(1 - rho_J^2))`. */
export function youngOptimum(n: number): number {
  return optimalRelaxation(poissonJacobiRadius(n));
}

/** The theoretical asymptotic rate of a method on the `n x n` Poisson grid (Young's theory for SOR). */
export function theoreticalRate(method: LinearMethod, n: number, omega: number): number | undefined {
  const rho = poissonJacobiRadius(n);
  if (method === "jacobi") return rho;
  if (method === "gauss-seidel") return rho * rho;
  if (method !== "sor" && method !== "red-black") return undefined;
  const optimum = optimalRelaxation(rho);
  if (omega >= optimum) return omega - 1;
  const root = omega * rho + Math.sqrt(omega * omega * rho * rho - 4 * (omega - 1));
  return (root * root) / 4;
}

/** A stationary method on the 5-point Poisson matrix with `b = A x*`, from `x = 0`. */
export function linearRun({ n, method, omega }: LinearSetup): LinearRun {
  const matrix = poisson2d(n);
  const exact = poissonSolution(n);
  const b = new Float64Array(n * n);
  for (let row = 0; row < n * n; row++) {
    let sum = 0;
    for (let p = matrix.rowPointers[row] as number; p < (matrix.rowPointers[row + 1] as number); p++) {
      sum += (matrix.values[p] as number) * (exact[matrix.columnIndices[p] as number] as number);
    }
    b[row] = sum;
  }
  const bound = { relTolerance: 1e-8, maxIterations: 20_000 };
  const solver =
    method === "jacobi"
      ? jacobi(bound)
      : method === "gauss-seidel"
        ? gaussSeidel(bound)
        : method === "sor"
          ? sor({ ...bound, relaxation: omega })
          : method === "ssor"
            ? ssor({ ...bound, relaxation: omega })
            : redBlackGaussSeidel({ ...bound, relaxation: omega });
  const rate = theoreticalRate(method, n, omega);
  const theory =
    rate === undefined
      ? undefined
      : {
          rate,
          note:
            method === "jacobi"
              ? "rho_J = cos(pi h)"
              : method === "gauss-seidel"
                ? "rho_J^2"
                : "Young: SOR's rho(omega)",
        };
  const run = labRun(
    solver,
    { matrix, b },
    {
      error: (state) => {
        let max = 0;
        for (let i = 0; i < exact.length; i++)
          max = Math.max(max, Math.abs((state.x[i] as number) - (exact[i] as number)));
        return max;
      },
      errorName: "max |x - x*|",
      theory,
      warmUpIterations: 5,
    },
  );
  return { ...run, n, exact };
}
