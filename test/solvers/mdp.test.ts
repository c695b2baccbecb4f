import { describe, expect, it } from "vitest";
import { serializeCheckpoint, solve, solveIterations, StepError } from "../../src/index.js";
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
  spanRule,
  supNormRule,
  synchronousSweep,
  toleranceRule,
  valueIteration,
  valueIterationBound,
} from "../../solvers/mdp/index.js";
import type { SparseTransitionMatrix } from "../../solvers/mdp/index.js";
import { supDistance, optimal, densify, environments } from "../fixtures/mdp.js";

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
  it("hold the values and the policy, not the transitions nor the discount (FrozenLake 8 x 8)", () => {
    const lake = frozenLake({ map: frozenLakeMap8x8 });
    const states = 64;
    const checkpoints = [
      solve(valueIteration(), lake, { maxIterations: 2, trace: false }).checkpoint(),
      solve(policyIteration(), lake, { maxIterations: 2, trace: false }).checkpoint(),
    ];
    for (const checkpoint of checkpoints) {
      expect(Object.keys(checkpoint.state)).not.toContain("model");
      expect(Object.keys(checkpoint.state)).not.toContain("discount");
      // The 4 x 64 x 64 transition matrix alone is 16,384 numbers; the state is a few vectors of 64.
      const text = serializeCheckpoint({ ...checkpoint, problem: undefined });
      expect(text.length).toBeLessThan(4 * states * 25);
    }
    const evaluation = solve(policyEvaluation(), { mdp: lake, policy: equiprobablePolicy(lake) }, { maxIterations: 2 });
    expect(Object.keys(evaluation.checkpoint().state).sort()).toEqual([
      "change",
      "changeSpan",
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
