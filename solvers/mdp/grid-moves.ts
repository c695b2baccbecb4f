/** Actions on grids, in Gymnasium FrozenLake's order: left, down, right, up. */
export const gridMoves: readonly (readonly [number, number])[] = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
];

/** The cell reached by `action` from `(row, column)`, staying put at the walls; and whether it hit a wall. */
export function move(
  rows: number,
  columns: number,
  row: number,
  column: number,
  action: number,
): { row: number; column: number; wall: boolean } {
  const [dr, dc] = gridMoves[action] as readonly [number, number];
  const r = row + dr;
  const c = column + dc;
  if (r < 0 || r >= rows || c < 0 || c >= columns) return { row, column, wall: true };
  return { row: r, column: c, wall: false };
}

/** `A x S x S` zeros. */
export function zeroTransitions(actions: number, states: number): number[][][] {
  return Array.from({ length: actions }, () => Array.from({ length: states }, () => new Array<number>(states).fill(0)));
}
