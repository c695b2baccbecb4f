import type { Criterion } from "../../src/index.js";

/**
 * One action's transition matrix in compressed sparse row (CSR) form, on typed arrays: row `s` holds
 * `P(s' | s, a) = probabilities[k]` at `s' = columnIndices[k]` for `rowPointers[s] <= k < rowPointers[s + 1]`.
 *
 * @remarks `rowPointers` has `states + 1` entries, starts at 0 and never decreases; a next state may appear
 * at most once per row. A plain object, so it can sit in a frozen problem (its typed arrays cannot be frozen:
 * the solvers only read them).
 */
export interface SparseTransitionMatrix {
  /** `states + 1` offsets into `columnIndices` and `probabilities`. */
  readonly rowPointers: Int32Array;
  /** The next state of each stored entry. */
  readonly columnIndices: Int32Array;
  /** The probability of each stored entry. */
  readonly probabilities: Float64Array;
}

/**
 * Dense transitions `P(s' | s, a)`: nested arrays `A x S x S` (`transitions[a][s][s']`), or one
 * `Float64Array` of length `A * S * S` in the same row-major order (used as is, never copied or written).
 */
export type DenseTransitions = readonly (readonly (readonly number[])[])[] | Float64Array;

/** Sparse transitions: one {@link SparseTransitionMatrix} per action. */
export type SparseTransitions = readonly SparseTransitionMatrix[];

/**
 * Rewards: `R(s, a)` as nested arrays `S x A` (`rewards[s][a]`) or a `Float64Array` of length `S * A`;
 * or `R(s, a, s')` as nested arrays `A x S x S` (`rewards[a][s][s']`, with dense or sparse transitions).
 * The solvers use the expected reward `r(s, a) = sum_s' P(s' | s, a) R(s, a, s')`.
 */
export type Rewards = readonly (readonly number[])[] | Float64Array | readonly (readonly (readonly number[])[])[];

/**
 * A finite Markov decision process: `S` states, `A` actions, transitions, rewards and a discount.
 *
 * @remarks Terminal states are absorbing with reward 0: their value is 0, their transitions and rewards are
 * ignored, and their policy entry is `-1`. `allowedActions` restricts the actions of a state; the other
 * actions' rows are ignored. Plain data, so frozen problems and checkpoints work.
 */
export interface MdpProblem {
  /** The number of states `S`, an integer >= 1. */
  readonly states: number;
  /** The number of actions `A`, an integer >= 1. */
  readonly actions: number;
  /** `P(s' | s, a)`; each row of an allowed action of a non-terminal state sums to 1 within 1e-9. */
  readonly transitions: DenseTransitions | SparseTransitions;
  /** `R(s, a)` or `R(s, a, s')`, finite numbers. */
  readonly rewards: Rewards;
  /** The discount `gamma` in `[0, 1)`; `1` only with `episodic: true`. */
  readonly discount: number;
  /**
   * Whether the problem is episodic: it has terminal states and every state can reach one (checked in
   * `init`). Required for `discount = 1`, where values are expected total rewards to termination. The check
   * is that some policy terminates from every state; a policy that never terminates has no finite value
   * (policy iteration must then start from a proper `initialPolicy`).
   * @defaultValue `false`
   */
  readonly episodic?: boolean | undefined;
  /**
   * The terminal (absorbing) states, as state indices.
   * @defaultValue none
   */
  readonly terminal?: readonly number[] | undefined;
  /**
   * The actions allowed in each state: `S` non-empty lists of action indices (a terminal state's list is
   * ignored and may be empty).
   * @defaultValue every action in every state
   */
  readonly allowedActions?: readonly (readonly number[])[] | undefined;
  /**
   * The first policy of {@link policyIteration}: an allowed action for every non-terminal state (terminal
   * entries are ignored).
   * @defaultValue the greedy policy on the immediate rewards (lowest action on ties)
   */
  readonly initialPolicy?: ArrayLike<number> | undefined;
}

/**
 * The problem in the form the kernels use, built once by the solvers' `prepare` and read by every step of
 * every run on it (never part of a state or a checkpoint).
 *
 * @remarks Dense rows: the row of `(s, a)` starts at `(a * S + s) * S` in `dense`. Sparse rows: the
 * transitions of all actions in one CSR with row `s * A + a`. Exactly one of the two forms is set.
 */
export interface PreparedMdp {
  /** `S`. */
  readonly states: number;
  /** `A`. */
  readonly actions: number;
  /** `gamma`; the stopping rules read it here when a run starts (`Criterion.init`), not from the state. */
  readonly discount: number;
  /** Dense transitions, `A * S * S` row-major (the problem's own array when it gave one), or `undefined`. */
  readonly dense: Float64Array | undefined;
  /** Sparse rows: `S * A + 1` offsets, or `undefined`. */
  readonly rowPointers: Int32Array | undefined;
  /** Sparse rows: next states, or `undefined`. */
  readonly columnIndices: Int32Array | undefined;
  /** Sparse rows: probabilities, or `undefined`. */
  readonly probabilities: Float64Array | undefined;
  /** The expected reward `r(s, a)` at `s * A + a`. */
  readonly rewards: Float64Array;
  /** `1` where action `a` is allowed in state `s` (at `s * A + a`), else `0`. */
  readonly allowed: Uint8Array;
  /** `1` for terminal states. */
  readonly terminal: Uint8Array;
}

/** One sweep from `current` into `next`, as {@link SweepOrder.sweep} makes it, in a WebAssembly kernel. */
export type WasmSweep = (
  current: Float64Array,
  next: Float64Array,
  previousPolicy: Int32Array,
  policy: Int32Array,
) => SweepStatistics;

