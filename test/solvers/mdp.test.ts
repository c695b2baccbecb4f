import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  InvalidProblemError,
  serializeCheckpoint,
  solve,
  solveIterations,
  StepError,
} from "../../src/index.js";
import {
  actionValues,
  equiprobablePolicy,
  evaluatePolicy,
  exactEvaluation,
  forestManagement,
  frozenLake,
  frozenLakeMap8x8,
  greedyPolicy,
  gridworld4x4,
  gridworld5x5,
  inPlaceSweep,
  iterativeEvaluation,
  modifiedEvaluation,
  policyEvaluation,
  policyIteration,
  randomMdp,
  renderGrid,
  spanRule,
  supNormRule,
  synchronousSweep,
  toleranceRule,
  valueIteration,
  valueIterationBound,
} from "../../solvers/mdp/index.js";
import type { MdpProblem, SparseTransitionMatrix } from "../../solvers/mdp/index.js";

const supDistance = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (x, i) => Math.abs(x - (b[i] as number))));
const optimal = (problem: MdpProblem) => solve(policyIteration(), problem).state.values;

/** A sparse random MDP written out densely (nested arrays), for cross-checks. */
function densify(problem: MdpProblem): MdpProblem {
  const { states: S, actions: A } = problem;
  const transitions = (problem.transitions as readonly SparseTransitionMatrix[]).map((matrix) =>
    Array.from({ length: S }, (_, s) => {
      const row = new Array<number>(S).fill(0);
      for (let k = matrix.rowPointers[s] as number; k < (matrix.rowPointers[s + 1] as number); k++)
        row[matrix.columnIndices[k] as number] = matrix.probabilities[k] as number;
      return row;
    }),
  );
  const rewards = Array.from({ length: S }, (_, s) =>
    Array.from({ length: A }, (_, a) => (problem.rewards as Float64Array)[s * A + a] as number),
  );
  return { ...problem, transitions, rewards };
}

const environments: readonly [string, MdpProblem][] = [
  ["gridworld 5 x 5", gridworld5x5()],
  ["FrozenLake 4 x 4", frozenLake()],
  ["FrozenLake 8 x 8", frozenLake({ map: frozenLakeMap8x8 })],
  ["forest (S = 10, gamma = 0.95)", forestManagement({ states: 10, discount: 0.95 })],
  ["random dense MDP", randomMdp({ states: 30, actions: 3, seed: 4 })],
  ["random sparse MDP", randomMdp({ states: 200, actions: 4, successors: 5, seed: 5 })],
  ["gridworld 4 x 4 (gamma = 0.9)", gridworld4x4({ discount: 0.9 })],
];

describe("policyEvaluation", () => {
  const mdp = gridworld4x4();
  const policy = equiprobablePolicy(mdp);

  it("converges on the 4 x 4 gridworld under the equiprobable policy to Sutton & Barto's Figure 4.1", () => {
    const textbook = [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0];
    const result = solve(policyEvaluation(), { mdp, policy });
    expect(result.converged).toBe(true);
    expect(supDistance(result.state.values, textbook)).toBeLessThan(1e-6);
    expect(supDistance(evaluatePolicy(mdp, policy), textbook)).toBeLessThan(1e-9);
    const inPlace = solve(policyEvaluation({ inPlace: true }), { mdp, policy });
    expect(supDistance(inPlace.state.values, textbook)).toBeLessThan(1e-6);
    expect(inPlace.iterations).toBeLessThan(result.iterations);
  });

  it("shows the book's sweeps k = 1 and k = 2 when stepped through", () => {
    const seen: number[][] = [];
    for (const event of solveIterations(policyEvaluation(), { mdp, policy }, { maxIterations: 2 }))
      seen.push(Array.from(event.state.values));
    expect(seen[1]).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0]);
    expect(seen[2]?.slice(0, 4)).toEqual([0, -1.75, -2, -2]);
  });

  it("evaluates a deterministic policy as the direct solve does", () => {
    const forest = forestManagement();
    const values = solve(policyEvaluation({ stoppingRule: toleranceRule({ absTolerance: 1e-12 }) }), {
      mdp: forest,
      policy: [0, 0, 1],
    }).state.values;
    expect(supDistance(values, evaluatePolicy(forest, [0, 0, 1]))).toBeLessThan(1e-10);
  });
});

