import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { nelderMead } from "../../solvers/newton/index.js";

// SciPy 1.10.1 (Debian's /usr/bin/python3): minimize(f, x0, method="Nelder-Mead", options={"adaptive": a})
// with the default xatol = fatol = 1e-4: nit, nfev and x. SciPy counts nit from 1, so nit = iterations + 1.
const rosenbrock4 = "100 (x2 - x1^2)^2 + (1 - x1)^2 + 100 (x3 - x2^2)^2 + (1 - x2)^2 + 100 (x4 - x3^2)^2 + (1 - x3)^2";
const cases = [
  ["Rosenbrock", "100 (y - x^2)^2 + (1 - x)^2", [-1.2, 1], false, 85, 159, [1.0000220217835696, 1.0000422197517715]],
  ["Himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", [0, 0], false, 81, 157, [3.000006324938478, 1.9999685321027905]],
  ["a quadratic", "(x - 1)^2 + 10 (y + 2)^2", [0, 0], false, 66, 129, [1.0000305085358385, -2.0000035303554804]],
  [
    "the 4-D chained Rosenbrock",
    rosenbrock4,
    [-1.2, 1, -1.2, 1],
    false,
    253,
    431,
    [0.9999994567430568, 1.000000754336639, 1.000004511122118, 1.000007455691085],
  ],
  [
    "the 4-D chained Rosenbrock, adaptive (Gao-Han)",
    rosenbrock4,
    [-1.2, 1, -1.2, 1],
    true,
    422,
    709,
    [0.9999999129066894, 0.9999985442379806, 0.999999584694574, 0.999996976495724],
  ],
] as const;

describe("nelderMead", () => {
  it.each(cases)(
    "takes SciPy's steps on %s: nit, nfev and the minimiser",
    (_name, f, x0, adaptive, nit, nfev, x) => {
      const result = solve(nelderMead({ adaptive }), { f, x0: [...x0] });
      expect(result.converged).toBe(true);
      expect(result.iterations + 1).toBe(nit);
      expect(result.state.fEvaluations).toBe(nfev);
      for (let i = 0; i < x.length; i++) expect(result.state.x[i]).toBeCloseTo(x[i] as number, 12);
    },
    30_000,
  ); // the first case loads mathjs, slow on a loaded machine

  it("uses the standard parameters in 2-D either way (Gao-Han's reduce to 1, 2, 1/2, 1/2)", () => {
    const problem = { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] };
    const a = solve(nelderMead(), problem).state;
    const b = solve(nelderMead({ adaptive: true }), problem).state;
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });

  it("keeps the simplex sorted, never raises the best value, and needs no gradient for a function f", () => {
    const f = (x: Float64Array) => Math.abs((x[0] as number) - 3) + Math.abs((x[1] as number) + 1); // not smooth
    const result = solve(
      nelderMead({ stepAbsTolerance: 1e-8, functionAbsTolerance: 1e-8 }),
      { f, x0: [0, 0] },
      {
        trace: { every: 1 },
      },
    );
    expect(result.converged).toBe(true);
    expect(result.state.x[0]).toBeCloseTo(3, 6);
    expect(result.state.x[1]).toBeCloseTo(-1, 6);
    const best = result.trace.entries.map((entry) => entry.record.f);
    for (let k = 1; k < best.length; k++) expect(best[k]).toBeLessThanOrEqual(best[k - 1] as number);
    const values = Array.from(result.state.values);
    expect(values).toEqual([...values].sort((p, q) => p - q));
  });

  it("starts from SciPy's simplex: x0 and each coordinate times 1.05 (0.00025 where it is 0)", () => {
    const result = solve(nelderMead(), { f: "x^2 + y^2", x0: [2, 0] }, { maxIterations: 0 });
    const vertices = [0, 1, 2].map((i) => Array.from(result.state.simplex.subarray(2 * i, 2 * i + 2)));
    expect(vertices).toEqual(
      expect.arrayContaining([
        [2, 0],
        [2.1, 0],
        [2, 0.00025],
      ]),
    );
    expect(result.state.fEvaluations).toBe(3);
  });

  it("rejects options outside their ranges", () => {
    expect(() => nelderMead({ stepAbsTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepAbsTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => nelderMead({ adaptive: 1 as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: adaptive must be a boolean, got 1]`,
    );
    expect(() => nelderMead({ xatol: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: xatol is not an option of nelderMead (options: stepAbsTolerance, functionAbsTolerance, adaptive, maxIterations)]`,
    );
  });
});
