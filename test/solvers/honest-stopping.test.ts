import { describe, expect, it } from "vitest";
import { CheckpointError, describeStopReason, fixedStep, solve } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gaussSeidel } from "../../solvers/gauss-seidel/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { bfgs, modifiedCholesky, newtonMinimize, newtonSystem, noModification } from "../../solvers/newton/index.js";

// Regression tests of issue 14's "no false convergence" defects, one per defect.

/** Freudenstein and Roth's function (Moré, Garbow and Hillstrom, problem 2); a local minimum near f = 48.98425. */
const freudensteinRoth = "(-13 + x + ((5 - y) * y - 2) * y)^2 + (-29 + x + ((y + 1) * y - 14) * y)^2";

describe("no false convergence from a change test", () => {
  it("does not stop BFGS with a fixed step on |df|/|f| = 0 while |grad| = 4 (it goes on to the minimum)", () => {
    const result = solve(bfgs({ lineSearch: fixedStep(1) }), { f: "x^2 + y^2", x0: [1, 2] });
    expect(result.iterations).toBe(2);
    expect(describeStopReason(result.stopReason)).toBe("converged: |grad| = 0 <= 1e-8 (met)");
    expect(Array.from(result.state.x)).toEqual([0, 0]);
  });

  it("never stops Newton on a step that jumps between x and -x, however equal f is on both", () => {
    const solver = newtonMinimize({ lineSearch: fixedStep(2), functionRelTolerance: 1e-12 });
    const result = solve(solver, { f: "x^2 + y^2", x0: [1, 2] }, { maxIterations: 20 });
    expect(result.state.functionChange).toBeLessThan(1e-12);
    expect(result.state.gradientNorm).toBeCloseTo(4, 12);
    expect(describeStopReason(result.stopReason)).toBe("reached maxIterations = 20");
  });

  it("still stops on a change test once |grad| is within 1000 x absTolerance", () => {
    const result = solve(newtonMinimize({ stepAbsTolerance: 1e-3 }), { f: "x^4 + y^2", x0: [1, 1] });
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "||dx||" });
    expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-5);
  });
});

describe("stalls at rounding level", () => {
  it("ends Newton on Freudenstein-Roth from (0.5, -2) stalled, naming the gradient norm reached, not failed", () => {
    const result = solve(newtonMinimize(), { f: freudensteinRoth, x0: [0.5, -2] });
    expect(result.stopReason.kind).toBe("stalled");
    expect(result.converged).toBe(false);
    expect(result.state.f).toBeCloseTo(48.98425, 5);
    expect(result.state.gradientNorm).toBeLessThan(1e-6);
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"stalled: at rounding level, |grad| = 3.7e-7 > 1e-8 reached: the predicted decrease 2.3e-16 is below the rounding level of f = 48.98 (1.1e-11), so no step can lower f"`,
    );
  });

  it("ends BFGS on Freudenstein-Roth stalled at the same minimum", () => {
    const result = solve(bfgs(), { f: freudensteinRoth, x0: [0.5, -2] });
    expect(result.stopReason.kind).toBe("stalled");
    expect(result.state.f).toBeCloseTo(48.98425, 5);
  });

  it("keeps a line-search failure away from rounding level a stopRequested with the search's message", () => {
    const result = solve(newtonMinimize(), { f: "x^2", gradient: (x) => [-2 * (x[0] as number)], x0: [1] });
    expect(result.stopReason).toMatchObject({ kind: "stopRequested", source: "solver" });
  });
});

describe("pure Newton minimisation (noModification)", () => {
  it("uses an indefinite Hessian as it is: one step from (1, 1) to the saddle of x^2 - y^2", () => {
    const result = solve(newtonMinimize({ lineSearch: fixedStep(1), hessianModification: noModification() }), {
      f: "x^2 - y^2",
      x0: [1, 1],
    });
    expect(result.iterations).toBe(1);
    expect(Array.from(result.state.x)).toEqual([0, 0]);
    expect(result.state.hessianModified).toBe(false);
    expect(result.solver).toBe("Newton minimize (fixed step 1, unmodified Hessian)");
  });

  it("converges to the maximum of x^3 - 3x from -2, where the modified default would not go", () => {
    const pure = solve(newtonMinimize({ lineSearch: fixedStep(1), hessianModification: noModification() }), {
      f: "x^3 - 3 x",
      x0: [-2],
    });
    expect(pure.converged).toBe(true);
    expect(pure.state.x[0]).toBeCloseTo(-1, 12);
    const modified = solve(newtonMinimize({ lineSearch: fixedStep(1), hessianModification: modifiedCholesky() }), {
      f: "x^3 - 3 x",
      x0: [-2],
    });
    expect(modified.state.hessianModified).toBe(true);
    expect(modified.converged).toBe(false);
  });

  it("stops diverged at a singular Hessian and rejects an unknown strategy", () => {
    const problem = { f: "x^2", gradient: (x: Float64Array) => [2 * (x[0] as number)], hessian: () => [[0]], x0: [1] };
    const result = solve(newtonMinimize({ lineSearch: fixedStep(1), hessianModification: noModification() }), problem);
    expect(describeStopReason(result.stopReason)).toBe(
      "diverged: the Hessian is singular at x = (1): the Newton step is undefined",
    );
    expect(() => newtonMinimize({ hessianModification: "none" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: hessianModification must be modifiedCholesky() or noModification(), got "none"]`,
    );
  });
});

