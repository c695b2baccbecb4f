import { describe, expect, it } from "vitest";
import { InvalidOptionError, solve } from "../../../src/index.js";
import { frozenLake, policyIteration, supNormRule, valueIteration } from "../../../solvers/mdp/index.js";
import { frozenLakeVariant, mdpCollection } from "../../../src/apps/collections/index.js";

type Dense = readonly (readonly (readonly number[])[])[];

describe("frozenLakeVariant", () => {
  it("is Gymnasium's slippery lake at slip 2/3 and its deterministic lake at slip 0", () => {
    const slippery = frozenLake({ slippery: true });
    const still = frozenLake({ slippery: false });
    const variant = frozenLakeVariant({ slipProbability: 2 / 3 }).problem;
    const deterministic = frozenLakeVariant({ slipProbability: 0 }).problem;
    (variant.transitions as Dense).forEach((rows, a) =>
      rows.forEach((row, s) =>
        row.forEach((p, t) => expect(p).toBeCloseTo((slippery.transitions as Dense)[a]?.[s]?.[t] as number, 15)),
      ),
    );
    expect(deterministic.transitions).toEqual(still.transitions);
    expect(deterministic.rewards).toEqual(still.rewards);
  });

  it("moves as intended with probability 1 - q and slides to each side with q / 2", () => {
    const { problem } = frozenLakeVariant({ slipProbability: 0.2 });
    // state 9 (row 2, column 1) is frozen with frozen neighbours; action 1 (down) leads to 13, the sides to 8 and 10
    const row = (problem.transitions as Dense)[1]?.[9] as readonly number[];
    expect(row[13]).toBeCloseTo(0.8, 15);
    expect(row[8]).toBeCloseTo(0.1, 15);
    expect(row[10]).toBeCloseTo(0.1, 15);
    for (const rows of problem.transitions as Dense) {
      for (const r of rows) expect(r.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 14);
    }
  });

  it("draws reproducible random maps of any size with a reachable goal", () => {
    const a = frozenLakeVariant({ size: 12, seed: 5 });
    const b = frozenLakeVariant({ size: 12, seed: 5 });
    expect(a.map).toEqual(b.map);
    expect(a.map).toHaveLength(12);
    expect(a.map[0]?.[0]).toBe("S");
    expect(a.map[11]?.[11]).toBe("G");
    expect(frozenLakeVariant({ size: 12, seed: 6 }).map).not.toEqual(a.map);
    const values = solve(valueIteration(), { ...a.problem, discount: 0.99 }).state.values;
    expect(values[0]).toBeGreaterThan(0); // the goal is reachable from the start
  });

  it("refuses options out of range", () => {
    expect(() => frozenLakeVariant({ slipProbability: 0.7 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: slipProbability must be a number in [0, 0.6666666666666666], got 0.7]`,
    );
    expect(() => frozenLakeVariant({ size: 1 })).toThrow(InvalidOptionError);
    expect(() => frozenLakeVariant({ slip: 0.1 } as never)).toThrow(/did you mean slipProbability\?/);
  });
});

describe("mdpCollection", () => {
  it("is solved alike by value iteration and policy iteration on every entry", () => {
    const collection = mdpCollection();
    expect(collection.entries.map((entry) => entry.name)).toEqual([
      "gridworld-4x4",
      "gridworld-5x5",
      "frozen-lake-4-slip0",
      "frozen-lake-4-slip0.2",
      "frozen-lake-4-slip0.667",
      "frozen-lake-8-slip0",
      "frozen-lake-8-slip0.2",
      "frozen-lake-8-slip0.667",
      "frozen-lake-16-slip0.2",
      "forest-3-p0.1",
      "forest-10-p0.1",
      "forest-100-p0.1",
      "forest-100-p0.01",
      "random-100-dense",
      "random-1000-10",
      "random-10000-10-local",
      "random-1000-10-discount0.99",
    ]);
    for (const entry of collection.entries) {
      expect(entry.dimension).toBe(entry.problem.states);
      const exact = solve(policyIteration(), entry.problem);
      expect(exact.converged, entry.name).toBe(true);
      const approximate = solve(
        valueIteration({ stoppingRule: supNormRule({ absTolerance: 1e-6 }), maxIterations: 100_000 }),
        entry.problem,
      );
      expect(approximate.converged, entry.name).toBe(true);
      const gap = Math.max(...exact.state.values.map((v, s) => Math.abs(v - (approximate.state.values[s] as number))));
      expect(gap, entry.name).toBeLessThan(1e-6);
    }
  }, 60_000);
});
