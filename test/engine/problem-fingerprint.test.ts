import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { iterate, parseCheckpoint, serializeCheckpoint } from "../../src/index.js";
import { checkProblemFingerprint, fingerprintProblem } from "../../src/engine/internals.js";
import { solve } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";

describe("fingerprintProblem", () => {
  it("describes each part by its shape and a hash of its contents", () => {
    const fingerprint = fingerprintProblem({
      matrix: [
        [4, 1],
        [1, 3],
      ],
      b: new Float64Array([1, 2]),
      options: { omega: 1.5, name: "poisson" },
    });
    expect(Object.keys(fingerprint)).toEqual([
      "problem.matrix",
      "problem.b",
      "problem.options.omega",
      "problem.options.name",
    ]);
    expect(fingerprint["problem.matrix"]).toMatch(/^array\(2 x 2\) #[0-9a-f]{16}$/);
    expect(fingerprint["problem.b"]).toMatch(/^Float64Array\(2\) #[0-9a-f]{16}$/);
    expect(fingerprint["problem.options.omega"]).toBe("1.5");
    expect(fingerprint["problem.options.name"]).toBe('"poisson"');
  });

  it("tells equal contents apart from different ones, also inside class instances and functions", () => {
    const a = fingerprintProblem({
      m: new Matrix([
        [1, 2],
        [3, 4],
      ]),
      f: (x: number) => x * x,
    });
    expect(
      fingerprintProblem({
        m: new Matrix([
          [1, 2],
          [3, 4],
        ]),
        f: (x: number) => x * x,
      }),
    ).toEqual(a);
    expect(
      fingerprintProblem({
        m: new Matrix([
          [1, 2],
          [3, 5],
        ]),
        f: (x: number) => x * x,
      })["problem.m"],
    ).not.toBe(a["problem.m"]);
    expect(
      fingerprintProblem({
        m: new Matrix([
          [1, 2],
          [3, 4],
        ]),
        f: (x: number) => x * x * x,
      })["problem.f"],
    ).not.toBe(a["problem.f"]);
    expect(fingerprintProblem({ b: [0] })).not.toEqual(fingerprintProblem({ b: [-0] }));
  });

  it("survives a cycle and a scalar problem", () => {
    const cyclic: { self?: unknown; x: number } = { x: 1 };
    cyclic.self = cyclic;
    expect(fingerprintProblem(cyclic)["problem.self"]).toBe("a reference to an enclosing object");
    expect(fingerprintProblem(3)).toEqual({ problem: "3" });
  });
});

describe("checkProblemFingerprint", () => {
  it("names the first part that differs, or that only one side has", () => {
    const saved = fingerprintProblem({ b: [1, 2] });
    expect(() => checkProblemFingerprint(saved, fingerprintProblem({ b: [1, 2] }))).not.toThrow();
    expect(() =>
      checkProblemFingerprint(saved, fingerprintProblem({ b: [1, 2], x0: [0, 0] })),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint was taken on another problem: problem.x0 is absent in the checkpoint but array(2) #b06f26584e076e02 in this run]`,
    );
    expect(() => checkProblemFingerprint(null, saved)).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint.problem must be a problem fingerprint (an object), got null]`,
    );
  });
});

describe("checkpoints and their problem's fingerprint", () => {
  it("puts a fingerprint in solve's checkpoints that survives serialisation, and none in iterate's", () => {
    const problem = { map: Math.cos, x0: 1 };
    const first = solve(fixedPoint(), problem, { maxIterations: 3 });
    const checkpoint = parseCheckpoint(serializeCheckpoint(first.checkpoint()));
    expect(checkpoint.problem).toEqual(fingerprintProblem(problem));
    expect(
      solve(fixedPoint(), problem, {
        resumeFrom: parseCheckpoint<{ x: number }>(serializeCheckpoint(first.checkpoint())),
      }).state.x,
    ).toBe(solve(fixedPoint(), problem).state.x);
    expect(() =>
      solve(fixedPoint(), { map: Math.cos, x0: 2 }, { resumeFrom: checkpoint }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint was taken on another problem: problem.x0 is 1 in the checkpoint but 2 in this run]`,
    );
    expect(iterate(1, { update: Math.cos, maxIterations: 2 }).checkpoint().problem).toBeUndefined();
  });
});
