import { InvalidOptionError } from "../../src/index.js";
import { anyValue, isBoolean, numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { move, zeroTransitions } from "./grid-moves.js";
import type { MdpProblem } from "./types.js";

/** Gymnasium's standard 4 x 4 FrozenLake map (`S` start, `F` frozen, `H` hole, `G` goal). */
export const frozenLakeMap4x4: readonly string[] = ["SFFF", "FHFH", "FFFH", "HFFG"];

/** Gymnasium's standard 8 x 8 FrozenLake map. */
export const frozenLakeMap8x8: readonly string[] = [
  "SFFFFFFF",
  "FFFFFFFF",
  "FFFHFFFF",
  "FFFFFHFF",
  "FFFHFFFF",
  "FHHFFFHF",
  "FHFFHFHF",
  "FFFHFFFG",
];

/** Options of {@link frozenLake}. */
export interface FrozenLakeOptions {
  /**
   * The map: equal-length rows of `S`, `F`, `H`, `G`.
   * @defaultValue {@link frozenLakeMap4x4}
   */
  readonly map?: readonly string[];
  /**
   * Slippery ice: the agent moves in the intended direction or either perpendicular one, 1/3 each.
   * @defaultValue `true`
   */
  readonly slippery?: boolean;
  /**
   * The discount, in `[0, 1]` (Gymnasium defines none).
   * @defaultValue `0.99`
   */
  readonly discount?: number;
}

/**
 * FrozenLake as Gymnasium defines it: states numbered row by row, actions left, down, right, up (0 to 3);
 * on slippery ice action `a` moves in directions `a - 1`, `a`, `a + 1` (mod 4) with probability 1/3 each,
 * staying put at the edges; reward 1 on entering the goal, 0 otherwise; holes and the goal are terminal.
 *
 * @remarks Episodic (every state can reach a hole or the goal), so `discount = 1` is allowed. The map's
 * letters label {@link renderGrid}'s cells.
 * @param options - Map, slipperiness, discount.
 * @returns The MDP (dense nested arrays, `R(s, a)` the expected reward).
 * @throws `InvalidOptionError` for a malformed map or an option out of range.
 * @example
 * ```ts
 * const result = solve(policyIteration(), frozenLake({ map: frozenLakeMap8x8 }));
 * ```
 * @see Gymnasium, `gymnasium/envs/toy_text/frozen_lake.py`.
 */
export function frozenLake(options: FrozenLakeOptions = {}): MdpProblem {
  const rules = {
    map: anyValue,
    slippery: optional(isBoolean),
    discount: optional(numberBetween(0, 1)),
  } satisfies OptionSchemaOf<FrozenLakeOptions>;
  validateStrictOptions(options, rules, "frozenLake");
  const map = options.map ?? frozenLakeMap4x4;
  const rows = Array.isArray(map) ? map.length : 0;
  const columns = rows > 0 && typeof map[0] === "string" ? (map[0] as string).length : 0;
  if (
    rows === 0 ||
    columns === 0 ||
    !map.every((line) => typeof line === "string" && line.length === columns && /^[SFHG]+$/.test(line))
  ) {
    throw new InvalidOptionError("map", "equal-length non-empty rows of S, F, H and G", map);
  }
  const slippery = options.slippery ?? true;
  const cells = map.join("");
  const S = rows * columns;
  const transitions = zeroTransitions(4, S);
  const rewards = Array.from({ length: S }, () => [0, 0, 0, 0]);
  const terminal: number[] = [];
  for (let s = 0; s < S; s++) {
    const letter = cells[s] as string;
    if (letter === "H" || letter === "G") terminal.push(s);
    for (let a = 0; a < 4; a++) {
      if (letter === "H" || letter === "G") {
        (transitions[a] as number[][])[s]![s] = 1;
        continue;
      }
      const directions = slippery ? [(a + 3) % 4, a, (a + 1) % 4] : [a];
      for (const b of directions) {
        const { row, column } = move(rows, columns, Math.floor(s / columns), s % columns, b);
        const t = row * columns + column;
        const p = 1 / directions.length;
        const probabilities = (transitions[a] as number[][])[s] as number[];
        probabilities[t] = (probabilities[t] as number) + p;
        if (cells[t] === "G") (rewards[s] as number[])[a] = ((rewards[s] as number[])[a] as number) + p;
      }
    }
  }
  return { states: S, actions: 4, transitions, rewards, discount: options.discount ?? 0.99, terminal, episodic: true };
}