describe("values returned by user functions", () => {
  it("rejects a Newton system whose f returns [null, null] instead of reporting x0 as a root", () => {
    const problem = {
      f: () => [null, null] as unknown as number[],
      jacobian: () => [
        [1, 0],
        [0, 1],
      ],
      x0: [1, 2],
    };
    expect(() => solve(newtonSystem(), problem)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x)[0] must be a number, got null]`,
    );
  });

  it("ends gradient descent whose f turns NaN as diverged, not as a line-search failure", () => {
    let calls = 0;
    const problem = {
      f: (x: Float64Array) => (++calls > 5 ? NaN : (x[0] as number) ** 2 + 10 * (x[1] as number) ** 2),
      gradient: (x: Float64Array) => [2 * (x[0] as number), 20 * (x[1] as number)],
      x0: [1, 1],
    };
    const result = solve(gradientDescent(), problem);
    expect(result.iterations).toBe(1);
    expect(describeStopReason(result.stopReason)).toBe(
      "diverged: f(x + alpha d) = NaN at the shortest step length tried (alpha = 1.7e-18)",
    );
  });

  it("names the Promise an async map returns in solve instead of ending with |dx| = NaN > NaN", () => {
    const problem = { map: (async (x: number) => Math.cos(x)) as unknown as (x: number) => number, x0: 1 };
    expect(() => solve(fixedPoint(), problem)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.map(x) must be a number (it returned a Promise: solvers call problem functions synchronously, so await the values first or write the update yourself and run it with iterateAsync), got a Promise]`,
    );
  });

  it("rejects a gradient that returns a string entry, naming it", () => {
    const problem = {
      f: (x: Float64Array) => (x[0] as number) ** 2,
      gradient: () => ["2"] as unknown as number[],
      x0: [1],
    };
    expect(() => solve(gradientDescent(), problem)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient(x)[0] must be a number, got "2"]`,
    );
  });
});

describe("checkpoints resumed into another problem", () => {
  const twoByTwo = {
    matrix: [
      [4, 1],
      [1, 3],
    ],
    b: [1, 2],
  };

  it("refuses a Gauss-Seidel checkpoint resumed into a 3 x 3 problem instead of converging with a 2-entry x", () => {
    const first = solve(gaussSeidel(), twoByTwo, { maxIterations: 2 });
    const threeByThree = {
      matrix: [
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 5],
      ],
      b: [1, 2, 3],
    };
    expect(() =>
      solve(gaussSeidel(), threeByThree, { resumeFrom: first.checkpoint() }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint was taken on another problem: problem.b is array(2) #16c1d9a8ab267e2a in the checkpoint but array(3) #93423adb80e84fc5 in this run]`,
    );
  });

  it("refuses a problem that differs in one entry and resumes an equal copy", () => {
    const first = solve(gaussSeidel(), twoByTwo, { maxIterations: 2 });
    const changed = {
      matrix: [
        [4, 1],
        [1, 3.5],
      ],
      b: [1, 2],
    };
    expect(() => solve(gaussSeidel(), changed, { resumeFrom: first.checkpoint() })).toThrow(CheckpointError);
    const resumed = solve(
      gaussSeidel(),
      {
        matrix: [
          [4, 1],
          [1, 3],
        ],
        b: [1, 2],
      },
      { resumeFrom: first.checkpoint() },
    );
    expect(Array.from(resumed.state.x)).toEqual(Array.from(solve(gaussSeidel(), twoByTwo).state.x));
  });
});
