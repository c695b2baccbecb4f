import { describe, expect, it, vi } from "vitest";
import { below, describeStopReason, iterate, iterations } from "../../src/index.js";
import type { StopReason } from "../../src/index.js";
import { increment } from "./support.js";

describe("StopReason", () => {
  it("is stopRequested from a hook calling event.control.stop, after that iteration", () => {
    const update = vi.fn(increment);
    const result = iterate(0, {
      update,
      maxIterations: 100,
      hooks: {
        onIteration(event) {
          if (event.iteration === 5) event.control.stop("validation loss went up");
        },
      },
    });
    expect(update).toHaveBeenCalledTimes(5);
    expect(result.stopReason).toEqual({ kind: "stopRequested", source: "hook", message: "validation loss went up" });
    expect(describeStopReason(result.stopReason)).toBe("stopped by the hook: validation loss went up");
  });

  it("is stopRequested from the update calling context.control.stop", () => {
    const result = iterate(0, {
      update: (x, context) => {
        if (x === 2) context.control.stop("budget spent");
        return x + 1;
      },
      maxIterations: 100,
    });
    expect(result.stopReason).toEqual({ kind: "stopRequested", source: "solver", message: "budget spent" });
    expect(result.iterations).toBe(3);
    expect(describeStopReason(result.stopReason)).toBe("stopped by the solver: budget spent");
  });

  it("is stalled, not converged, when the update calls context.control.stall", () => {
    const result = iterate(0, {
      update: (x, context) => {
        if (x === 2) context.control.stall("at rounding level, |grad| = 3.7e-7 > 1e-8 reached");
        return x + 1;
      },
      maxIterations: 100,
    });
    expect(result.stopReason).toEqual({
      kind: "stalled",
      source: "solver",
      message: "at rounding level, |grad| = 3.7e-7 > 1e-8 reached",
    });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
    expect(describeStopReason(result.stopReason)).toBe("stalled: at rounding level, |grad| = 3.7e-7 > 1e-8 reached");
  });

  it("lets convergence at the same iteration take precedence over a stall", () => {
    const result = iterate(1, {
      update: (x, context) => {
        context.control.stall("no progress");
        return x / 4;
      },
      converged: below((x: number) => x, 0.5),
      maxIterations: 100,
    });
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(1);
  });

  it("is stopRequested from the consumer when a step-through loop breaks", () => {
    let reason: StopReason | undefined;
    for (const event of iterations(0, {
      update: increment,
      maxIterations: 100,
      hooks: { onStop: (stop) => void (reason = stop.stopReason) },
    })) {
      if (event.iteration === 1) break;
    }
    expect(reason).toEqual({ kind: "stopRequested", source: "consumer", message: "the consumer stopped iterating" });
    expect(describeStopReason(reason as StopReason)).toBe("stopped by the consumer: the consumer stopped iterating");
  });

  it("is aborted, with no update, when the signal was aborted before the start", () => {
    const controller = new AbortController();
    controller.abort("shutting down");
    const update = vi.fn(increment);
    const result = iterate(0, { update, maxIterations: 100, signal: controller.signal });
    expect(update).not.toHaveBeenCalled();
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toEqual({ kind: "aborted", reason: "shutting down" });
    expect(result.converged).toBe(false);
    expect(describeStopReason(result.stopReason)).toBe("aborted: shutting down");
  });

  it("is aborted within one step when a hook aborts the signal mid-run", () => {
    const controller = new AbortController();
    const update = vi.fn(increment);
    const result = iterate(0, {
      update,
      maxIterations: 100,
      signal: controller.signal,
      hooks: {
        onIteration(event) {
          if (event.iteration === 6) controller.abort(new Error("user pressed stop"));
        },
      },
    });
    expect(update).toHaveBeenCalledTimes(6);
    expect(result.iterations).toBe(6);
    expect(result.stopReason.kind).toBe("aborted");
    expect(describeStopReason(result.stopReason)).toBe("aborted: user pressed stop");
  });

  it("is aborted when the update aborts the signal", () => {
    const controller = new AbortController();
    const result = iterate(0, {
      update: (x) => {
        if (x === 2) controller.abort();
        return x + 1;
      },
      maxIterations: 100,
      signal: controller.signal,
    });
    expect(result.iterations).toBe(3);
    expect(result.stopReason.kind).toBe("aborted");
    expect(describeStopReason(result.stopReason)).toBe("aborted: This operation was aborted");
  });
});
