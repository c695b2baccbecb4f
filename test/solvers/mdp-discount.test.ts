// The MDP solvers' states hold the iterate only: the stopping rules read the discount from the prepared problem.
import { describe, expect, it } from "vitest";
import {
  CheckpointError,
  iterate,
  parseCheckpoint,
  prepareProblem,
  serializeCheckpoint,
  solve,
} from "../../src/index.js";
import type { RunResult } from "../../src/index.js";
import {
  equiprobablePolicy,
  forestManagement,
  frozenLake,
  modifiedEvaluation,
  policyEvaluation,
  policyIteration,
  spanRule,
  supNormRule,
  toleranceRule,
  valueIteration,
} from "../../solvers/mdp/index.js";
import type { ValueIterationState } from "../../solvers/mdp/index.js";

const tolerance = (result: RunResult<unknown, unknown>, leaf = 0) => result.criteria.convergence[leaf]?.tolerance;

describe("MDP states", () => {
  it("have no discount, at iteration 0, after steps and in checkpoints", () => {
    const lake = frozenLake();
    const runs = [
      solve(valueIteration(), lake, { maxIterations: 0 }),
      solve(valueIteration(), lake, { maxIterations: 3 }),
      solve(policyIteration(), lake, { maxIterations: 2 }),
      solve(policyIteration({ evaluation: modifiedEvaluation({ sweeps: 3 }) }), lake, { maxIterations: 2 }),
      solve(policyEvaluation(), { mdp: lake, policy: equiprobablePolicy(lake) }, { maxIterations: 3 }),
    ];
    for (const run of runs) {
      expect(Object.keys(run.state)).not.toContain("discount");
      expect(Object.keys(run.checkpoint().state)).not.toContain("discount");
      expect(run.warnings).toEqual([]);
    }
  });
});

describe("the stopping rules' thresholds", () => {
  it("follow the prepared problem's discount: two discounts, two thresholds in the report", () => {
    const eps = 0.01;
    for (const discount of [0.9, 0.96]) {
      const forest = forestManagement({ discount });
      const sup = solve(valueIteration(), forest);
      expect(sup.converged).toBe(true);
      expect(tolerance(sup)).toBe((eps * (1 - discount)) / (2 * discount));
      expect(sup.criteria.convergence[0]?.value).toBeLessThanOrEqual((eps * (1 - discount)) / (2 * discount));
      const span = solve(valueIteration({ stoppingRule: spanRule() }), forest);
      expect(tolerance(span)).toBe((eps * (1 - discount)) / discount);
      const modified = solve(policyIteration({ evaluation: modifiedEvaluation({ sweeps: 5 }) }), forest);
      // allOf(policy changes, ||TV - V||): the second leaf is the residual rule, eps (1 - gamma) / 2.
      expect(tolerance(modified, 1)).toBe((eps * (1 - discount)) / 2);
      const evaluation = solve(policyEvaluation({ stoppingRule: supNormRule({ absTolerance: 1e-6 }) }), {
        mdp: forest,
        policy: [0, 0, 0],
      });
      expect(tolerance(evaluation)).toBe((1e-6 * (1 - discount)) / (2 * discount));
    }
    // The same rule object serves both discounts: nothing of one run's problem stays in the rule.
    const rule = supNormRule();
    const thresholds = [0.5, 0.8].map((discount) =>
      tolerance(solve(valueIteration(), forestManagement({ discount }), { converged: rule })),
    );
    expect(thresholds).toEqual([(0.01 * (1 - 0.5)) / (2 * 0.5), (0.01 * (1 - 0.8)) / (2 * 0.8)]);
  });

  it("are set before the first check, and stay a plain tolerance for toleranceRule", () => {
    const forest = forestManagement({ discount: 0.9 });
    expect(tolerance(solve(valueIteration(), forest, { maxIterations: 0 }))).toBe((0.01 * (1 - 0.9)) / (2 * 0.9));
    const plain = toleranceRule({ absTolerance: 1e-5 });
    expect(tolerance(solve(valueIteration({ stoppingRule: plain }), forest, { maxIterations: 0 }))).toBe(1e-5);
    // Described outside a run (no prepared problem): a discount-dependent threshold is not known yet.
    expect(supNormRule().report(supNormRule().init())[0]?.tolerance).toBeNaN();
    expect(plain.report(plain.init())[0]?.tolerance).toBe(1e-5);
  });

  it("refuse, with a typed error, a run whose prepared problem has no discount", () => {
    const rule = supNormRule();
    expect(() =>
      iterate({ change: 1, changeSpan: 1 }, { update: (state) => state, maxIterations: 1, converged: rule }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: converged must be a stopping rule of an MDP solver run (valueIteration, policyEvaluation, policyIteration): ||dV|| (sup-norm rule, eps = 0.01) reads the discount of the run's prepared problem, and this run's has none]`,
    );
    // A plain tolerance needs no discount, so it runs anywhere.
    const plain = iterate(
      { change: 1, changeSpan: 1 },
      {
        update: (state) => ({ change: state.change / 2, changeSpan: 0 }),
        converged: toleranceRule({ absTolerance: 2 ** -10 }),
        maxIterations: 20,
      },
    );
    expect(plain.iterations).toBe(10);
  });
});

describe("value iteration checkpoints", () => {
  it("resume bit-identically on the same problem, through a prepared handle too", () => {
    const lake = frozenLake({ discount: 0.95 });
    const solver = valueIteration({ stoppingRule: supNormRule({ absTolerance: 1e-8 }) });
    const whole = solve(solver, lake);
    const first = solve(solver, lake, { maxIterations: 20 });
    const checkpoint = parseCheckpoint<ValueIterationState, unknown>(serializeCheckpoint(first.checkpoint()));
    const resumed = solve(solver, lake, { resumeFrom: checkpoint });
    using handle = prepareProblem(solver, lake);
    const onHandle = solve(solver, handle, { resumeFrom: checkpoint });
    for (const run of [resumed, onHandle]) {
      expect(run.iterations).toBe(whole.iterations);
      expect(Array.from(run.state.values)).toEqual(Array.from(whole.state.values));
      expect(run.criteria.convergence).toEqual(whole.criteria.convergence);
    }
  });

  it("refuse a problem with another discount: the fingerprint check names it", () => {
    const solver = valueIteration();
    const first = solve(solver, forestManagement({ discount: 0.9 }), { maxIterations: 3 });
    expect(() => solve(solver, forestManagement({ discount: 0.96 }), { resumeFrom: first.checkpoint() })).toThrow(
      CheckpointError,
    );
  });
});
