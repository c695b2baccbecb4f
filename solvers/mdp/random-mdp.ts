import { InvalidOptionError, Random } from "../../src/index.js";
import { integerAtLeast, numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import type { MdpProblem, SparseTransitionMatrix } from "./types.js";

/** Options of {@link randomMdp}. */
export interface RandomMdpOptions {
  /** `S`, an integer >= 1. */
  readonly states: number;
  /** `A`, an integer >= 1. */
  readonly actions: number;
  /**
   * Next states per state and action: omitted for dense transitions (every next state); else that many
   * distinct next states, stored sparse. An integer in `[1, states]`.
   * @defaultValue dense
   */
  readonly successors?: number | undefined;
  /**
   * Where the `successors` are drawn from: the `successorWindow` states around `s` in index order, `s -
   * floor(w / 2)` to `s + ceil(w / 2) - 1` taken cyclically, as in queues, inventories and grids, where a
   * state leads to nearby states. A sweep then gathers values that are close in memory and stay in the
   * caches; uniform successors over all states (the default) make nearly every gather a cache miss, which
   * bounds a sweep (see the MDP guide's performance section). An integer in `[successors, states]`; only
   * with `successors`.
   * @defaultValue `states` (uniform over every state)
   */
  readonly successorWindow?: number | undefined;
  /**
   * The discount, in `[0, 1)`.
   * @defaultValue `0.9`
   */
  readonly discount?: number;
  /**
   * The seed of the engine's {@link Random}.
   * @defaultValue `0`
   */
  readonly seed?: number;
}

/**
 * A seeded random MDP: each row's probabilities are uniform draws normalised to sum 1, over every state
 * (dense) or over `successors` distinct states drawn uniformly (sparse), from every state or from a window
 * around the state (`successorWindow`); rewards `R(s, a)` uniform in `[-1, 1)`.
 *
 * @remarks Draws only from the engine's {@link Random}, so a seed gives the same MDP everywhere. Dense
 * transitions come as one `Float64Array` of `A * S * S` (used by the solvers without a copy), sparse ones as
 * one CSR matrix per action. Cost `O(A S^2)` or `O(A S successors)`.
 * @param options - Shape, sparsity, discount, seed.
 * @returns The MDP.
 * @throws `InvalidOptionError` for options out of range, or `successorWindow` without `successors`.
 * @example
 * ```ts
 * const mdp = randomMdp({ states: 2000, actions: 4, seed: 1 });
 * const sparse = randomMdp({ states: 100_000, actions: 4, successors: 10 });
 * const local = randomMdp({ states: 100_000, actions: 4, successors: 10, successorWindow: 1000 });
 * ```
 * @see pymdptoolbox, `mdptoolbox/example.py`, `rand`.
 */
export function randomMdp(options: RandomMdpOptions): MdpProblem {
  if (options === null || typeof options !== "object") {
    throw new InvalidOptionError("options", "an object { states, actions, ... }", options);
  }
  validateStrictOptions(
    options,
    {
      states: integerAtLeast(1),
      actions: integerAtLeast(1),
      successors: optional(integerAtLeast(1, Math.max(1, options.states))),
      successorWindow: optional(integerAtLeast(Math.max(1, options.successors ?? 1), Math.max(1, options.states))),
      discount: optional(numberBetween(0, 1, "[)")),
      seed: optional(integerAtLeast(0)),
    } satisfies OptionSchemaOf<RandomMdpOptions>,
    "randomMdp",
  );
  const { states: S, actions: A, successors, successorWindow, discount = 0.9, seed = 0 } = options;
  if (successorWindow !== undefined && successors === undefined) {
    throw new InvalidOptionError(
      "successorWindow",
      "left out for dense transitions (give successors too)",
      successorWindow,
    );
  }
  const random = new Random(seed);
  const rewards = new Float64Array(S * A);
  for (let i = 0; i < S * A; i++) rewards[i] = 2 * random.float() - 1;
  if (successors === undefined) {
    const transitions = new Float64Array(A * S * S);
    for (let row = 0; row < A * S; row++) {
      let sum = 0;
      const offset = row * S;
      for (let t = 0; t < S; t++) {
        const p = random.float() + 1e-12;
        transitions[offset + t] = p;
        sum += p;
      }
      for (let t = 0; t < S; t++) transitions[offset + t] = (transitions[offset + t] as number) / sum;
    }
    return { states: S, actions: A, transitions, rewards, discount };
  }
  const k = successors;
  const window = successorWindow ?? S;
  // Where s's window starts, plus S so that (start + offset) % S is a state; the whole range (the default)
  // starts at 0, so its draws give the same MDPs as before windows existed.
  const windowStart = (s: number) => (window === S ? 0 : s - Math.floor(window / 2) + S);
  const matrices: SparseTransitionMatrix[] = [];
  for (let a = 0; a < A; a++) {
    const rowPointers = Int32Array.from({ length: S + 1 }, (_, s) => s * k);
    const columnIndices = new Int32Array(S * k);
    const probabilities = new Float64Array(S * k);
    for (let s = 0; s < S; s++) {
      const offset = s * k;
      let sum = 0;
      const start = windowStart(s);
      for (let j = 0; j < k; j++) {
        let at = random.int(window);
        // Distinct next states: redraw on a repeat (few draws while k is much smaller than the window), else scan.
        for (let tries = 0; columnIndices.subarray(offset, offset + j).includes((start + at) % S); tries++)
          at = tries < 32 ? random.int(window) : (at + 1) % window;
        columnIndices[offset + j] = (start + at) % S;
        const p = random.float() + 1e-12;
        probabilities[offset + j] = p;
        sum += p;
      }
      for (let j = 0; j < k; j++) probabilities[offset + j] = (probabilities[offset + j] as number) / sum;
    }
    matrices.push({ rowPointers, columnIndices, probabilities });
  }
  return { states: S, actions: A, transitions: matrices, rewards, discount };
}
