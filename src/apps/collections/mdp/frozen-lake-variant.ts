import {
  integerAtLeast,
  numberBetween,
  type OptionSchemaOf,
  optional,
  Random,
  validateStrictOptions,
} from "../../../index.js";
import { frozenLake, frozenLakeMap4x4, frozenLakeMap8x8, type MdpProblem } from "../../../../solvers/mdp/index.js";

/** Options of {@link frozenLakeVariant}. */
export interface FrozenLakeVariantOptions {
  /**
   * The side of the square map, an integer >= 2: 4 and 8 give Gymnasium's fixed maps, other sizes a random
   * map drawn as Gymnasium's `generate_random_map` does (each cell frozen with probability `frozenFraction`,
   * redrawn until the goal is reachable).
   * @defaultValue `4`
   */
  readonly size?: number;
  /**
   * The probability of sliding to either side instead of moving as intended (half each way), in `[0, 2/3]`:
   * 0 is deterministic, 2/3 Gymnasium's `is_slippery=True` (1/3 to each of the three directions).
   * @defaultValue `2 / 3`
   */
  readonly slipProbability?: number;
  /**
   * The fraction of frozen cells of a random map, in `(0, 1]`; not used for sizes 4 and 8.
   * @defaultValue `0.8`
   */
  readonly frozenFraction?: number;
  /**
   * The seed of a random map; not used for sizes 4 and 8.
   * @defaultValue `0`
   */
  readonly seed?: number;
  /**
   * The discount, in `[0, 1]` (episodic).
   * @defaultValue `0.99`
   */
  readonly discount?: number;
}

const rules = {
  size: optional(integerAtLeast(2)),
  slipProbability: optional(numberBetween(0, 2 / 3)),
  frozenFraction: optional(numberBetween(0, 1, "(]")),
  seed: optional(integerAtLeast(0)),
  discount: optional(numberBetween(0, 1)),
} satisfies OptionSchemaOf<FrozenLakeVariantOptions>;

/** Whether the goal (bottom right) is reachable from the start (top left) through frozen cells. */
function reachable(cells: readonly string[][]): boolean {
  const size = cells.length;
  const seen = new Set<number>([0]);
  const stack = [0];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    const [r, c] = [Math.floor(p / size), p % size];
    if (r === size - 1 && c === size - 1) return true;
    for (const [dr, dc] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const [nr, nc] = [r + dr, c + dc];
      if (nr < 0 || nc < 0 || nr >= size || nc >= size || seen.has(nr * size + nc)) continue;
      if ((cells[nr] as string[])[nc] === "H") continue;
      seen.add(nr * size + nc);
      stack.push(nr * size + nc);
    }
  }
  return false;
}

/** A random FrozenLake map: cells frozen with probability `frozen`, redrawn until the goal is reachable. */
function randomMap(size: number, frozen: number, random: Random): string[] {
  for (;;) {
    const cells = Array.from({ length: size }, () =>
      Array.from({ length: size }, () => (random.float() < frozen ? "F" : "H")),
    );
    (cells[0] as string[])[0] = "S";
    (cells[size - 1] as string[])[size - 1] = "G";
    if (reachable(cells)) return cells.map((row) => row.join(""));
  }
}

/**
 * FrozenLake of any size and slip probability: Gymnasium's dynamics (actions left, down, right, up; reward 1
 * on reaching the goal; holes and goal terminal) where the agent moves as intended with probability
 * `1 - slipProbability` and slides to each side with `slipProbability / 2`.
 *
 * @remarks Built from `frozenLake` of `iterlab/solvers/mdp`: its deterministic and slippery models are mixed,
 * `P = (1 - 3q/2) P_deterministic + (3q/2) P_slippery` with `q = slipProbability`, and the expected rewards
 * likewise (they are linear in the transition probabilities). The returned problem also carries `map` (the
 * rows used), for `renderGrid`.
 * @param options - Size, slip probability, map density and seed, discount.
 * @returns The MDP and its map.
 * @throws `InvalidOptionError` for an unknown option or one out of range.
 * @example
 * ```ts
 * const lake = frozenLakeVariant({ size: 16, slipProbability: 0.2, seed: 3 });
 * solve(valueIteration(), lake.problem);
 * ```
 * @see Gymnasium, `gymnasium/envs/toy_text/frozen_lake.py` (`generate_random_map`).
 */
export function frozenLakeVariant(options: FrozenLakeVariantOptions = {}): {
  /** The MDP. */
  readonly problem: MdpProblem;
  /** The map, rows of `S`, `F`, `H`, `G`. */
  readonly map: readonly string[];
} {
  validateStrictOptions(options, rules, "frozenLakeVariant");
  const size = options.size ?? 4;
  const map =
    size === 4
      ? frozenLakeMap4x4
      : size === 8
        ? frozenLakeMap8x8
        : randomMap(size, options.frozenFraction ?? 0.8, new Random(options.seed ?? 0));
  const discount = options.discount ?? 0.99;
  const weight = 1.5 * (options.slipProbability ?? 2 / 3);
  const still = frozenLake({ map, slippery: false, discount });
  const slippery = frozenLake({ map, slippery: true, discount });
  const mix = (a: number, b: number) => (1 - weight) * a + weight * b;
  const transitions = (still.transitions as readonly (readonly (readonly number[])[])[]).map((rows, a) =>
    rows.map((row, s) => row.map((p, t) => mix(p, (slippery.transitions as number[][][])[a]?.[s]?.[t] as number))),
  );
  const rewards = (still.rewards as readonly (readonly number[])[]).map((row, s) =>
    row.map((r, a) => mix(r, (slippery.rewards as number[][])[s]?.[a] as number)),
  );
  return { problem: { ...still, transitions, rewards }, map };
}
