// Strict-data table rows for linear systems (every matrix format, b, x0), MDPs (every transition and
// reward format, policies given as input) and the starting points of the root finders and minimisers.
import { Matrix } from "ml-matrix";
import { InvalidProblemError, solve } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { csrFromTriplets, gaussSeidel, jacobi, sor } from "../../solvers/gauss-seidel/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { bicgstab, conjugateGradient, gmres, ic0, minres } from "../../solvers/krylov/index.js";
import { evaluatePolicy, policyEvaluation, policyIteration, valueIteration } from "../../solvers/mdp/index.js";
import { bfgs, lbfgs, newton, newtonMinimize, newtonSystem, secant } from "../../solvers/newton/index.js";
import { entries, nested, solveWith } from "./strict-data-slots.js";
import type { DataCase, Fixture } from "./strict-data-slots.js";
import { twoStateMdp } from "../fixtures/mdp.js";

const dense = () => [
  [4, 1, 0],
  [1, 4, 1],
  [0, 1, 4],
];
const triplets = () => ({
  rows: 3,
  columns: 3,
  rowIndices: [0, 0, 1, 1, 2],
  columnIndices: [0, 1, 0, 1, 2],
  values: [4, 1, 1, 4, 4],
});
const linearSolvers = [
  ["gaussSeidel", () => gaussSeidel()],
  ["jacobi", () => jacobi()],
  ["sor", () => sor({ relaxation: 1.2 })],
  ["conjugateGradient", () => conjugateGradient()],
  ["conjugateGradient with IC(0)", () => conjugateGradient({ preconditioner: ic0() })],
  ["minres", () => minres()],
  ["gmres", () => gmres()],
  ["bicgstab", () => bicgstab()],
] as const;

const linearCases: DataCase[] = [
  ...linearSolvers.map(
    ([name, make]): DataCase => ({
      name: `${name}: dense matrix, b and x0`,
      error: InvalidProblemError,
      build: () => {
        const input = { matrix: dense(), b: [1, 2, 3], x0: [0, 0, 0] };
        const slots = [
          ...nested(input.matrix, "problem.matrix"),
          ...entries(input.b, "problem.b"),
          ...entries(input.x0, "problem.x0"),
        ];
        return { input, slots };
      },
      run: solveWith(make),
    }),
  ),
  {
    name: "gaussSeidel: dense matrix as an ml-matrix Matrix",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const input = { matrix: dense(), b: [1, 2, 3] };
      return { input, slots: nested(input.matrix, "problem.matrix") };
    },
    run: (input) => solve(gaussSeidel(), { ...input, matrix: new Matrix(input["matrix"] as number[][]) } as never),
  },
  {
    name: "gaussSeidel: CSR values (Float64Array)",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const matrix = csrFromTriplets(triplets());
      // values[k] of row i, column j: the message adds "(row i, column j)" after the path.
      return { input: { matrix, b: [1, 2, 3] }, slots: entries(matrix.values, "problem.matrix.values") };
    },
    run: solveWith(() => gaussSeidel()),
  },
  {
    name: "csrFromTriplets: values and indices",
    error: InvalidProblemError,
    build: () => {
      const input = triplets();
      const slots = [
        ...entries(input.values, "triplets.values"),
        ...entries(input.rowIndices, "triplets.rowIndices"),
        ...entries(input.columnIndices, "triplets.columnIndices"),
      ];
      return { input, slots };
    },
    run: (input) => csrFromTriplets(input as never),
  },
];

const mdpFixture = (): Fixture => {
  const input = twoStateMdp();
  const slots = [...nested(input.transitions, "problem.transitions"), ...nested(input.rewards, "problem.rewards")];
  return { input, slots };
};
const sparse = (probabilities: number[]) => ({
  rowPointers: Int32Array.from([0, 2, 4]),
  columnIndices: Int32Array.from([0, 1, 0, 1]),
  probabilities: Float64Array.from(probabilities),
});

