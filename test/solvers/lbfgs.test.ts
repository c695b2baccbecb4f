import { describe, expect, it } from "vitest";
import { backtracking, InvalidOptionError, solve, solveIterations, strongWolfe } from "../../src/index.js";
import type { LineSearch, LineSearchInput } from "../../src/index.js";
import { conjugateGradient } from "../../solvers/krylov/index.js";
import { bfgs, lbfgs } from "../../solvers/newton/index.js";
import type { LbfgsState, MinimizeProblem } from "../../solvers/newton/index.js";
import { rosenbrock } from "../fixtures/problems.js";
import { extendedRosenbrock } from "../fixtures/extended-rosenbrock.js";

/**
 * Iteration counts of SciPy 1.10.1 (Debian bookworm's python3-scipy), computed with
 * `minimize(f, x0, jac=g, method=..., options=...)` from the same starts:
 * L-BFGS-B with `maxcor=10, gtol=1e-8, ftol=0`, BFGS with `gtol=1e-8, norm=inf`.
 */
const scipy = {
  lbfgsbRosenbrock: { nit: 38, nfev: 46 },
  lbfgsbExtended1000: { nit: 37, nfev: 46 },
  bfgsRosenbrock: { nit: 34, nfev: 41 },
};

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
};

/** The strong Wolfe conditions (c1 = 1e-4, c2 = 0.9) of every step of a run, from its states. */
function expectStrongWolfeSteps(states: readonly { x: Float64Array; f: number; gradient: Float64Array }[]): void {
  for (let k = 1; k < states.length; k++) {
    const before = states[k - 1]!;
    const after = states[k]!;
    const s = after.x.map((v, i) => v - (before.x[i] as number));
    const slope = dot(before.gradient, s); // alpha phi'(0)
    expect(slope).toBeLessThan(0);
    expect(after.f).toBeLessThanOrEqual(before.f + 1e-4 * slope);
    expect(Math.abs(dot(after.gradient, s))).toBeLessThanOrEqual(0.9 * Math.abs(slope));
  }
}

