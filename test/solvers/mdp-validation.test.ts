// The MDP solvers' typed errors for bad problems, policies and options.
import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidProblemError, solve } from "../../src/index.js";
import {
  exactEvaluation,
  forestManagement,
  frozenLake,
  gridworld5x5,
  iterativeEvaluation,
  modifiedEvaluation,
  policyEvaluation,
  policyIteration,
  randomMdp,
  renderGrid,
  spanRule,
  supNormRule,
  toleranceRule,
  valueIteration,
  valueIterationBound,
} from "../../solvers/mdp/index.js";
import type { MdpProblem } from "../../solvers/mdp/index.js";

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
