import { describe, expect, it } from "vitest";
import { absChange, compare, comparisonNotes, errorMeasure } from "../../src/index.js";
import type { Solver } from "../../src/index.js";

/** A method whose error halves towards `limit` and which stops when the error changes by less than 1e-9. */
function stallingAt(limit: number): Solver<unknown, { readonly e: number }> {
  return {
    name: "stalling",
    init: () => ({ e: 1 }),
    step: (_problem, state) => ({ e: limit + (state.e - limit) / 2 }),
    record: (state) => state,
    convergence: absChange((state: { readonly e: number }) => state.e, 1e-9, { name: "e" }),
    maxIterations: 200,
  };
}
const own = errorMeasure("e", (state: { readonly e: number }) => state.e);

describe("comparisonNotes: converged above a tolerance", () => {
  it("says when a method stopped converged on its own test at an error above a tolerance it never reached", () => {
    const comparison = compare({
      problem: {},
      methods: [
        { label: "exact", solver: stallingAt(0) },
        { label: "short", solver: stallingAt(0.0012) },
      ],
      error: own,
      tolerances: [0.1, 1e-3],
    });
    expect(comparison.rows.map((row) => row.stopReason.kind)).toEqual(["converged", "converged"]);
    expect(comparison.rows[1]?.iterationsTo[1]).toBeUndefined();
    const notes = comparisonNotes(comparison).filter((note) => note.includes("its own test"));
    expect(notes).toEqual([
      "short stopped converged on its own test (|de| = 9.3e-10 <= 1e-9) at an error of 0.0012, above the " +
        "tolerance 0.001, which it never reached: the test is met, not this error",
    ]);
  });

  it("counts the runs over several seeds, and says nothing when every converged run reached every tolerance", () => {
    const seeds = [0, 1, 2];
    const run = (label: string, limit: number) =>
      compare({ problem: {}, methods: [{ label, solver: stallingAt(limit) }], error: own, tolerances: [0.1], seeds });
    const short = run("short", 0.5);
    expect(comparisonNotes(short).filter((note) => note.includes("its own test"))).toEqual([
      "short: 3 of 3 runs stopped converged on its own test (|de| = 9.3e-10 <= 1e-9) at an error of 0.5 (seed 0), " +
        "above the tolerance 0.1, which it never reached: the test is met, not this error",
    ]);
    const exact = run("exact", 0);
    expect(comparisonNotes(exact).some((note) => note.includes("its own test"))).toBe(false);
  });
});
