import { integerAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { sweepOrderRule, stoppingRuleRule } from "./option-rules.js";
import { prepareMdp } from "./prepare-mdp.js";
import { supNormRule } from "./sup-norm-rule.js";
import { synchronousSweep } from "./synchronous-sweep.js";
import { reserveDenseSweepKernel } from "./sweep-reservation.js";
import { bindWasmSweeps } from "./wasm-sweep.js";
import type {
  MdpProblem,
  PreparedMdp,
  PreparedValueIteration,
  ValueIterationOptions,
  ValueIterationRecord,
  ValueIterationState,
} from "./types.js";

/**
 * Value iteration for a Markov decision process: repeated sweeps of the Bellman optimality operator from
 * `V_0 = 0`.
 *
 * @remarks
 * Update rule: `V_{k+1}(s) = max_a [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]` ({@link synchronousSweep}),
 * or the same state by state on the newest values ({@link inPlaceSweep}). Terminal states keep value 0.
 *
 * Cost per iteration: one pass over the transitions, `O(A S^2)` dense or `O(nnz)` sparse, no allocation
 * besides the `S`-entry policy (values are double-buffered, see {@link ValueIterationState}).
 *
 * Convergence: linear with factor `gamma` in the sup norm, `||V_k - V*|| <= gamma^k ||V_0 - V*||`. The
 * default {@link supNormRule} stops once `||V_k - V_{k-1}|| <= epsilon (1 - gamma) / (2 gamma)`, which
 * guarantees `||V_k - V*|| <= epsilon / 2` and an `epsilon`-optimal greedy policy
 * ({@link greedyPolicy}`(problem, state.values)`); {@link spanRule} is pymdptoolbox's rule, which certifies
 * the policy but not the values; {@link toleranceRule} a plain tolerance. The iteration bound is never
 * changed: {@link valueIterationBound} computes one the sup-norm rule is sure to meet. Each record has the
 * change in sup norm and span, the states whose greedy action changed and the Bellman residual.
 *
 * Threads: with {@link synchronousSweep} on a model of 16,384 transition entries or more, the
 * sweep runs in chunks of states on up to the run option `threads` (the same bits on any number); an in-place
 * sweep reads the values it has just written, so it runs on one. The result's `kernelThreads` says which.
 *
 * @param options - Sweep order, stopping rule, iteration bound.
 * @returns The solver, to run with `solve` on an {@link MdpProblem}.
 * @throws `InvalidOptionError` for options of the wrong kind. Its `prepare` throws `InvalidProblemError` for a
 *   malformed problem (see {@link MdpProblem}), naming the state and action at fault.
 * @example
 * ```ts
 * const result = solve(valueIteration(), frozenLake());
 * result.stopReason; // converged: ||dV|| (sup-norm rule, eps = 0.01) <= 5.1e-5
 * const policy = greedyPolicy(frozenLake(), result.state.values);
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3; R. S. Sutton and A. G. Barto,
 *   Reinforcement Learning: An Introduction, 2nd ed., section 4.4.
 */
export function valueIteration(
  options: ValueIterationOptions = {},
): Solver<MdpProblem, ValueIterationState, ValueIterationRecord, PreparedValueIteration> {
  const rules = {
    sweep: sweepOrderRule,
    stoppingRule: stoppingRuleRule,
    maxIterations: optional(integerAtLeast(0)),
  } satisfies OptionSchemaOf<ValueIterationOptions>;
  validateStrictOptions(options, rules, "valueIteration");
  const order = options.sweep ?? synchronousSweep();
  return {
    name: `value iteration (${order.name})`,
    maxIterations: options.maxIterations ?? 10_000,
    convergence: options.stoppingRule ?? supNormRule(),
    prepare(problem, { threads, kernelPool }) {
      const sweepThreads = order.parallel === true ? threads : 1;
      // A dense model's kernel first: its workers (where a core is free) boot while the problem is checked.
      const reserved = reserveDenseSweepKernel(problem, sweepThreads, kernelPool);
      let model: PreparedMdp;
      try {
        model = prepareMdp(problem);
      } catch (error) {
        reserved?.kernel.dispose();
        throw error;
      }
      return { ...model, sweeps: bindWasmSweeps(model, sweepThreads, kernelPool, reserved) };
    },
    dispose: (prepared) => prepared.sweeps?.dispose(),
    kernelThreads: (prepared) => prepared.sweeps?.threads ?? 1,
    init(model) {
      const values = new Float64Array(model.states);
      return {
        values,
        previousValues: values.slice(),
        policy: new Int32Array(model.states).fill(-1),
        change: Number.NaN,
        changeSpan: Number.NaN,
        policyChanges: Number.NaN,
        bellmanResidual: Number.NaN,
      };
    },
    step(model, state) {
      // Double buffering: V_{k+1} overwrites V_{k-1}.
      const next = state.previousValues;
      const policy = new Int32Array(model.states);
      const statistics = order.sweep(model, state.values, next, state.policy, policy);
      return { ...statistics, values: next, previousValues: state.values, policy };
    },
    record: ({ change, changeSpan, policyChanges, bellmanResidual }) => ({
      change,
      changeSpan,
      policyChanges,
      bellmanResidual,
    }),
  };
}