const mdpCases: DataCase[] = [
  {
    name: "valueIteration: transitions and rewards R(s, a)",
    error: InvalidProblemError,
    build: mdpFixture,
    run: solveWith(() => valueIteration()),
  },
  {
    name: "policyIteration: transitions and rewards R(s, a)",
    error: InvalidProblemError,
    build: mdpFixture,
    run: solveWith(() => policyIteration()),
  },
  {
    name: "valueIteration: rewards R(s, a, s')",
    error: InvalidProblemError,
    build: () => {
      const input = {
        ...twoStateMdp(),
        rewards: [
          [
            [1, 1],
            [0, 0],
          ],
          [
            [0, 0],
            [2, 2],
          ],
        ],
      };
      return { input, slots: nested(input.rewards, "problem.rewards") };
    },
    run: solveWith(() => valueIteration()),
  },
  {
    name: "valueIteration: transitions and rewards as Float64Array",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const transitions = Float64Array.from(twoStateMdp().transitions.flat(2));
      const rewards = Float64Array.from([1, 0, 0, 2]);
      // Flat arrays, named by their (action, state, next state) and (state, action) indices.
      const slots = [
        ...entries(transitions, "").map((slot, p) => ({
          ...slot,
          path: `problem.transitions[${p >> 2}][${(p >> 1) & 1}][${p & 1}]`,
        })),
        ...entries(rewards, "").map((slot, p) => ({ ...slot, path: `problem.rewards[${p >> 1}][${p & 1}]` })),
      ];
      return { input: { ...twoStateMdp(), transitions, rewards }, slots };
    },
    run: solveWith(() => valueIteration()),
  },
  {
    name: "valueIteration: sparse transitions (Float64Array probabilities)",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const transitions = [sparse([0.5, 0.5, 0, 1]), sparse([1, 0, 0.25, 0.75])];
      // probabilities[k] of state s, next state t: the message adds "(state s, next state t)" after the path.
      const slots = transitions.flatMap((matrix, a) =>
        entries(matrix.probabilities, `problem.transitions[${a}].probabilities`),
      );
      return { input: { ...twoStateMdp(), transitions }, slots };
    },
    run: solveWith(() => valueIteration()),
  },
  {
    name: "policyIteration: problem.initialPolicy",
    error: InvalidProblemError,
    build: () => {
      const input = { ...twoStateMdp(), initialPolicy: [0, 1] };
      return { input, slots: entries(input.initialPolicy, "problem.initialPolicy") };
    },
    run: solveWith(() => policyIteration()),
  },
  {
    name: "policyEvaluation: problem.policy as action probabilities",
    error: InvalidProblemError,
    build: () => {
      const input = {
        mdp: twoStateMdp(),
        policy: [
          [0.5, 0.5],
          [0, 1],
        ],
      };
      return { input, slots: nested(input.policy, "problem.policy") };
    },
    run: solveWith(() => policyEvaluation()),
  },
  {
    name: "evaluatePolicy: policy as actions",
    error: InvalidProblemError,
    build: () => {
      const input = { policy: [1, 0] };
      return { input, slots: entries(input.policy, "policy") };
    },
    run: (input) => evaluatePolicy(twoStateMdp(), input["policy"] as never),
  },
];

function vectorStart(name: string, make: () => unknown, problem: () => Record<string, unknown>): DataCase {
  return {
    name: `${name}: problem.x0`,
    error: InvalidProblemError,
    build: () => {
      const input = { ...problem(), x0: [1, 2] };
      return { input, slots: entries(input.x0, "problem.x0") };
    },
    run: solveWith(make),
  };
}

function scalarStart(name: string, make: () => unknown, key: "x0" | "x1", problem: Record<string, unknown>): DataCase {
  return {
    name: `${name}: problem.${key}`,
    error: InvalidProblemError,
    optional: key === "x1",
    build: () => {
      const input = { ...problem };
      return { input, slots: [{ container: input, key, path: `problem.${key}` }] };
    },
    run: solveWith(make),
  };
}

const quadratic = () => ({
  f: (x: Float64Array) => (x[0] as number) ** 2 + (x[1] as number) ** 2,
  gradient: (x: Float64Array) => [2 * (x[0] as number), 2 * (x[1] as number)],
});

const startCases: DataCase[] = [
  vectorStart("gradientDescent", () => gradientDescent(), quadratic),
  vectorStart(
    "newtonMinimize",
    () => newtonMinimize(),
    () => ({ f: "x^2 + y^2" }),
  ),
  vectorStart(
    "bfgs",
    () => bfgs(),
    () => ({ f: "x^2 + y^2" }),
  ),
  vectorStart(
    "lbfgs",
    () => lbfgs(),
    () => ({ f: "x^2 + y^2" }),
  ),
  vectorStart(
    "newtonSystem",
    () => newtonSystem(),
    () => ({ f: ["x + y - 1", "x - y"] }),
  ),
  scalarStart("fixedPoint", () => fixedPoint(), "x0", { map: Math.cos, x0: 1 }),
  scalarStart("newton", () => newton(), "x0", { f: "x^2 - 2", x0: 1 }),
  scalarStart("secant", () => secant(), "x1", { f: "x^2 - 2", x0: 1, x1: 2 }),
];

/** The linear-system, MDP and starting-point rows of the table. */
export const systemCases: readonly DataCase[] = [...linearCases, ...mdpCases, ...startCases];
