import { describe, expect, it, vi } from "vitest";
import {
  absChange,
  below,
  describeResult,
  describeStopReason,
  growsBeyond,
  iterate,
  nonFinite,
  patience,
} from "../../src/index.js";
import type { RunResult, StopReason } from "../../src/index.js";
import { increment, manualClock } from "./support.js";

const halve = (x: number): number => x / 2;

describe("StopReason", () => {
  it("is converged with the test's label, value, tolerance and the leaves that held", () => {
    const result = iterate(1, {
      update: halve,
      maxIterations: 100,
      converged: [below((x: number) => x, 0.1, { name: "x" }), absChange((x: number) => x, 1e-9)],
    });
    expect(result.iterations).toBe(4);
    expect(result.stopReason).toEqual({
      kind: "converged",
      test: "x",
      value: 0.0625,
      tolerance: 0.1,
      met: [{ label: "x", value: 0.0625, relation: "<=", tolerance: 0.1, met: true, iteration: 4 }],
    });
    expect(result.converged).toBe(true);
    expect(describeStopReason(result.stopReason)).toBe("converged: x = 0.0625 <= 0.1 (met)");
  });

  it("is maxIterations with the bound when the bound is reached first", () => {
    const result = iterate(0, { update: increment, maxIterations: 8 });
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 8 });
    expect(result.converged).toBe(false);
    expect(describeStopReason(result.stopReason)).toBe("reached maxIterations = 8");
  });

  it("is maxEpochs when the epoch bound comes before the iteration bound", () => {
    const result = iterate(0, { update: increment, maxIterations: 100, epochLength: 4, maxEpochs: 3 });
    expect(result.stopReason).toEqual({ kind: "maxEpochs", maxEpochs: 3 });
    expect(result.iterations).toBe(12);
    expect(result.epochs).toBe(3);
    expect(result.converged).toBe(false);
    expect(describeStopReason(result.stopReason)).toBe("reached maxEpochs = 3");
  });

  it("is maxIterations when the iteration bound comes before the epoch bound", () => {
    const result = iterate(0, { update: increment, maxIterations: 10, epochLength: 4, maxEpochs: 3 });
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 10 });
    expect(result.epochs).toBe(2);
  });

  it("is timeLimit with the limit and the elapsed time when the injected clock passes the limit", () => {
    const time = manualClock();
    const result = iterate(0, {
      update: (x) => {
        time.advance(1);
        return x + 1;
      },
      maxIterations: 1000,
      timeLimitMs: 10,
      clock: time.clock,
      trace: false,
    });
    expect(result.stopReason).toEqual({ kind: "timeLimit", timeLimitMs: 10, elapsedMs: 10 });
    expect(result.iterations).toBe(10);
    expect(result.converged).toBe(false);
    expect(describeStopReason(result.stopReason)).toBe("time limit of 10 ms reached after 10.0 ms");
  });

  it("is timeLimit at iteration 0 with a timeLimitMs of 0, traced or not", () => {
    for (const trace of [undefined, false] as const) {
      const time = manualClock();
      const update = vi.fn((x: number) => {
        time.advance(1);
        return x + 1;
      });
      const result = iterate(0, {
        update,
        maxIterations: 1000,
        timeLimitMs: 0,
        clock: time.clock,
        ...(trace === false ? { trace } : {}),
      });
      expect(result.stopReason).toEqual({ kind: "timeLimit", timeLimitMs: 0, elapsedMs: 0 });
      expect(update).not.toHaveBeenCalled();
    }
  });

  it("is timeLimit within one step of a slow run with a trace and hooks", () => {
    const time = manualClock();
    const result = iterate(0, {
      update: (x) => {
        time.advance(3);
        return x + 1;
      },
      maxIterations: 1000,
      timeLimitMs: 10,
      clock: time.clock,
      hooks: { onIteration: () => {} },
    });
    expect(result.stopReason).toEqual({ kind: "timeLimit", timeLimitMs: 10, elapsedMs: 12 });
    expect(result.iterations).toBe(4);
  });

  it("is diverged from a nonFinite test with the report that held", () => {
    const result = iterate(1, {
      update: (x) => (x > 4 ? NaN : x * 2),
      maxIterations: 100,
      diverged: nonFinite((x: number) => x, { name: "x" }),
    });
    expect(result.iterations).toBe(4);
    expect(result.stopReason).toEqual({
      kind: "diverged",
      source: "test",
      message: "x = NaN (not finite: met)",
      report: { label: "x", value: NaN, relation: "notFinite", tolerance: Infinity, met: true, iteration: 4 },
    });
    expect(result.converged).toBe(false);
    expect(describeStopReason(result.stopReason)).toBe("diverged: x = NaN (not finite: met)");
  });

  it("is diverged from a growsBeyond test", () => {
    const result = iterate(1, {
      update: (x) => x * 3,
      maxIterations: 100,
      diverged: growsBeyond((x: number) => x, 100, { name: "|r|" }),
    });
    expect(result.iterations).toBe(5);
    expect(result.stopReason).toMatchObject({
      kind: "diverged",
      source: "test",
      message: "|r| = 243 > 100 (met, 100 x initial)",
    });
  });

  it("is diverged from the update calling context.control.diverge", () => {
    const result = iterate(1, {
      update: (x, context) => {
        if (x === 3) context.control.diverge("f'(x) = 0 at x = 3");
        return x + 1;
      },
      maxIterations: 100,
    });
    expect(result.stopReason).toEqual({ kind: "diverged", source: "solver", message: "f'(x) = 0 at x = 3" });
    expect(result.iterations).toBe(3);
    expect(describeStopReason(result.stopReason)).toBe("diverged: f'(x) = 0 at x = 3");
  });
});

