/**
 * Dynamic programming for finite Markov decision processes: value iteration (synchronous and in-place sweeps,
 * with the sup-norm, span and tolerance stopping rules), policy iteration (exact, iterative and modified
 * evaluation), fixed-policy evaluation, and teaching environments (Sutton & Barto's gridworlds, Gymnasium's
 * FrozenLake, pymdptoolbox's forest, random MDPs) with a terminal rendering of grids.
 *
 * @module iterlab/solvers/mdp
 */
export { valueIteration } from "./value-iteration.js";
export { policyIteration } from "./policy-iteration.js";
export { policyEvaluation } from "./policy-evaluation.js";
export { synchronousSweep } from "./synchronous-sweep.js";
export { inPlaceSweep } from "./in-place-sweep.js";
export { supNormRule } from "./sup-norm-rule.js";
export type { SupNormRuleOptions } from "./sup-norm-rule.js";
export { spanRule } from "./span-rule.js";
export type { SpanRuleOptions } from "./span-rule.js";
export { toleranceRule } from "./tolerance-rule.js";
export type { ToleranceRuleOptions } from "./tolerance-rule.js";
export { exactEvaluation } from "./exact-evaluation.js";
export type { ExactEvaluationOptions } from "./exact-evaluation.js";
export { iterativeEvaluation } from "./iterative-evaluation.js";
export type { IterativeEvaluationOptions } from "./iterative-evaluation.js";
export { modifiedEvaluation } from "./modified-evaluation.js";
export type { ModifiedEvaluationOptions } from "./modified-evaluation.js";
export { evaluatePolicy } from "./evaluate-policy.js";
export { equiprobablePolicy } from "./equiprobable-policy.js";
export { greedyPolicy } from "./greedy-policy.js";
export { actionValues } from "./action-values.js";
export { valueIterationBound } from "./value-iteration-bound.js";
export { gridworld4x4 } from "./gridworld-4x4.js";
export type { Gridworld4x4Options } from "./gridworld-4x4.js";
export { gridworld5x5 } from "./gridworld-5x5.js";
export type { Gridworld5x5Options } from "./gridworld-5x5.js";
export { frozenLake, frozenLakeMap4x4, frozenLakeMap8x8 } from "./frozen-lake.js";
export type { FrozenLakeOptions } from "./frozen-lake.js";
export { forestManagement } from "./forest-management.js";
export type { ForestManagementOptions } from "./forest-management.js";
export { randomMdp } from "./random-mdp.js";
export type { RandomMdpOptions } from "./random-mdp.js";
export { renderGrid } from "./render-grid.js";
export type {
  DenseTransitions,
  MdpProblem,
  MdpSweepKernel,
  PreparedMdp,
  PreparedValueIteration,
  WasmSweep,
  Rewards,
  SparseTransitionMatrix,
  SparseTransitions,
  StoppingRule,
  SweepOrder,
  SweepStatistics,
  ValueChangeState,
  ValueIterationOptions,
  ValueIterationRecord,
  ValueIterationState,
} from "./types.js";
export type {
  EvaluationResult,
  PolicyEvaluationMethod,
  PolicyEvaluationOptions,
  PolicyEvaluationProblem,
  PolicyEvaluationRecord,
  PolicyEvaluationState,
  PolicyInput,
  PolicyIterationOptions,
  PolicyIterationRecord,
  PolicyIterationState,
  PreparedPolicyEvaluation,
  PreparedPolicyIteration,
} from "./policy-types.js";
export type { RenderGridOptions } from "./render-grid.js";