/**
 * The WebAssembly sweeps bound to a large model by value iteration's `prepare` (the transitions copied into
 * the kernel's memory once), freed by its `dispose`.
 */
export interface MdpSweepKernel {
  /** A synchronous sweep, on the prepare context's threads. */
  readonly sweep: WasmSweep;
  /** An in-place sweep, on one thread. */
  readonly sweepInPlace: WasmSweep;
  /** The most threads `sweep` runs on, the caller's included. */
  readonly threads: number;
  /** Ends the kernel's workers and drops its memory. */
  dispose(): void;
}

/**
 * The prepared problem of {@link valueIteration}: the model, and the WebAssembly sweeps bound to it for a
 * large model (at least 16,384 transition entries; `undefined` otherwise, or where WebAssembly is missing).
 */
export interface PreparedValueIteration extends PreparedMdp {
  /** The sweeps bound to the model, or `undefined`. */
  readonly sweeps: MdpSweepKernel | undefined;
}

/** What one sweep of the Bellman optimality operator measured. */
export interface SweepStatistics {
  /** `||V_{k+1} - V_k||_inf`. */
  readonly change: number;
  /** `span(V_{k+1} - V_k) = max_s (V_{k+1} - V_k)(s) - min_s (V_{k+1} - V_k)(s)`. */
  readonly changeSpan: number;
  /** `||T V_k - V_k||_inf`, the Bellman residual of the iterate the sweep started from. */
  readonly bellmanResidual: number;
  /** How many states' greedy actions differ from `previousPolicy`. */
  readonly policyChanges: number;
}

/**
 * The order of a value-iteration sweep: a strategy, built by {@link synchronousSweep} or {@link inPlaceSweep}.
 */
export interface SweepOrder {
  /** A short name for the solver's name, e.g. `synchronous`. */
  readonly name: string;
  /**
   * Whether the states of a sweep can be updated in any order, so on several threads (the run option
   * `threads`): true for {@link synchronousSweep}.
   * @defaultValue false
   */
  readonly parallel?: boolean | undefined;
  /**
   * Applies the Bellman optimality operator once: reads `V_k` from `current`, writes `V_{k+1}` into `next`
   * (a distinct array) and the greedy actions into `policy`.
   */
  sweep(
    model: PreparedValueIteration,
    current: Float64Array,
    next: Float64Array,
    previousPolicy: Int32Array,
    policy: Int32Array,
  ): SweepStatistics;
}

/** The part of a state the stopping rules read. */
export interface ValueChangeState {
  /** `||V_k - V_{k-1}||_inf` (`NaN` at iteration 0). */
  readonly change: number;
  /** `span(V_k - V_{k-1})` (`NaN` at iteration 0). */
  readonly changeSpan: number;
}

/**
 * A stopping rule of value iteration and policy evaluation: a convergence test on the value change. A rule
 * whose threshold depends on the discount ({@link supNormRule}, {@link spanRule}) reads it from the run's
 * prepared problem when the run starts (`Criterion.init`), not from the state.
 */
export type StoppingRule = Criterion<ValueChangeState>;

/** Options of {@link valueIteration}. */
export interface ValueIterationOptions {
  /**
   * The sweep order: {@link synchronousSweep} (Jacobi) or {@link inPlaceSweep} (Gauss-Seidel).
   * @defaultValue `synchronousSweep()`
   */
  readonly sweep?: SweepOrder;
  /**
   * When to stop: {@link supNormRule}, {@link spanRule} or {@link toleranceRule} (or any criterion on the
   * state). Replaced by `solve`'s `converged` option when given.
   * @defaultValue `supNormRule({ absTolerance: 0.01 })`
   */
  readonly stoppingRule?: StoppingRule;
  /**
   * The iteration bound, an integer >= 0; never changed by the solver. {@link valueIterationBound} computes
   * one that the sup-norm rule is sure to meet.
   * @defaultValue `10000`
   */
  readonly maxIterations?: number;
}

/**
 * The state of {@link valueIteration}: plain data.
 *
 * @remarks The values are double-buffered: step `k + 1` writes `V_{k+1}` into the array that held `V_{k-1}`
 * (`previousValues`), so a run allocates two value vectors in all. A state is therefore intact until the
 * step after the next one: keep `state.values.slice()` to hold values longer. The trace record holds no
 * vectors.
 */
export interface ValueIterationState extends ValueChangeState {
  /** `V_k`. */
  readonly values: Float64Array;
  /** `V_{k-1}` (a copy of `V_0` at iteration 0): the buffer the next step overwrites. */
  readonly previousValues: Float64Array;
  /**
   * The actions the sweep that produced `V_k` maximised over: greedy with respect to `V_{k-1}` (the lowest
   * action on ties); `-1` for terminal states and everywhere at iteration 0. The policy that the sup-norm rule
   * certifies as eps-optimal is greedy with respect to `V_k`: {@link greedyPolicy}`(problem, state.values)`.
   */
  readonly policy: Int32Array;
  /** How many states' actions in `policy` differ from the previous iteration's (`NaN` at iteration 0). */
  readonly policyChanges: number;
  /** `||T V_{k-1} - V_{k-1}||_inf` (`NaN` at iteration 0); equals `change` for synchronous sweeps. */
  readonly bellmanResidual: number;
}

/** The trace record of {@link valueIteration} and {@link policyEvaluation}: numbers only. */
export interface ValueIterationRecord {
  /** `||V_k - V_{k-1}||_inf`. */
  readonly change: number;
  /** `span(V_k - V_{k-1})`. */
  readonly changeSpan: number;
  /** States whose action changed. */
  readonly policyChanges: number;
  /** The Bellman residual (see the state). */
  readonly bellmanResidual: number;
}
