import { allOf, below, InvalidProblemError } from "../../src/index.js";
import { integerAtLeast, numberAbove, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { Criterion, Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { actionValue, policyWeights } from "./bellman.js";
import { changeCriterion } from "./change-criterion.js";
import { exactEvaluation } from "./exact-evaluation.js";
import { evaluationRule } from "./option-rules.js";
import { prepareMdp } from "./prepare-mdp.js";
import type { MdpProblem, PreparedMdp } from "./types.js";
import type {
  PolicyIterationOptions,
  PolicyIterationRecord,
  PolicyIterationState,
  PreparedPolicyIteration,
} from "./policy-types.js";

/** An action replaces the current one only if its value is larger by more than this (relative) margin. */
const tieMargin = 1e-12;

function initialPolicy(model: PreparedMdp, given: ArrayLike<number> | undefined): Int32Array {
  const { states: S, actions: A, terminal, allowed, rewards } = model;
  const policy = new Int32Array(S).fill(-1);
  if (given !== undefined) {
    if (given === null || typeof given !== "object" || given.length !== S)
      throw new InvalidProblemError("problem.initialPolicy", `${S} action indices`, given);
    for (let s = 0; s < S; s++) {
      if (terminal[s] === 1) continue;
      const a = given[s];
      if (typeof a !== "number" || !Number.isInteger(a) || a < 0 || a >= A || allowed[s * A + a] === 0) {
        throw new InvalidProblemError(`problem.initialPolicy[${s}]`, `an allowed action index in [0, ${A})`, a);
      }
      policy[s] = a;
    }
    return policy;
  }
  for (let s = 0; s < S; s++) {
    if (terminal[s] === 1) continue;
    let best = -Infinity;
    for (let a = 0; a < A; a++) {
      if (allowed[s * A + a] === 1 && (rewards[s * A + a] as number) > best) {
        best = rewards[s * A + a] as number;
        policy[s] = a;
      }
    }
  }
  return policy;
}

function differences(a: Float64Array, b: Float64Array): [number, number] {
  let high = -Infinity;
  let low = Infinity;
  for (let s = 0; s < a.length; s++) {
    const d = (a[s] as number) - (b[s] as number);
    if (d > high) high = d;
    if (d < low) low = d;
  }
  return a.length === 0 ? [0, 0] : [Math.max(Math.abs(high), Math.abs(low)), high - low];
}

/**
 * Policy iteration for a Markov decision process: evaluate the policy, improve it greedily, until it is stable.
 *
 * @remarks
 * Update rule: improvement `pi_{k+1}(s) = argmax_a [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]`, keeping the
 * current action unless another is better by more than `1e-12 (1 + |Q|)` (so ties never cycle), then
 * evaluation `V_{k+1} ~ V^{pi_{k+1}}` by the strategy: {@link exactEvaluation} (solve
 * `(I - gamma P_pi) V = r_pi`), {@link iterativeEvaluation} (sweeps to a tolerance) or
 * {@link modifiedEvaluation} (`m` sweeps: modified policy iteration). Iteration 0 is the initial policy
 * (`problem.initialPolicy`, or greedy on the immediate rewards) and its evaluation from `V = 0`.
 *
 * Cost per iteration: one pass over all actions' transitions for the improvement, plus the evaluation
 * (`O(S^3)` for the LU, or its sweeps over the policy's transitions; counted in `evaluationSweeps`).
 *
 * Convergence: with exact evaluation the values increase monotonically and the policy is optimal once stable,
 * after at most `A^S` (in practice very few) iterations; the stopping test is `policy changes <= 0`. With an
 * inexact evaluation, a stable policy is accepted only when also `||T V_k - V_k||_inf <= epsilon (1 - gamma) / 2`
 * (reported as `||TV - V|| (eps = ...)`), which keeps the returned values within about `epsilon` of `V*`.
 *
 * Threads: one (the result's `kernelThreads` is 1, whatever the run option `threads` asks for).
 *
 * @param options - Evaluation strategy, the accuracy `absTolerance` (`epsilon`) for inexact evaluations, iteration
 *   bound.
 * @returns The solver, to run with `solve` on an {@link MdpProblem}.
 * @throws `InvalidOptionError` for options of the wrong kind. Its `prepare` throws `InvalidProblemError` for a
 *   malformed problem or initial policy; a singular evaluation (discount 1 and a policy that never
 *   terminates) is a `StepError`.
 * @example
 * ```ts
 * const result = solve(policyIteration(), frozenLake());
 * result.iterations; // a handful; result.state.policy is optimal
 * ```
 * @see R. A. Howard, Dynamic Programming and Markov Processes, MIT Press 1960; M. L. Puterman, Markov
 *   Decision Processes, Wiley 1994, sections 6.4-6.5; Sutton & Barto, section 4.3.
 */
export function policyIteration(
  options: PolicyIterationOptions = {},
): Solver<MdpProblem, PolicyIterationState, PolicyIterationRecord, PreparedPolicyIteration> {
  const rules = {
    evaluation: evaluationRule,
    absTolerance: optional(numberAbove(0)),
    maxIterations: optional(integerAtLeast(0)),
  } satisfies OptionSchemaOf<PolicyIterationOptions>;
  validateStrictOptions(options, rules, "policyIteration");
  const evaluation = options.evaluation ?? exactEvaluation();
  const epsilon = options.absTolerance ?? 0.01;
  const stable: Criterion<PolicyIterationState> = below(
    (state: PolicyIterationState) => (Number.isNaN(state.policyChanges) ? undefined : state.policyChanges),
    0,
    {
      name: "policy changes",
    },
  );
  const convergence = evaluation.exact
    ? stable
    : allOf(
        stable,
        changeCriterion(
          `||TV - V|| (eps = ${epsilon})`,
          (state: PolicyIterationState) => state.bellmanResidual,
          (discount) => (epsilon * (1 - discount)) / 2,
        ),
      );
  return {
    name: `policy iteration (${evaluation.name})`,
    maxIterations: options.maxIterations ?? 1000,
    convergence,
    prepare(problem) {
      const model = prepareMdp(problem);
      return { model, initialPolicy: initialPolicy(model, problem.initialPolicy), discount: model.discount };
    },
    init({ model, initialPolicy: given }) {
      const policy = given.slice();
      const { values, sweeps } = evaluation.evaluate(
        model,
        policyWeights(model, policy),
        new Float64Array(model.states),
      );
      return {
        values,
        policy,
        change: Number.NaN,
        changeSpan: Number.NaN,
        policyChanges: Number.NaN,
        bellmanResidual: Number.NaN,
        evaluationSweeps: sweeps,
        totalSweeps: sweeps,
      };
    },
    step({ model }, state) {
      const { values } = state;
      const { states: S, actions: A, terminal, allowed } = model;
      const policy = state.policy.slice();
      let changes = 0;
      let residual = 0;
      for (let s = 0; s < S; s++) {
        if (terminal[s] === 1) continue;
        const current = state.policy[s] as number;
        let best = actionValue(model, s, current, values);
        let largest = best;
        for (let a = 0; a < A; a++) {
          if (a === current || allowed[s * A + a] === 0) continue;
          const q = actionValue(model, s, a, values);
          if (q > largest) largest = q;
          if (q > best + tieMargin * (1 + Math.abs(best))) {
            best = q;
            policy[s] = a;
          }
        }
        if (policy[s] !== current) changes++;
        const r = Math.abs(largest - (values[s] as number));
        if (r > residual || Number.isNaN(r)) residual = r;
      }
      const reuse = changes === 0 && evaluation.exact;
      const evaluated = reuse
        ? { values, sweeps: 0 }
        : evaluation.evaluate(model, policyWeights(model, policy), values);
      const [change, changeSpan] = differences(evaluated.values, values);
      return {
        values: evaluated.values,
        policy,
        change,
        changeSpan,
        policyChanges: changes,
        bellmanResidual: residual,
        evaluationSweeps: evaluated.sweeps,
        totalSweeps: state.totalSweeps + evaluated.sweeps,
      };
    },
    record: ({ change, changeSpan, policyChanges, bellmanResidual, evaluationSweeps }) => ({
      change,
      changeSpan,
      policyChanges,
      bellmanResidual,
      evaluationSweeps,
    }),
  };
}
