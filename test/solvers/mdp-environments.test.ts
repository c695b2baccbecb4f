// The teaching environments (FrozenLake, forest, random MDPs) and renderGrid.
import { describe, expect, it } from "vitest";
import { forestManagement, frozenLake, randomMdp, renderGrid } from "../../solvers/mdp/index.js";
import type { SparseTransitionMatrix } from "../../solvers/mdp/index.js";

describe("environments", () => {
  it("builds FrozenLake with Gymnasium's slippery dynamics", () => {
    const lake = frozenLake();
    const P = lake.transitions as number[][][];
    // From state 0 (top-left), action down (1): left (stay), down (state 4), right (state 1), 1/3 each.
    expect(P[1]?.[0]?.[0]).toBeCloseTo(1 / 3, 15);
    expect(P[1]?.[0]?.[4]).toBeCloseTo(1 / 3, 15);
    expect(P[1]?.[0]?.[1]).toBeCloseTo(1 / 3, 15);
    // State 14, action right: down (stay at 14), right (goal 15), up (10): reward 1/3 expected.
    expect((lake.rewards as number[][])[14]?.[2]).toBeCloseTo(1 / 3, 15);
    expect(lake.terminal).toEqual([5, 7, 11, 12, 15]);
    const still = frozenLake({ slippery: false });
    expect((still.transitions as number[][][])[2]?.[0]?.[1]).toBe(1);
  });

  it("builds pymdptoolbox's forest P and R", () => {
    const forest = forestManagement();
    expect(forest.transitions).toEqual([
      [
        [0.1, 0.9, 0],
        [0.1, 0, 0.9],
        [0.1, 0, 0.9],
      ],
      [
        [1, 0, 0],
        [1, 0, 0],
        [1, 0, 0],
      ],
    ]);
    expect(forest.rewards).toEqual([
      [0, 0],
      [0, 1],
      [4, 2],
    ]);
  });

  it("draws the same random MDP from the same seed, with rows that sum to 1", () => {
    const a = randomMdp({ states: 20, actions: 2, successors: 3, seed: 3 });
    const b = randomMdp({ states: 20, actions: 2, successors: 3, seed: 3 });
    expect(a).toEqual(b);
    expect(randomMdp({ states: 20, actions: 2, seed: 4 })).not.toEqual(randomMdp({ states: 20, actions: 2, seed: 5 }));
    const dense = randomMdp({ states: 7, actions: 2, seed: 1 }).transitions as Float64Array;
    for (let row = 0; row < 14; row++)
      expect(dense.subarray(row * 7, row * 7 + 7).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it("draws the successors from the window around each state, cyclically, and every state without a window", () => {
    const S = 50;
    const window = 7; // states s - 3 .. s + 3
    const local = randomMdp({ states: S, actions: 3, successors: 5, successorWindow: window, seed: 6 });
    const matrices = local.transitions as readonly SparseTransitionMatrix[];
    const reached = new Set<number>();
    matrices.forEach((matrix) => {
      for (let s = 0; s < S; s++) {
        const columns = [...matrix.columnIndices.subarray(matrix.rowPointers[s], matrix.rowPointers[s + 1])];
        expect(columns).toHaveLength(5);
        expect(new Set(columns).size).toBe(5);
        for (const t of columns) {
          const offset = (t - s + S + 3) % S; // 0 .. 6 inside the window
          expect(offset).toBeLessThan(window);
          reached.add(offset);
        }
        const row = matrix.probabilities.subarray(matrix.rowPointers[s], matrix.rowPointers[s + 1]);
        expect(row.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
      }
    });
    expect(reached.size).toBe(window); // both ends of the window are drawn, across the edges 0 and S - 1 too
    expect(randomMdp({ states: S, actions: 3, successors: 5, successorWindow: window, seed: 6 })).toEqual(local);
    // A window as wide as the states is the default: the same draws, the same MDP.
    expect(randomMdp({ states: S, actions: 3, successors: 5, successorWindow: S, seed: 6 })).toEqual(
      randomMdp({ states: S, actions: 3, successors: 5, seed: 6 }),
    );
    // A window of exactly `successors` states takes each of them.
    const full = randomMdp({ states: S, actions: 1, successors: 4, successorWindow: 4, seed: 2 })
      .transitions as readonly SparseTransitionMatrix[];
    expect([...(full[0] as SparseTransitionMatrix).columnIndices.subarray(0, 4)].sort((a, b) => a - b)).toEqual([
      0, 1, 48, 49,
    ]);
  });
});

describe("renderGrid", () => {
  it("draws values and the policy as arrows, with labels", () => {
    expect(
      renderGrid({ rows: 2, columns: 2, values: [0, -1.25, -10, 3], policy: [-1, 0, 3, 2], labels: ["", "", "", "G"] }),
    ).toMatchInlineSnapshot(`
      "  0.0  -1.3
      -10.0   3.0

      . ←
      ↑ G"
    `);
    expect(renderGrid({ rows: 1, columns: 3, policy: [1, 2, -1] })).toBe("↓ → .");
  });
});
