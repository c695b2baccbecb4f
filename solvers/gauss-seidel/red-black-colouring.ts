import { InvalidProblemError } from "../../src/index.js";
import type { CsrMatrix, RedBlackColouring } from "./types.js";

/**
 * Colours the rows red and black so that no two coupled rows (`a_ij != 0` or `a_ji != 0`, `i != j`) share a
 * colour: a breadth-first search of the matrix graph, each component starting red at its lowest row. For
 * the 5-point stencil this is the checkerboard `x + y` even (red) / odd (black). O(nnz).
 *
 * @throws `InvalidProblemError` naming two coupled rows of one colour when the graph has an odd cycle.
 */
export function redBlackColouring(matrix: CsrMatrix, transpose: CsrMatrix): RedBlackColouring {
  const n = matrix.rows;
  const colour = new Int8Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let seed = 0; seed < n; seed++) {
    if (colour[seed] !== -1) continue;
    colour[seed] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    while (head < tail) {
      const i = queue[head++] as number;
      for (const graph of [matrix, transpose]) {
        for (let k = graph.rowPointers[i] as number, end = graph.rowPointers[i + 1] as number; k < end; k++) {
          const j = graph.columnIndices[k] as number;
          if (j === i || graph.values[k] === 0) continue;
          if (colour[j] === -1) {
            colour[j] = 1 - (colour[i] as number);
            queue[tail++] = j;
          } else if (colour[j] === colour[i]) {
            throw new InvalidProblemError(
              "problem.matrix",
              "a matrix whose graph is two-colourable for red-black ordering (such as the 5-point stencil)",
              `rows ${Math.min(i, j)} and ${Math.max(i, j)} coupled with the same colour (an odd cycle)`,
              false,
            );
          }
        }
      }
    }
  }
  const order = new Int32Array(n);
  let redCount = 0;
  for (let i = 0; i < n; i++) if (colour[i] === 0) order[redCount++] = i;
  let at = redCount;
  for (let i = 0; i < n; i++) if (colour[i] === 1) order[at++] = i;
  return { order, redCount };
}
