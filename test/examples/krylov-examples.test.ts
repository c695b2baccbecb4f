import { describe, expect, it } from "vitest";
import * as cgVsSor from "../../examples/poisson-cg-vs-sor.js";

// The Krylov family's example runs here, so it cannot rot; it asserts the point it teaches.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("examples: Krylov family", () => {
  it("poisson-cg-vs-sor: CG needs fewer iterations than optimal SOR, both O(1/h); Gauss-Seidel O(1/h^2)", () => {
    const lines: string[] = [];
    const { runs } = cgVsSor.main(quiet(lines));
    expect(runs.map((run) => run.iterations)).toEqual([
      { "Gauss-Seidel": 472, "SOR (optimal omega)": 60, CG: 27, "PCG (IC(0))": 16 },
      { "Gauss-Seidel": 1891, "SOR (optimal omega)": 121, CG: 58, "PCG (IC(0))": 29 },
    ]);
    for (const run of runs) expect(run.iterations.CG).toBeLessThanOrEqual(run.cgBound);
    expect(lines[0]).toBe("2-D Poisson, n = 15 (225 unknowns), kappa = 103.1, CG's sqrt(kappa) bound 98 iterations");
  });
});