describe("valueIteration", () => {
  it("matches Sutton & Barto's Figure 3.5 on the 5 x 5 gridworld (gamma = 0.9)", () => {
    const values = solve(valueIteration({ stoppingRule: supNormRule({ absTolerance: 1e-3 }) }), gridworld5x5()).state
      .values;
    Array.from(values.slice(0, 5)).forEach((value, i) =>
      expect(Math.abs(value - ([22.0, 24.4, 22.0, 19.4, 17.5][i] as number))).toBeLessThan(0.1),
    );
    expect(Math.abs((values[21] as number) - 16.0)).toBeLessThan(0.1); // A' = (4, 1): 24.4 - 10 discounted... Figure 3.5 reads 16.0
  });

  it("finds the 4 x 4 gridworld's V* (minus the steps to a corner) exactly at gamma = 1", () => {
    const result = solve(valueIteration(), gridworld4x4());
    expect(Array.from(result.state.values)).toEqual([0, -1, -2, -3, -1, -2, -3, -2, -2, -3, -2, -1, -3, -2, -1, 0]);
    expect(result.iterations).toBe(4);
  });

  it.each(environments)(
    "agrees with policy iteration on V* within eps and on the optimal policy: %s",
    (_name, problem) => {
      const epsilon = 1e-4;
      for (const sweep of [synchronousSweep(), inPlaceSweep()]) {
        const result = solve(valueIteration({ sweep, stoppingRule: supNormRule({ absTolerance: epsilon }) }), problem);
        expect(result.converged).toBe(true);
        const pi = solve(policyIteration(), problem);
        expect(pi.converged).toBe(true);
        expect(supDistance(result.state.values, pi.state.values)).toBeLessThanOrEqual(epsilon / 2);
        // The greedy policy is eps-optimal, and with exact ties aside the same value as PI's.
        const greedy = greedyPolicy(problem, result.state.values);
        expect(supDistance(evaluatePolicy(problem, greedy), pi.state.values)).toBeLessThanOrEqual(epsilon);
      }
    },
  );

  it("leaves ||V - V*|| <= eps with the sup-norm rule, where the span rule does not", () => {
    const forest = forestManagement({ discount: 0.96 });
    const star = optimal(forest);
    for (const epsilon of [1, 0.1, 0.01]) {
      const result = solve(valueIteration({ stoppingRule: supNormRule({ absTolerance: epsilon }) }), forest);
      expect(supDistance(result.state.values, star)).toBeLessThanOrEqual(epsilon / 2);
    }
    const span = solve(valueIteration({ stoppingRule: spanRule() }), forest);
    expect(span.stopReason).toMatchObject({ kind: "converged", test: "span(dV) (span rule, eps = 0.01)" });
    // pymdptoolbox's documented ValueIteration(forest(), 0.96): 4 iterations, V = (5.93215488, 9.38815488, 13.38815488).
    expect(span.iterations).toBe(4);
    Array.from(span.state.values).forEach((value, i) =>
      expect(value).toBeCloseTo([5.93215488, 9.38815488, 13.38815488][i] as number, 8),
    );
    expect(supDistance(span.state.values, star)).toBeGreaterThan(60);
    expect(Array.from(greedyPolicy(forest, span.state.values))).toEqual(
      Array.from(solve(policyIteration(), forest).state.policy),
    );
  });

  it("needs fewer iterations with in-place sweeps than with synchronous ones", () => {
    for (const problem of [
      frozenLake({ map: frozenLakeMap8x8 }),
      gridworld5x5(),
      randomMdp({ states: 100, actions: 3, successors: 4, discount: 0.95, seed: 2 }),
    ]) {
      const synchronous = solve(valueIteration(), problem).iterations;
      const inPlace = solve(valueIteration({ sweep: inPlaceSweep() }), problem).iterations;
      expect(inPlace).toBeLessThan(synchronous);
    }
  });

  it("never overrides maxIterations, and valueIterationBound is a bound the sup-norm rule meets", () => {
    const problem = gridworld5x5();
    const capped = solve(valueIteration({ maxIterations: 5 }), problem);
    expect(capped.stopReason).toEqual({ kind: "maxIterations", maxIterations: 5 });
    const bound = valueIterationBound(0.9, 0.01, 10);
    expect(bound).toBe(Math.ceil(1 + Math.log((0.01 * 0.1) / 1.8 / 10) / Math.log(0.9)));
    const result = solve(valueIteration({ maxIterations: bound }), problem);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThanOrEqual(bound);
    expect(valueIterationBound(0, 0.01, 10)).toBe(1);
    expect(valueIterationBound(0.9, 0.01, 0)).toBe(1);
  });

  it("records the change in sup norm and span, the policy changes and the Bellman residual", () => {
    const result = solve(valueIteration(), frozenLake());
    const [first, second] = result.trace.entries;
    expect(first?.record).toEqual({ change: NaN, changeSpan: NaN, policyChanges: NaN, bellmanResidual: NaN });
    expect(second?.record.policyChanges).toBe(11); // every non-terminal state gets its first action
    for (const { record } of result.trace.entries.slice(1)) {
      expect(record.bellmanResidual).toBe(record.change);
      expect(record.changeSpan).toBeLessThanOrEqual(2 * record.change);
    }
    expect(result.trace.entries.at(-1)?.record.policyChanges).toBe(0);
    // In place, the residual of V_{k-1} is measured separately: at least the change, as T V >= the mixed update
    // here (rewards >= 0, values increasing), and it falls with it.
    const inPlace = solve(valueIteration({ sweep: inPlaceSweep() }), frozenLake());
    const records = inPlace.trace.entries.slice(1).map((entry) => entry.record);
    for (const record of records) expect(record.bellmanResidual).toBeLessThanOrEqual(record.change + 1e-15);
    expect(records.at(-1)?.bellmanResidual).toBeLessThan((records[0]?.bellmanResidual as number) / 1000);
  });

  it("gives the same values on a sparse MDP and on its dense copy, and never writes the typed arrays", () => {
    const sparse = randomMdp({ states: 40, actions: 3, successors: 6, seed: 9 });
    const copies = (sparse.transitions as readonly SparseTransitionMatrix[]).map((m) => m.probabilities.slice());
    const a = solve(valueIteration(), sparse).state.values;
    const b = solve(valueIteration(), densify(sparse)).state.values;
    expect(supDistance(a, b)).toBeLessThan(1e-12);
    (sparse.transitions as readonly SparseTransitionMatrix[]).forEach((m, i) =>
      expect(m.probabilities).toEqual(copies[i]),
    );
  });

  it("takes rewards R(s, a, s') as their expectation", () => {
    const forest = forestManagement();
    const S = 3;
    const expanded = [0, 1].map((a) =>
      Array.from({ length: S }, (_, s) => new Array<number>(S).fill((forest.rewards as number[][])[s]?.[a] as number)),
    );
    const a = solve(valueIteration(), forest).state.values;
    const b = solve(valueIteration(), { ...forest, rewards: expanded }).state.values;
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("respects allowed actions and terminal states", () => {
    const forest = forestManagement();
    const onlyCut = { ...forest, allowedActions: [[1], [1], [1]] };
    const result = solve(valueIteration(), onlyCut);
    expect(Array.from(result.state.policy)).toEqual([1, 1, 1]);
    const q = actionValues(onlyCut, result.state.values);
    expect(q[0]).toBeNaN();
    const withTerminal = solve(policyIteration(), { ...forest, terminal: [2] });
    expect(withTerminal.state.values[2]).toBe(0);
    expect(withTerminal.state.policy[2]).toBe(-1);
  });
});

describe("MDP checkpoints", () => {
  it("hold the values, the policy and the discount, not the transitions (FrozenLake 8 x 8)", () => {
    const lake = frozenLake({ map: frozenLakeMap8x8 });
    const states = 64;
    const checkpoints = [
      solve(valueIteration(), lake, { maxIterations: 2, trace: false }).checkpoint(),
      solve(policyIteration(), lake, { maxIterations: 2, trace: false }).checkpoint(),
    ];
    for (const checkpoint of checkpoints) {
      expect(Object.keys(checkpoint.state)).not.toContain("model");
      expect(checkpoint.state.discount).toBe(lake.discount);
      // The 4 x 64 x 64 transition matrix alone is 16,384 numbers; the state is a few vectors of 64.
      const text = serializeCheckpoint({ ...checkpoint, problem: undefined });
      expect(text.length).toBeLessThan(4 * states * 25);
    }
    const evaluation = solve(policyEvaluation(), { mdp: lake, policy: equiprobablePolicy(lake) }, { maxIterations: 2 });
    expect(Object.keys(evaluation.checkpoint().state).sort()).toEqual([
      "change",
      "changeSpan",
      "discount",
      "previousValues",
      "values",
    ]);
  });
});

describe("policyIteration", () => {
  it("terminates in few iterations and matches pymdptoolbox's documented forest result", () => {
    const result = solve(policyIteration(), forestManagement());
    expect(result.iterations).toBeLessThanOrEqual(3);
    Array.from(result.state.values).forEach((value, i) =>
      expect(value).toBeCloseTo([26.244, 29.484, 33.484][i] as number, 10),
    );
    expect(Array.from(result.state.policy)).toEqual([0, 0, 0]);
    const lake = solve(policyIteration(), frozenLake({ map: frozenLakeMap8x8 }));
    expect(lake.iterations).toBeLessThanOrEqual(12);
    expect(lake.stopReason).toMatchObject({ kind: "converged", test: "policy changes" });
  });

  it("with modified and iterative evaluation, reaches V* within eps", () => {
    const problem = frozenLake({ map: frozenLakeMap8x8 });
    const star = optimal(problem);
    for (const evaluation of [
      modifiedEvaluation({ sweeps: 1 }),
      modifiedEvaluation({ sweeps: 10 }),
      iterativeEvaluation({ absTolerance: 1e-10 }),
      exactEvaluation({ denseLimit: 0 }),
    ]) {
      const result = solve(policyIteration({ evaluation, absTolerance: 1e-4 }), problem);
      expect(result.converged).toBe(true);
      expect(supDistance(result.state.values, star)).toBeLessThanOrEqual(1e-4);
      expect(result.trace.entries.at(-1)?.record.policyChanges).toBe(0);
    }
  });

  it("keeps the current action on ties, so the policy is stable on the gridworld with a proper start", () => {
    const mdp = gridworld4x4();
    const initialPolicy = [0, 0, 0, 0, 3, 0, 0, 1, 3, 0, 2, 1, 3, 2, 2, 0];
    const result = solve(policyIteration(), { ...mdp, initialPolicy });
    expect(result.converged).toBe(true);
    expect(Array.from(result.state.values)).toEqual([0, -1, -2, -3, -1, -2, -3, -2, -2, -3, -2, -1, -3, -2, -1, 0]);
    // Already optimal: one improvement finds nothing better, ties included.
    const again = solve(policyIteration(), { ...mdp, initialPolicy: Array.from(result.state.policy) });
    expect(again.iterations).toBe(1);
    expect(Array.from(again.state.policy)).toEqual(Array.from(result.state.policy));
  });

  it("reports a policy that never terminates at discount 1 as a step error", () => {
    expect(() => solve(policyIteration(), gridworld4x4())).toThrow(StepError);
  });
});

describe("MDP validation", () => {
  const base = forestManagement();
  const withProblem = (patch: Partial<Record<keyof MdpProblem, unknown>>) => () =>
    solve(valueIteration(), { ...base, ...patch } as MdpProblem);

  it("names the state and action of a row that does not sum to 1", () => {
    expect(
      withProblem({
        transitions: [
          [
            [0.5, 0.5, 0],
            [0.1, 0, 0.8],
            [0.1, 0, 0.9],
          ],
          base.transitions[1],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions (action 0, state 1) must be a row summing to 1 within 1e-9, got a row summing to 0.9]`,
    );
  });
  it("names the entry of a negative probability", () => {
    expect(
      withProblem({
        transitions: [
          [
            [0.5, 0.5, 0],
            [0.1, 0, 0.9],
            [0.1, 1, -0.1],
          ],
          base.transitions[1],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions[0][2][2] must be a probability in [0, 1], got -0.1]`,
    );
  });
  it("rejects shape mismatches in transitions and rewards", () => {
    expect(withProblem({ transitions: [base.transitions[0]] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions must be A x S x S = 2 x 3 x 3 nested arrays, a Float64Array of length 18, or 2 sparse matrices, got an array of length 1]`,
    );
    expect(withProblem({ transitions: [[[1, 0, 0]], base.transitions[1]] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions[0] must be 3 rows of 3 probabilities, got an array of length 1]`,
    );
    expect(
      withProblem({
        rewards: [
          [0, 1],
          [0, 1],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.rewards must be R(s, a) as 3 x 2 nested arrays or a Float64Array of length 6, or R(s, a, s') as 2 x 3 x 3 nested arrays, got an array of length 2]`,
    );
    expect(
      withProblem({
        rewards: [
          [0, 1],
          [0, 1, 2],
          [4, 2],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.rewards[1] must be 2 rewards R(s, a), got an array of length 3]`,
    );
    expect(
      withProblem({
        rewards: [
          [0, 1],
          [0, NaN],
          [4, 2],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.rewards[1][1] must be a finite number, got NaN]`,
    );
    expect(withProblem({ transitions: new Float64Array(5) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions must be a Float64Array of length A * S * S = 18, got a Float64Array of length 5]`,
    );
    expect(withProblem({ states: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.states must be an integer >= 1, got 0]`,
    );
  });
  it("rejects a discount out of range, and 1 without an episodic problem", () => {
    expect(withProblem({ discount: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.discount must be a number in [0, 1) (1 only with episodic: true), got 1.5]`,
    );
    expect(withProblem({ discount: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.discount must be a number in [0, 1) (1 only with episodic: true), got 1]`,
    );
    expect(withProblem({ discount: 1, episodic: true })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.terminal must be a non-empty list of states (the problem is episodic), got none]`,
    );
    expect(
      withProblem({ discount: 1, episodic: true, terminal: [2], allowedActions: [[1], [1], [1]] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem (episodic) must be an MDP where every state can reach a terminal state, got state 0, which cannot]`,
    );
  });
  it("rejects bad terminal states, allowed actions and sparse matrices", () => {
    expect(withProblem({ terminal: [3] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.terminal[0] must be a state index in [0, 3), got 3]`,
    );
    expect(withProblem({ allowedActions: [[0], [], [1]] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.allowedActions[1] must be a non-empty list (state is not terminal), got an array of length 0]`,
    );
    expect(withProblem({ allowedActions: [[0], [2], [1]] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.allowedActions[1] must be a list of action indices in [0, 2), got 2]`,
    );
    const csr = (rowPointers: number[], columnIndices: number[], probabilities: number[]) => ({
      rowPointers: Int32Array.from(rowPointers),
      columnIndices: Int32Array.from(columnIndices),
      probabilities: Float64Array.from(probabilities),
    });
    const ok = csr([0, 1, 2, 3], [0, 0, 0], [1, 1, 1]);
    expect(withProblem({ transitions: [csr([0, 1, 2], [0, 0], [1, 1]), ok] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions[0] must be CSR with 4 row pointers from 0 to the entry count, and as many column indices as probabilities, got 3 row pointers ending at 2, 2 column indices, 2 probabilities]`,
    );
    expect(
      withProblem({ transitions: [csr([0, 2, 3, 4], [1, 1, 0, 0], [0.5, 0.5, 1, 1]), ok] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions[0] (state 0) must be a row with each next state at most once, got state 1 twice]`,
    );
    expect(
      withProblem({ transitions: [csr([0, 1, 2, 3], [0, 5, 0], [1, 1, 1]), ok] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.transitions[0].columnIndices[1] (state 1) must be a state index in [0, 3), got 5]`,
    );
  });
  it("rejects bad policies and initial policies", () => {
    expect(() => solve(policyEvaluation(), { mdp: base, policy: [0, 2, 0] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.policy[1] must be an allowed action index in [0, 2), got 2]`,
    );
    expect(() =>
      solve(policyEvaluation(), {
        mdp: base,
        policy: [
          [0.5, 0.4],
          [1, 0],
          [1, 0],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.policy[0] must be action probabilities summing to 1 within 1e-9, got a sum of 0.9]`,
    );
    expect(() => solve(policyEvaluation(), { mdp: base, policy: [0, 0] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.policy must be 3 actions or 3 rows of 2 action probabilities, got an array of length 2]`,
    );
    expect(() => solve(policyIteration(), { ...base, initialPolicy: [0, 0, 1.5] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.initialPolicy[2] must be an allowed action index in [0, 2), got 1.5]`,
    );
    expect(() =>
      solve(policyIteration(), { ...base, allowedActions: [[0], [0], [0]], initialPolicy: [0, 1, 0] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.initialPolicy[1] must be an allowed action index in [0, 2), got 1]`,
    );
  });
  it("throws typed errors", () => {
    expect(withProblem({ discount: -1 })).toThrow(InvalidProblemError);
    expect(() => valueIteration({ maxIterations: -1 })).toThrow(InvalidOptionError);
  });
});

describe("MDP options", () => {
  it("validates options eagerly, with the shared message shape", () => {
    expect(() => valueIteration({ sweep: "in-place" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: sweep must be a sweep order (synchronousSweep() or inPlaceSweep()), got "in-place"]`,
    );
    expect(() => valueIteration({ stoppingRule: 0.01 as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stoppingRule must be a stopping rule (supNormRule(), spanRule(), toleranceRule() or a criterion), got 0.01]`,
    );
    expect(() => policyIteration({ evaluation: "exact" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: evaluation must be a policy evaluation method (exactEvaluation(), iterativeEvaluation() or modifiedEvaluation()), got "exact"]`,
    );
    expect(() => policyIteration({ absTolerance: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number > 0, got 0]`,
    );
    expect(() => supNormRule({ absTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number > 0, got -1]`,
    );
    expect(() => spanRule({ absTolerance: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number > 0, got 0]`,
    );
    expect(() => toleranceRule({ absTolerance: NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number >= 0, got NaN]`,
    );
    expect(() => modifiedEvaluation({ sweeps: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: sweeps must be an integer >= 1, got 0]`,
    );
    expect(() => iterativeEvaluation({ maxSweeps: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxSweeps must be an integer >= 1, got 0]`,
    );
    expect(() => exactEvaluation({ denseLimit: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: denseLimit must be an integer >= 0, got -1]`,
    );
    expect(() => policyEvaluation({ inPlace: 1 as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: inPlace must be a boolean, got 1]`,
    );
    expect(() => valueIterationBound(1, 0.01, 1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: discount must be a number in [0, 1), got 1]`,
    );
    expect(() => frozenLake({ map: ["SFF", "FG"] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: map must be equal-length non-empty rows of S, F, H and G, got an array of length 2]`,
    );
    expect(() => forestManagement({ states: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: states must be an integer >= 2, got 1]`,
    );
    expect(() => randomMdp({ states: 5, actions: 2, successors: 6 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: successors must be an integer in [1, 5], got 6]`,
    );
    expect(() =>
      randomMdp({ states: 50, actions: 2, successors: 6, successorWindow: 5 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: successorWindow must be an integer in [6, 50], got 5]`);
    expect(() =>
      randomMdp({ states: 50, actions: 2, successors: 6, successorWindow: 51 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: successorWindow must be an integer in [6, 50], got 51]`);
    expect(() => randomMdp({ states: 50, actions: 2, successorWindow: 10 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: successorWindow must be left out for dense transitions (give successors too), got 10]`,
    );
    expect(() => gridworld5x5({ discount: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: discount must be a number in [0, 1), got 1]`,
    );
    expect(() => renderGrid({ rows: 2, columns: 2, values: [1, 2, 3] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: values must be an array of rows * columns = 4 entries, got an array of length 3]`,
    );
  });
});

describe("environments", () => {
  it("builds FrozenLake with Gymnasium's slippery dynamics", () => {
    const lake = frozenLake();
    const P = lake.transitions as number[][][];
    // From state 0 (top-left), action down (1): left (stay), down (state 4), right (state 1), 1/3 each.
    expect(P[1]?.[0]?.[0]).toBeCloseTo(1 / 3, 15);
    expect(P[1]?.[0]?.[4]).toBeCloseTo(1 / 3, 15);
    expect(P[1]?.[0]?.[1]).toBeCloseTo(1 / 3, 15);
    // State 14, action right: down (stay at 14), right (goal 15), up (10): reward 1/3 expected.
    expect((lake.rewards as number[][])[14]?.[2]).toBeCloseTo(1 / 3, 15);
    expect(lake.terminal).toEqual([5, 7, 11, 12, 15]);
    const still = frozenLake({ slippery: false });
    expect((still.transitions as number[][][])[2]?.[0]?.[1]).toBe(1);
  });

  it("builds pymdptoolbox's forest P and R", () => {
    const forest = forestManagement();
    expect(forest.transitions).toEqual([
      [
        [0.1, 0.9, 0],
        [0.1, 0, 0.9],
        [0.1, 0, 0.9],
      ],
      [
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
      ],
    ]);
    expect(forest.rewards).toEqual([
      [0, 0],
      [0, 1],
      [4, 2],
    ]);
  });

  it("draws the same random MDP from the same seed, with rows that sum to 1", () => {
    const a = randomMdp({ states: 20, actions: 2, successors: 3, seed: 3 });
    const b = randomMdp({ states: 20, actions: 2, successors: 3, seed: 3 });
    expect(a).toEqual(b);
    expect(randomMdp({ states: 20, actions: 2, seed: 4 })).not.toEqual(randomMdp({ states: 20, actions: 2, seed: 5 }));
    const dense = randomMdp({ states: 7, actions: 2, seed: 1 }).transitions as Float64Array;
    for (let row = 0; row < 14; row++)
      expect(dense.subarray(row * 7, row * 7 + 7).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it("draws the successors from the window around each state, cyclically, and every state without a window", () => {
    const S = 50;
    const window = 7; // states s - 3 .. s + 3
    const local = randomMdp({ states: S, actions: 3, successors: 5, successorWindow: window, seed: 6 });
    const matrices = local.transitions as readonly SparseTransitionMatrix[];
    const reached = new Set<number>();
    matrices.forEach((matrix) => {
      for (let s = 0; s < S; s++) {
        const columns = [...matrix.columnIndices.subarray(matrix.rowPointers[s], matrix.rowPointers[s + 1])];
        expect(columns).toHaveLength(5);
        expect(new Set(columns).size).toBe(5);
        for (const t of columns) {
          const offset = (t - s + S + 3) % S; // 0 .. 6 inside the window
          expect(offset).toBeLessThan(window);
          reached.add(offset);
        }
        const row = matrix.probabilities.subarray(matrix.rowPointers[s], matrix.rowPointers[s + 1]);
        expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
      }
    });
    expect(reached.size).toBe(window); // both ends of the window are drawn, across the edges 0 and S - 1 too
    expect(randomMdp({ states: S, actions: 3, successors: 5, successorWindow: window, seed: 6 })).toEqual(local);
    // A window as wide as the states is the default: the same draws, the same MDP.
    expect(randomMdp({ states: S, actions: 3, successors: 5, successorWindow: S, seed: 6 })).toEqual(
      randomMdp({ states: S, actions: 3, successors: 5, seed: 6 }),
    );
    // A window of exactly `successors` states takes each of them.
    const full = randomMdp({ states: S, actions: 1, successors: 4, successorWindow: 4, seed: 2 })
      .transitions as readonly SparseTransitionMatrix[];
    expect([...(full[0] as SparseTransitionMatrix).columnIndices.subarray(0, 4)].sort((a, b) => a - b)).toEqual([
      0, 1, 48, 49,
    ]);
  });
});

describe("renderGrid", () => {
  it("draws values and the policy as arrows, with labels", () => {
    expect(
      renderGrid({ rows: 2, columns: 2, values: [0, -1.25, -10, 3], policy: [-1, 0, 3, 2], labels: ["", "", "", "G"] }),
    ).toMatchInlineSnapshot(`
      "  0.0  -1.3
      -10.0   3.0

      . ←
      ↑ G"
    `);
    expect(renderGrid({ rows: 1, columns: 3, policy: [1, 2, -1] })).toBe("↓ → .");
  });
});
