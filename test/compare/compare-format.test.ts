// formatComparison: the printed table of a comparison.
import { describe, expect, it } from "vitest";
import { compare, formatComparison } from "../../src/index.js";
import { sequence, own } from "../fixtures/compare.js";

describe("formatComparison", () => {
  it("prints one row per method, the tolerances as headers, and - for a tolerance never reached", () => {
    const comparison = compare({
      problem: { e0: 1 },
      methods: [
        { label: "halving", solver: sequence("halving", (e) => e / 2) },
        { label: "slow", solver: sequence("slow", (e) => 0.9 * e) },
      ],
      error: own,
      tolerances: [0.5, 1e-4],
    });
    const lines = formatComparison(comparison).split("\n");
    expect(lines[0]).toBe("error: e");
    expect(lines[1]).toMatch(
      /^method\s+it<=0.5\s+it<=1e-4\s+ms<=1e-4\s+iters\s+final error\s+rate\s+order\s+ms\/iter\s+stop$/,
    );
    expect(lines[3]).toMatch(/^halving\s+1\s+14\s+\S+\s+20\s+9\.5e-7\s+0\.5\s+1\.000\s+\S+\s+maxIterations$/);
    expect(lines[4]).toMatch(/^slow\s+7\s+-\s+-\s+20\s+0\.1216\s+0\.9\s+1\.000/);
  });

  it("shows mean ± sd with several seeds", () => {
    const comparison = compare({
      problem: { e0: 0.5 },
      methods: [{ label: "halving", solver: sequence("halving", (e) => e / 2, 1) }],
      error: own,
      seeds: [1, 2],
    });
    expect(formatComparison(comparison)).toContain("20 ± 0");
    expect(formatComparison(comparison)).toContain(
      "2 seeds: iterations and ms to a tolerance are medians over the seeds",
    );
  });
});
