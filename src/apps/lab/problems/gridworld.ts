import type { MdpProblem } from "../../../../solvers/mdp/index.js";

/** Moves in FrozenLake's action order: left, down, right, up (row and column offsets). */
export const gridActions: readonly (readonly [number, number])[] = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
];

/** The editable gridworld's cells: `.` open, `#` wall, `G` goal (+1), `X` pit (-1). */
export const defaultGridworld: readonly string[] = ["...G", ".#.X", "....", "...."];

/** Options of {@link gridworldMdp}. */
export interface GridworldOptions {
  /** The probability of slipping to each side of the intended direction (half of it to each side). */
  readonly slip: number;
  readonly discount: number;
  /** The reward of every move that enters an open cell (a living cost when negative). */
  readonly stepReward: number;
}

/**
 * The gridworld of the Russell-Norvig textbook, drawn by the user: moving into a wall or off the grid stays
 * put; entering the goal gives +1, a pit -1, and both end the episode; walls are unreachable terminal cells.
 */
export function gridworldMdp(map: readonly string[], { slip, discount, stepReward }: GridworldOptions): MdpProblem {
  const rows = map.length;
  const columns = map[0]?.length ?? 0;
  const states = rows * columns;
  const cell = (row: number, column: number) => map[row]?.[column] ?? "#";
  const transitions = new Float64Array(4 * states * states);
  const rewards = new Float64Array(states * 4);
  const terminal: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const s = row * columns + column;
      if (cell(row, column) !== ".") {
        terminal.push(s);
        continue;
      }
      for (let action = 0; action < 4; action++) {
        const outcomes: [number, number][] = [
          [action, 1 - slip],
          [(action + 1) % 4, slip / 2],
          [(action + 3) % 4, slip / 2],
        ];
        for (const [direction, probability] of outcomes) {
          if (probability === 0) continue;
          const [dr, dc] = gridActions[direction] as readonly [number, number];
          const blocked = cell(row + dr, column + dc) === "#";
          const next = blocked ? s : (row + dr) * columns + column + dc;
          const target = blocked ? "." : cell(row + dr, column + dc);
          const at = (action * states + s) * states + next;
          transitions[at] = (transitions[at] as number) + probability;
          const reward = target === "G" ? 1 : target === "X" ? -1 : stepReward;
          rewards[s * 4 + action] = (rewards[s * 4 + action] as number) + probability * reward;
        }
      }
    }
  }
  return { states, actions: 4, transitions, rewards, discount, terminal };
}
