import { describe, expect, it, vi } from "vitest";
import { absChange, below, every, iterate, nonFinite, sustained } from "../../src/index.js";
import type { IterationContext } from "../../src/index.js";
import type { Walker } from "./support.js";
import { increment, manualClock, records, walk } from "./support.js";

describe("iterate", () => {
  it("returns the initial state with reason maxIterations when maxIterations is 0", () => {
    const update = vi.fn(increment);
    const result = iterate(7, { update, maxIterations: 0 });
    expect(update).not.toHaveBeenCalled();
    expect(result.state).toBe(7);
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 0 });
    expect(result.converged).toBe(false);
    expect(records(result.trace)).toEqual([{ iteration: 0, epoch: 0, record: 7 }]);
  });

  it("stops with maxIterations when the tolerance is never met", () => {
    const result = iterate(0, { update: increment, maxIterations: 25, converged: absChange((x: number) => x, 0.5) });
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 25 });
    expect(result.state).toBe(25);
    expect(result.iterations).toBe(25);
  });

  it("counts the initial state as iteration 0 and traces iterations + 1 entries", () => {
    const result = iterate(0, { update: increment, maxIterations: 12 });
    expect(result.trace.entries).toHaveLength(result.iterations + 1);
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.trace.entries.map((entry) => entry.record)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("passes the index of the state being updated as context.iteration", () => {
    const seen: [number, number][] = [];
    iterate(0, {
      update: (x, context) => {
        seen.push([x, context.iteration]);
        return x + 1;
      },
      maxIterations: 4,
    });
    expect(seen).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it("gives the update and the tests the bound, the seeded generator and one reused context", () => {
    const contexts = new Set<IterationContext>();
    const bounds: number[] = [];
    iterate(0, {
      update: (x, context) => {
        contexts.add(context);
        bounds.push(context.maxIterations);
        expect(context.random.float()).toBeLessThan(1);
        expect(context.epochLength).toBeUndefined();
        expect(context.epoch).toBe(0);
        expect(context.iterationInEpoch).toBe(0);
        return x + 1;
      },
      maxIterations: 3,
    });
    expect(contexts.size).toBe(1);
    expect(bounds).toEqual([3, 3, 3]);
  });

  it("reports the elapsed time from the injected clock", () => {
    const time = manualClock(1000);
    const elapsed: number[] = [];
    const result = iterate(0, {
      update: (x, context) => {
        elapsed.push(context.elapsedMs);
        time.advance(2);
        return x + 1;
      },
      maxIterations: 3,
      clock: time.clock,
    });
    expect(elapsed).toEqual([0, 2, 4]);
    expect(result.elapsedMs).toBe(6);
  });

  it("stops with converged at iteration 0 when the initial state already satisfies the test", () => {
    const update = vi.fn(increment);
    const result = iterate(0.001, { update, maxIterations: 0, converged: below((x: number) => x, 0.01) });
    expect(update).not.toHaveBeenCalled();
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(0);
    expect(result.converged).toBe(true);
  });

  it("lets the update stop the run with context.control.stop after its state is checked and traced", () => {
    const result = iterate(0, {
      update: (x, context) => {
        if (x === 3) context.control.stop("enough");
        return x + 1;
      },
      maxIterations: 100,
    });
    expect(result.stopReason).toEqual({ kind: "stopRequested", source: "solver", message: "enough" });
    expect(result.state).toBe(4);
    expect(result.iterations).toBe(4);
    expect(result.trace.entries.at(-1)?.iteration).toBe(4);
  });

  it("lets a convergence test that holds at the same iteration take precedence over the solver's stop request", () => {
    const result = iterate(10, {
      update: (x, context) => {
        context.control.stop("asked to stop");
        return x / 100;
      },
      maxIterations: 100,
      converged: below((x: number) => x, 0.5),
    });
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(1);
  });

  it("lets a divergence declared by the update take precedence over convergence at the same iteration", () => {
    const result = iterate(10, {
      update: (x, context) => {
        context.control.diverge("no way forward");
        return x / 100;
      },
      maxIterations: 100,
      converged: below((x: number) => x, 0.5),
    });
    expect(result.stopReason).toEqual({ kind: "diverged", source: "solver", message: "no way forward" });
  });

  it("never prints to the console or the standard streams", () => {
    const spies = [
      vi.spyOn(console, "log"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "error"),
      vi.spyOn(console, "debug"),
      vi.spyOn(process.stdout, "write"),
      vi.spyOn(process.stderr, "write"),
    ];
    try {
      const result = iterate<Walker>(
        { x: 1, draws: 0 },
        {
          update: walk,
          maxIterations: 50,
          epochLength: 7,
          converged: [
            sustained(
              2,
              absChange((s: Walker) => s.x, 1e-12),
            ),
            below((s: Walker) => Math.abs(s.x), 1e-12),
          ],
          diverged: nonFinite((s: Walker) => s.x),
          hooks: { onIteration: every(10, () => {}) },
          trace: { every: 3, maxLength: 4 },
          seed: 11,
        },
      );
      result.checkpoint();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("stops the same way on the fast path of a run without tests, trace or hooks", () => {
    const requests = (x: number, context: IterationContext): number => {
      if (x === 3) context.control.stop("stop at 3");
      if (x === 5) context.control.diverge("diverge at 5");
      return x + 1;
    };
    const stopped = iterate(0, { update: requests, maxIterations: 100, trace: false });
    expect(stopped.stopReason).toEqual({ kind: "stopRequested", source: "solver", message: "stop at 3" });
    expect(stopped.iterations).toBe(4);
    const diverged = iterate(4, { update: requests, maxIterations: 100, trace: false });
    expect(diverged.stopReason).toEqual({ kind: "diverged", source: "solver", message: "diverge at 5" });
    expect(diverged.state).toBe(6);
    const bounded = iterate(0, { update: increment, maxIterations: 1000, trace: false });
    expect(bounded.state).toBe(1000);
    expect(bounded.stopReason).toEqual({ kind: "maxIterations", maxIterations: 1000 });
  });
});
