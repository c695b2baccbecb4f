import { describe, expect, it } from "vitest";
import { trainingLoss } from "../../../solvers/neural/index.js";
import type { TrainingState } from "../../../solvers/neural/index.js";

/** The fields the measure reads; the rest of a state does not matter to it. */
const state = (samplesSeen: number, loss?: number) => ({ samplesSeen, loss }) as unknown as TrainingState;

describe("trainingLoss", () => {
  it("is infinite before the first read, holds each read until the next, and starts over with a new run", () => {
    const measure = trainingLoss();
    expect(measure.name).toBe("training loss");
    const first = [state(0), state(32), state(64, 0.7), state(96), state(128, 0.5), state(160)].map((s) =>
      measure.measure(s, undefined),
    );
    expect(first).toEqual([Infinity, Infinity, 0.7, 0.7, 0.5, 0.5]);
    // The next method's run: iteration 0 has seen no samples.
    expect([state(0), state(32)].map((s) => measure.measure(s, undefined))).toEqual([Infinity, Infinity]);
  });
});
