import type { MdpProblem, PreparedMdp, StoppingRule, ValueChangeState, ValueIterationRecord } from "./types.js";

/** The result of evaluating a policy once inside {@link policyIteration}. */
export interface EvaluationResult {
  /** The (approximate) values of the policy. */
  readonly values: Float64Array;
  /** Sweeps of the policy's Bellman operator used (0 for a direct solve). */
  readonly sweeps: number;
}

/**
 * How {@link policyIteration} evaluates a policy: a strategy, built by {@link exactEvaluation},
 * {@link iterativeEvaluation} or {@link modifiedEvaluation}.
 */
export interface PolicyEvaluationMethod {
  /** A short name for the solver's name, e.g. `exact`. */
  readonly name: string;
  /** Whether the values are exact (up to rounding): then a stable policy is optimal. */
  readonly exact: boolean;
  /**
   * Evaluates the policy with probabilities `weights` (`S * A`, row `s`) from the starting values `start`
   * (never written).
   */
  evaluate(model: PreparedMdp, weights: Float64Array, start: Float64Array): EvaluationResult;
}

/** Options of {@link policyIteration}. */
export interface PolicyIterationOptions {
  /**
   * How each policy is evaluated.
   * @defaultValue `exactEvaluation()`
   */
  readonly evaluation?: PolicyEvaluationMethod;
  /**
   * With an inexact evaluation, a stable policy is accepted only once `||T V - V||_inf <= epsilon (1 - gamma) / 2`,
   * which bounds the returned values' error by `epsilon`: the accuracy `epsilon`, a finite number > 0.
   * @defaultValue `0.01`
   */
  readonly absTolerance?: number;
  /**
   * The iteration bound (improvements), an integer >= 0.
   * @defaultValue `1000`
   */
  readonly maxIterations?: number;
}

/** The state of {@link policyIteration}: plain data; every step allocates new arrays (a run takes few steps). */
export interface PolicyIterationState extends ValueChangeState {
  /** `V_k`, the values of `policy` (exact or approximate, by the evaluation method). */
  readonly values: Float64Array;
  /** The policy `pi_k`; `-1` for terminal states. */
  readonly policy: Int32Array;
  /** States whose action differs between `pi_{k-1}` and `pi_k` (`NaN` at iteration 0). */
  readonly policyChanges: number;
  /** `||T V_{k-1} - V_{k-1}||_inf`, measured by the improvement step (`NaN` at iteration 0). */
  readonly bellmanResidual: number;
  /** Sweeps the evaluation of `pi_k` used (0 for a direct solve). */
  readonly evaluationSweeps: number;
  /** Sweeps used by all evaluations so far. */
  readonly totalSweeps: number;
}

/** The trace record of {@link policyIteration}: numbers only. */
export interface PolicyIterationRecord extends ValueIterationRecord {
  /** Sweeps the evaluation of this iteration's policy used. */
  readonly evaluationSweeps: number;
}

/**
 * A policy: for each state an action index (deterministic; entries of terminal states are ignored), or
 * `S x A` nested arrays of action probabilities (each row of a non-terminal state sums to 1 over allowed
 * actions).
 */
export type PolicyInput = ArrayLike<number> | readonly (readonly number[])[];

/** The problem of {@link policyEvaluation}: an MDP and the policy to evaluate. */
export interface PolicyEvaluationProblem {
  /** The MDP. */
  readonly mdp: MdpProblem;
  /** The policy. */
  readonly policy: PolicyInput;
}

/** The prepared problem of {@link policyEvaluation}: the MDP in kernel form and the policy's weights. */
export interface PreparedPolicyEvaluation {
  /** The MDP. */
  readonly model: PreparedMdp;
  /** The policy's action probabilities, `S * A` row-major. */
  readonly weights: Float64Array;
  /** The MDP's discount, where the stopping rules read it (`Criterion.init`) to set their thresholds. */
  readonly discount: number;
}

/** The prepared problem of {@link policyIteration}: the MDP in kernel form and the validated initial policy. */
export interface PreparedPolicyIteration {
  /** The MDP. */
  readonly model: PreparedMdp;
  /** The initial policy `pi_0` (`-1` for terminal states); each run starts from a copy. */
  readonly initialPolicy: Int32Array;
  /** The MDP's discount, where the stopping rules read it (`Criterion.init`) to set their thresholds. */
  readonly discount: number;
}

/** Options of {@link policyEvaluation}. */
export interface PolicyEvaluationOptions {
  /**
   * Update the values in place (Gauss-Seidel: each state reads the values already updated in this sweep)
   * instead of synchronously (Jacobi: each sweep reads only `V_{k-1}`, as Sutton & Barto's figures do).
   * @defaultValue `false`
   */
  readonly inPlace?: boolean;
  /**
   * When to stop. The sup-norm rule's threshold is 0 at discount 1, so the default is a plain tolerance.
   * @defaultValue `toleranceRule({ absTolerance: 1e-8 })`
   */
  readonly stoppingRule?: StoppingRule;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `10000`
   */
  readonly maxIterations?: number;
}

/** The trace record of {@link policyEvaluation}: what one sweep of `T_pi` measures. */
export interface PolicyEvaluationRecord {
  /** `||V_k - V_{k-1}||_inf` (`NaN` at iteration 0). */
  readonly change: number;
  /** `span(V_k - V_{k-1})` (`NaN` at iteration 0). */
  readonly changeSpan: number;
}

/** The state of {@link policyEvaluation}: plain data, double-buffered as {@link ValueIterationState}. */
export interface PolicyEvaluationState extends ValueChangeState {
  /** `V_k`. */
  readonly values: Float64Array;
  /** `V_{k-1}`: the buffer the next step overwrites. */
  readonly previousValues: Float64Array;
}