describe("lbfgs", () => {
  it("reaches Rosenbrock's minimum (1, 1) in about SciPy's L-BFGS-B iterations (38), |grad| <= 1e-8", () => {
    const result = solve(lbfgs(), rosenbrock);
    expect(result.solver).toBe("L-BFGS (m = 10, strong Wolfe)");
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|grad|" });
    expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(Math.hypot((result.state.x[0] as number) - 1, (result.state.x[1] as number) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(result.iterations - scipy.lbfgsbRosenbrock.nit)).toBeLessThanOrEqual(4);
    expect(result.state.fEvaluations).toBeLessThanOrEqual(scipy.lbfgsbRosenbrock.nfev + 5);
  });

  it("meets the strong Wolfe conditions at every accepted step, so it never skips an update", () => {
    const states = [...solveIterations(lbfgs(), rosenbrock)].map(({ state }) => state);
    expectStrongWolfeSteps(states);
    for (const state of states) expect(state.updateSkipped || state.memoryReset).toBe(false);
    const wide = [...solveIterations(lbfgs(), extendedRosenbrock(100))].map(({ state }) => state);
    expectStrongWolfeSteps(wide);
  });

  it("minimises the extended Rosenbrock function with n = 1000 (minimum 0 at all ones) in about SciPy's 37 iterations", () => {
    const result = solve(lbfgs(), extendedRosenbrock(1000));
    expect(result.stopReason.kind).toBe("converged");
    expect(result.state.f).toBeLessThan(1e-16);
    for (const value of result.state.x) expect(Math.abs(value - 1)).toBeLessThan(1e-8);
    expect(Math.abs(result.iterations - scipy.lbfgsbExtended1000.nit)).toBeLessThanOrEqual(5);
  });

  it("equals conjugate gradients with exact line searches on a strictly convex quadratic, ending in <= n iterations", () => {
    // f(x) = x'Ax / 2 - b'x, A SPD (n = 8, a 1-D Laplacian plus a diagonal), from 0: CG's iterates.
    const n = 8;
    const a = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 2 + i / 4 : Math.abs(i - j) === 1 ? -1 : 0)),
    );
    const b = Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const times = (x: ArrayLike<number>) => a.map((row) => dot(row, x));
    const exact: LineSearch = Object.assign(
      ({ x, gradient, direction }: LineSearchInput) => {
        const step = -dot(gradient, direction) / dot(direction, times(direction));
        const next = x.map((v, i) => v + step * (direction[i] as number));
        return { step, x: next, f: dot(next, times(next)) / 2 - dot(b, next), evaluations: 1 };
      },
      { label: "exact" },
    );
    const problem: MinimizeProblem = {
      f: (x) => dot(x, times(x)) / 2 - dot(b, x),
      gradient: (x) => times(x).map((v, i) => v - (b[i] as number)),
      x0: new Array(n).fill(0),
    };
    for (const memory of [1, 3, 10]) {
      const quasi = solve(lbfgs({ memory, lineSearch: exact, absTolerance: 1e-10 }), problem);
      // CG writes its iterate in place (double-buffered): copy each one as it comes.
      const cg: Float64Array[] = [];
      for (const { state } of solveIterations(conjugateGradient({ relTolerance: 1e-14 }), { matrix: a, b })) {
        cg.push(Float64Array.from(state.x));
      }
      expect(quasi.iterations).toBeLessThanOrEqual(n);
      expect(quasi.stopReason.kind).toBe("converged");
      const steps = Math.min(quasi.trace.entries.length, cg.length);
      expect(steps).toBeGreaterThan(n / 2);
      for (let k = 0; k < steps; k++) {
        const x = quasi.trace.entries[k]!.record.x;
        const y = cg[k]!;
        for (let i = 0; i < n; i++) expect(Math.abs((x[i] as number) - (y[i] as number))).toBeLessThan(1e-9);
      }
    }
  });

  it("keeps at most m pairs, shares them between states and never writes an earlier state", () => {
    const seen: { state: LbfgsState; x: number[]; firstPair: number[] | undefined }[] = [];
    for (const { state } of solveIterations(lbfgs({ memory: 3 }), rosenbrock)) {
      expect(state.pairs.length).toBeLessThanOrEqual(3);
      seen.push({ state, x: Array.from(state.x), firstPair: state.pairs[0] && Array.from(state.pairs[0].s) });
    }
    expect(seen[0]?.state.pairs).toHaveLength(0);
    expect(seen[5]?.state.pairs).toHaveLength(3);
    expect(seen[5]?.state.pairs[1]).toBe(seen[6]?.state.pairs[0]);
    for (const { state, x, firstPair } of seen) {
      expect(Array.from(state.x)).toEqual(x);
      expect(state.pairs[0] && Array.from(state.pairs[0].s)).toEqual(firstPair);
    }
  });

  it("takes a first trial step of length 1 along -grad f (gamma_0 = 1 / ||g||_2), then s'y / y'y", () => {
    const states = [...solveIterations(lbfgs({ maxIterations: 2 }), rosenbrock)].map(({ state }) => state);
    const g0 = states[0]!.gradient;
    const s = states[1]!.x.map((v, i) => v - (states[0]!.x[i] as number));
    // s = -alpha g / ||g||: parallel to -g and of length alpha.
    expect(Math.hypot(...s)).toBeCloseTo(states[1]!.stepLength, 12);
    expect((s[0] as number) * (g0[1] as number) - (s[1] as number) * (g0[0] as number)).toBeCloseTo(0, 10);
  });

  it("skips updates with s'y <= eps ||s|| ||y|| under backtracking and stays a descent method", () => {
    const result = solve(lbfgs({ lineSearch: backtracking() }), rosenbrock);
    expect(result.solver).toBe("L-BFGS (m = 10, backtracking)");
    expect(result.stopReason.kind).toBe("converged");
    const fs = result.trace.entries.map((entry) => entry.record.f);
    for (let k = 1; k < fs.length; k++) expect(fs[k]).toBeLessThan(fs[k - 1] as number);
  });

  it("stops on relTolerance (|grad|/|grad0|), stepAbsTolerance and functionRelTolerance with their names", () => {
    const relative = solve(lbfgs({ relTolerance: 1e-3, absTolerance: 0 }), rosenbrock);
    expect(relative.stopReason).toMatchObject({ kind: "converged", test: "|grad|/|grad0|" });
    expect(relative.state.gradientNorm).toBeLessThanOrEqual(1e-3 * relative.state.initialGradientNorm);
    const step = solve(lbfgs({ stepAbsTolerance: 1e-2, absTolerance: 1e-6 }), rosenbrock);
    expect(step.stopReason).toMatchObject({ kind: "converged", test: "||dx||" });
    expect(step.state.stepNorm).toBeLessThanOrEqual(1e-2);
    expect(step.state.gradientNorm).toBeLessThanOrEqual(1e-3);
    const change = solve(lbfgs({ functionRelTolerance: 1e-4, absTolerance: 1e-6 }), rosenbrock);
    expect(change.stopReason.kind).toBe("converged");
    expect(change.state.functionChange).toBeLessThanOrEqual(1e-4);
    expect(change.state.gradientNorm).toBeGreaterThan(1e-6);
  });

  it("compares with BFGS under the same strong Wolfe search (SciPy's BFGS: 34 iterations)", () => {
    const quasi = solve(bfgs({ lineSearch: strongWolfe() }), rosenbrock);
    expect(quasi.solver).toBe("BFGS (strong Wolfe)");
    expect(quasi.state.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(quasi.iterations - scipy.bfgsRosenbrock.nit)).toBeLessThanOrEqual(4);
    expectStrongWolfeSteps([...solveIterations(bfgs({ lineSearch: strongWolfe() }), rosenbrock)].map((e) => e.state));
  });

  it("rejects a memory that is not an integer >= 1, and unknown options, with typed errors", () => {
    expect(() => lbfgs({ memory: 0 })).toThrow(InvalidOptionError);
    expect(() => lbfgs({ memory: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: memory must be an integer >= 1, got 0]`,
    );
    expect(() => lbfgs({ memory: 2.5 })).toThrow(InvalidOptionError);
    expect(() => lbfgs({ memory: "10" as never })).toThrow(InvalidOptionError);
    expect(() => lbfgs({ absTolerance: -1 })).toThrow(InvalidOptionError);
    expect(() => lbfgs({ gradientTolerance: 1e-6 } as never)).toThrow(InvalidOptionError);
    expect(() => lbfgs({ lineSearch: "strongWolfe" as never })).toThrow(InvalidOptionError);
  });
});
