import { describe, expect, it } from "vitest";
import { below, iterate, iterateAsync } from "../../src/index.js";
import type { Hooks, IterationEvent, StopEvent } from "../../src/index.js";
import { increment } from "./support.js";

/** Hooks that log every call as a short string. */
function recorder(log: string[], name = ""): Hooks<number> {
  return {
    onStart: (event) => void log.push(`${name}start ${event.iteration}`),
    onIteration: (event) => void log.push(`${name}iteration ${event.iteration}`),
    onEpochEnd: (event) => void log.push(`${name}epochEnd ${event.epoch} at ${event.iteration}`),
    onStop: (event) => void log.push(`${name}stop ${event.iteration} ${event.stopReason?.kind ?? "error"}`),
  };
}

describe("Hooks", () => {
  it("run in lifecycle order for a whole run: onStart, onIteration from 0, onEpochEnd after onIteration, onStop once", () => {
    const log: string[] = [];
    iterate(0, { update: increment, maxIterations: 5, epochLength: 2, hooks: recorder(log) });
    expect(log).toEqual([
      "start 0",
      "iteration 0",
      "iteration 1",
      "iteration 2",
      "epochEnd 1 at 2",
      "iteration 3",
      "iteration 4",
      "epochEnd 2 at 4",
      "iteration 5",
      "stop 5 maxIterations",
    ]);
  });

  it("run in array order when several hook objects are given", () => {
    const log: string[] = [];
    iterate(0, {
      update: increment,
      maxIterations: 2,
      epochLength: 2,
      hooks: [recorder(log, "a:"), recorder(log, "b:")],
    });
    expect(log).toEqual([
      "a:start 0",
      "b:start 0",
      "a:iteration 0",
      "b:iteration 0",
      "a:iteration 1",
      "b:iteration 1",
      "a:iteration 2",
      "b:iteration 2",
      "a:epochEnd 1 at 2",
      "b:epochEnd 1 at 2",
      "a:stop 2 maxIterations",
      "b:stop 2 maxIterations",
    ]);
  });

  it("see the state, counters and bound of each iteration", () => {
    const events: IterationEvent<number>[] = [];
    iterate(10, {
      update: increment,
      maxIterations: 3,
      epochLength: 2,
      hooks: { onIteration: (event) => void events.push(event) },
    });
    expect(
      events.map(({ kind, state, iteration, epoch, iterationInEpoch, epochLength, maxIterations }) => ({
        kind,
        state,
        iteration,
        epoch,
        iterationInEpoch,
        epochLength,
        maxIterations,
      })),
    ).toEqual([
      { kind: "iteration", state: 10, iteration: 0, epoch: 0, iterationInEpoch: 0, epochLength: 2, maxIterations: 3 },
      { kind: "iteration", state: 11, iteration: 1, epoch: 0, iterationInEpoch: 1, epochLength: 2, maxIterations: 3 },
      { kind: "iteration", state: 12, iteration: 2, epoch: 1, iterationInEpoch: 0, epochLength: 2, maxIterations: 3 },
      { kind: "iteration", state: 13, iteration: 3, epoch: 1, iterationInEpoch: 1, epochLength: 2, maxIterations: 3 },
    ]);
  });

  it("see the stop reason decided at an iteration in onIteration, and the convergence reports", () => {
    const seen: { iteration: number; kind: string | undefined; value: number | undefined }[] = [];
    iterate(8, {
      update: (x) => x / 2,
      maxIterations: 10,
      converged: below((x: number) => x, 1),
      hooks: {
        onIteration(event) {
          seen.push({ iteration: event.iteration, kind: event.stopReason?.kind, value: event.criteria()[0]?.value });
        },
      },
    });
    expect(seen).toEqual([
      { iteration: 0, kind: undefined, value: 8 },
      { iteration: 1, kind: undefined, value: 4 },
      { iteration: 2, kind: undefined, value: 2 },
      { iteration: 3, kind: "converged", value: 1 },
    ]);
  });

  it("tell onStart whether the run is resumed, and give onStop the final state, reason and reports", () => {
    const stops: StopEvent<number>[] = [];
    let resumed: boolean | undefined;
    const result = iterate(8, {
      update: (x) => x / 2,
      maxIterations: 10,
      converged: below((x: number) => x, 1),
      hooks: {
        onStart: (event) => void (resumed = event.resumed),
        onStop: (event) => void stops.push(event),
      },
    });
    expect(resumed).toBe(false);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({
      kind: "stop",
      state: 1,
      iteration: 3,
      stopReason: result.stopReason,
      error: undefined,
    });
    expect(stops[0]?.criteria()).toEqual(result.criteria.convergence);
  });

  it("are awaited by iterateAsync in order, an async onEpochEnd included", async () => {
    const log: string[] = [];
    const later = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    await iterateAsync(0, {
      update: increment,
      maxIterations: 2,
      epochLength: 1,
      hooks: [
        {
          onIteration: async (event) => {
            await later();
            log.push(`a ${event.iteration}`);
          },
          onEpochEnd: async (event) => {
            await later();
            log.push(`epoch ${event.epoch}`);
          },
        },
        { onIteration: (event) => void log.push(`b ${event.iteration}`) },
      ],
    });
    expect(log).toEqual(["a 0", "b 0", "a 1", "b 1", "epoch 1", "a 2", "b 2", "epoch 2"]);
  });

  it("let a hook stop the run after its iteration with reason stopRequested", () => {
    const result = iterate(0, {
      update: increment,
      maxIterations: 100,
      hooks: { onEpochEnd: (event) => event.control.stop(`stop after epoch ${event.epoch}`) },
      epochLength: 4,
    });
    expect(result.iterations).toBe(4);
    expect(result.stopReason).toEqual({ kind: "stopRequested", source: "hook", message: "stop after epoch 1" });
  });
});