describe("describeStopReason", () => {
  it("describes a converged reason by its test when no leaf report is attached", () => {
    expect(describeStopReason({ kind: "converged", test: "custom", value: 1, tolerance: 2, met: [] })).toBe(
      "converged: custom",
    );
  });

  it("describes a converged reason by its first leaf", () => {
    const reason: StopReason = {
      kind: "converged",
      test: "|grad|",
      value: 3.1e-9,
      tolerance: 1e-8,
      met: [{ label: "|grad|", value: 3.1e-9, relation: "<=", tolerance: 1e-8, met: true, iteration: 23 }],
    };
    expect(describeStopReason(reason)).toBe("converged: |grad| = 3.1e-9 <= 1e-8 (met)");
  });

  it("describes a time limit with one decimal of the elapsed time", () => {
    expect(describeStopReason({ kind: "timeLimit", timeLimitMs: 500, elapsedMs: 500.04 })).toBe(
      "time limit of 500 ms reached after 500.0 ms",
    );
  });
});

describe("describeResult", () => {
  it("says how a run ended and where every convergence test stood", () => {
    const time = manualClock();
    const result: RunResult<number> = iterate(1, {
      update: (x) => {
        time.advance(0.25);
        return x / 10;
      },
      maxIterations: 100,
      converged: [
        below((x: number) => x, 5e-4, { name: "|grad|" }),
        patience((x: number) => x, { patience: 3, name: "loss" }),
      ],
      clock: time.clock,
    });
    expect(describeResult(result)).toBe(
      [
        "converged: |grad| = 1.0e-4 <= 0.0005 (met) (4 iterations, 1.0 ms)",
        "  |grad| = 1.0e-4 <= 0.0005 (met)",
        "  loss: checks without improvement = 0 < 3 (not met, best 1.0e-4 at iteration 4)",
      ].join("\n"),
    );
  });

  it("says the run did not converge when it stopped for another reason", () => {
    const result = iterate(0, { update: increment, maxIterations: 2, clock: () => 0 });
    expect(describeResult(result)).toBe("did not converge: reached maxIterations = 2 (2 iterations, 0.0 ms)");
  });
});
