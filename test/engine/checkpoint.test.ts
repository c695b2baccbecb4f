import { describe, expect, it } from "vitest";
import {
  absChange,
  anyOf,
  CheckpointError,
  iterate,
  iterateAsync,
  nonFinite,
  parseCheckpoint,
  patience,
  resume,
  resumeAsync,
  serializeCheckpoint,
} from "../../src/index.js";
import type { Checkpoint, RunOptions } from "../../src/index.js";
import type { Walker } from "./support.js";
import { manualClock, outcome, records, thrownBy, walk } from "./support.js";

/** A seeded run with every kind of memory a checkpoint must carry. */
interface Particle {
  readonly x: Float64Array;
  readonly loss: number;
  readonly special: Float64Array;
}

const particleOptions = (maxIterations: number): RunOptions<Particle, { loss: number; x0: number }> => ({
  update: (state, context) => {
    const x = state.x.map((value) => 0.97 * value + context.random.normal(0, 0.05));
    return { x, loss: x.reduce((sum, value) => sum + value * value, 0), special: state.special.slice() };
  },
  maxIterations,
  epochLength: 9,
  converged: anyOf(
    patience((s: Particle) => s.loss, { patience: 1000, minDelta: 1e-3, name: "loss" }),
    absChange((s: Particle) => s.loss, 0),
  ),
  diverged: nonFinite((s: Particle) => s.x, { name: "x" }),
  trace: { record: (s) => ({ loss: s.loss, x0: s.x[0] as number }), maxLength: 16 },
  seed: 99,
  clock: () => 0,
});

const particle = (): Particle => ({
  x: new Float64Array([1, -2, 3]),
  loss: 14,
  special: new Float64Array([NaN, Infinity, -Infinity, -0]),
});

const walkOptions = (maxIterations: number): RunOptions<Walker> => ({
  update: walk,
  maxIterations,
  converged: absChange((s: Walker) => s.x, 0),
  seed: 5,
});

describe("resume", () => {
  it("continues a run from its result's checkpoint to the result of an uninterrupted run", () => {
    const whole = iterate({ x: 1, draws: 0 }, walkOptions(100));
    const first = iterate({ x: 1, draws: 0 }, walkOptions(30));
    const rest = resume(first.checkpoint(), walkOptions(100));
    expect(first.iterations).toBe(30);
    expect(rest.iterations).toBe(100);
    expect(outcome(rest)).toEqual(outcome(whole));
  });

  it("restores the random generator, patience bookkeeping, epochs and a thinned trace", () => {
    const whole = iterate(particle(), particleOptions(100));
    const first = iterate(particle(), particleOptions(30));
    const rest = resume(first.checkpoint(), particleOptions(100));
    expect(whole.trace.thinned).toBe(true);
    expect(outcome(rest)).toEqual(outcome(whole));
    expect(rest.criteria.convergence[0]?.best).toEqual(whole.criteria.convergence[0]?.best);
  });

  it("continues identically after a JSON round trip that keeps typed arrays, NaN, infinities and -0", () => {
    const whole = iterate(particle(), particleOptions(100));
    const first = iterate(particle(), particleOptions(30));
    const text = serializeCheckpoint(first.checkpoint());
    expect(typeof text).toBe("string");
    const parsed = parseCheckpoint<Particle, { loss: number; x0: number }>(text);
    expect(parsed.state.x).toBeInstanceOf(Float64Array);
    const special = Array.from(parsed.state.special);
    expect(special[0]).toBeNaN();
    expect(special.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(special[3], -0)).toBe(true);
    const rest = resume(parsed, particleOptions(100));
    expect(outcome(rest)).toEqual(outcome(whole));
    expect(Object.is(rest.state.special[3], -0)).toBe(true);
  });

  it("resumes a checkpoint taken by a hook at iteration 40 to the uninterrupted result", () => {
    const whole = iterate(particle(), particleOptions(100));
    let saved: Checkpoint<Particle, unknown> | undefined;
    iterate(particle(), {
      ...particleOptions(100),
      hooks: {
        onIteration(event) {
          if (event.iteration === 40) saved = event.control.checkpoint();
        },
      },
    });
    expect(saved?.iteration).toBe(40);
    const rest = resume(saved as Checkpoint<Particle, { loss: number; x0: number }>, particleOptions(100));
    expect(outcome(rest)).toEqual(outcome(whole));
  });

  it("keeps the trace's off-stride final entry out of the checkpoint", () => {
    const options = (maxIterations: number): RunOptions<number> => ({
      update: (x) => x + 1,
      maxIterations,
      trace: { every: 3 },
    });
    const first = iterate(0, options(31));
    expect(first.trace.entries.map((entry) => entry.iteration).slice(-2)).toEqual([30, 31]);
    const rest = resume(first.checkpoint(), options(40));
    expect(records(rest.trace)).toEqual(records(iterate(0, options(40)).trace));
  });

  it("carries the elapsed time into the time limit of the resumed run", () => {
    const time = manualClock();
    const options = (timeLimitMs?: number): RunOptions<number> => ({
      update: (x) => {
        time.advance(1);
        return x + 1;
      },
      maxIterations: 1000,
      clock: time.clock,
      trace: false,
      ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    });
    const first = iterate(0, { ...options(), maxIterations: 6 });
    expect(first.elapsedMs).toBe(6);
    const rest = resume(first.checkpoint(), options(10));
    expect(rest.stopReason).toEqual({ kind: "timeLimit", timeLimitMs: 10, elapsedMs: 10 });
    expect(rest.iterations).toBe(10);
  });

  it("tells onStart that the run is resumed, and starts with the next update", () => {
    const first = iterate(0, { update: (x: number) => x + 1, maxIterations: 3 });
    const log: string[] = [];
    resume(first.checkpoint(), {
      update: (x: number) => x + 1,
      maxIterations: 5,
      hooks: {
        onStart: (event) => void log.push(`start ${event.iteration} ${event.resumed}`),
        onIteration: (event) => void log.push(`iteration ${event.iteration}`),
      },
    });
    expect(log).toEqual(["start 3 true", "iteration 4", "iteration 5"]);
  });

  it("does not change the checkpoint it resumes from", () => {
    const first = iterate(particle(), particleOptions(10));
    const checkpoint = first.checkpoint();
    const copy = structuredClone(checkpoint);
    resume(checkpoint, particleOptions(20));
    expect(checkpoint).toEqual(copy);
  });

  it("throws CheckpointError when the convergence test differs", () => {
    const checkpoint = iterate({ x: 1, draws: 0 }, walkOptions(5)).checkpoint();
    expect(() =>
      resume(checkpoint, { ...walkOptions(10), converged: absChange((s: Walker) => s.x, 0, { name: "y" }) }),
    ).toThrow(CheckpointError);
    expect(() =>
      resume(checkpoint, { ...walkOptions(10), converged: absChange((s: Walker) => s.x, 0, { name: "y" }) }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint's convergence test is |dx| but the run's is |dy|]`,
    );
    expect(() => resume(checkpoint, { ...walkOptions(10), converged: undefined })).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint has a convergence test (|dx|) but the run has none]`,
    );
  });

  it("throws CheckpointError when the epoch length differs", () => {
    const checkpoint = iterate({ x: 1, draws: 0 }, { ...walkOptions(5), epochLength: 5 }).checkpoint();
    expect(() => resume(checkpoint, walkOptions(10))).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint has epochLength 5 but the run has undefined]`,
    );
  });

  it("throws CheckpointError when the trace settings differ", () => {
    const checkpoint = iterate({ x: 1, draws: 0 }, walkOptions(5)).checkpoint();
    expect(() => resume(checkpoint, { ...walkOptions(10), trace: { every: 2 } })).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint's trace has every 1, maxLength 10000 but the run's has every 2, maxLength 10000]`,
    );
    const untraced = iterate({ x: 1, draws: 0 }, { ...walkOptions(5), trace: false }).checkpoint();
    expect(() => resume(untraced, walkOptions(10))).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint has no trace but the run records one]`,
    );
  });

  it("throws CheckpointError for something that is not a checkpoint", () => {
    expect(() =>
      resume({} as Checkpoint<number>, { update: (x: number) => x, maxIterations: 1 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint must be an object with format "iterlab.checkpoint"]`,
    );
    const checkpoint = iterate(0, { update: (x: number) => x + 1, maxIterations: 1 }).checkpoint();
    expect(() =>
      resume({ ...checkpoint, iteration: -1 }, { update: (x: number) => x, maxIterations: 1 }),
    ).toThrowErrorMatchingInlineSnapshot(`[CheckpointError: checkpoint.iteration must be an integer >= 0, got -1]`);
  });
});

describe("resumeAsync", () => {
  it("continues a run to the result of an uninterrupted run", async () => {
    const whole = await iterateAsync(particle(), particleOptions(60));
    const first = await iterateAsync(particle(), particleOptions(25));
    const rest = await resumeAsync(first.checkpoint(), particleOptions(60));
    expect(outcome(rest)).toEqual(outcome(whole));
  });
});

describe("RunResult.checkpoint", () => {
  it("is plain data copied at the moment it is taken", () => {
    const first = iterate(particle(), particleOptions(5));
    const checkpoint = first.checkpoint();
    expect(checkpoint).toMatchObject({ format: "iterlab.checkpoint", version: 1, iteration: 5, epochLength: 9 });
    expect(checkpoint.state).not.toBe(first.state);
    expect(checkpoint.state).toEqual(first.state);
    expect(checkpoint.randomState).toHaveLength(4);
    expect(structuredClone(checkpoint)).toEqual(checkpoint);
  });

  it("throws CheckpointError when the state is not plain data, without failing the run", () => {
    const result = iterate(
      { x: 0, scale: (v: number) => 2 * v },
      { update: (s) => ({ ...s, x: s.x + 1 }), maxIterations: 3 },
    );
    expect(result.state.x).toBe(3);
    expect(() => result.checkpoint()).toThrow(CheckpointError);
    expect(() => result.checkpoint()).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the state is not plain data and cannot be checkpointed: (v) => 2 * v could not be cloned.]`,
    );
  });
});

describe("serializeCheckpoint", () => {
  it("throws CheckpointError naming the part JSON cannot carry", () => {
    const checkpoint = iterate(0, { update: (x: number) => x + 1, maxIterations: 1, trace: false }).checkpoint();
    expect(() =>
      serializeCheckpoint({ ...checkpoint, state: { lookup: new Map() } }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint.state.lookup is an instance of Map, which a checkpoint cannot carry; keep states to plain data]`,
    );
    expect(() => serializeCheckpoint({ ...checkpoint, state: [() => 1] })).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint.state[0] is a function, which a checkpoint cannot carry; keep states to plain data]`,
    );
    expect(() =>
      serializeCheckpoint({ ...checkpoint, state: new BigInt64Array(1) }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint.state is a BigInt64Array, which a checkpoint cannot carry]`,
    );
  });
});

describe("parseCheckpoint", () => {
  it("reads back what serializeCheckpoint wrote", () => {
    const checkpoint = iterate(particle(), particleOptions(12)).checkpoint();
    expect(parseCheckpoint(serializeCheckpoint(checkpoint))).toEqual(checkpoint);
  });

  it("throws CheckpointError for text that is not a checkpoint", () => {
    expect(() => parseCheckpoint("{")).toThrow(CheckpointError);
    expect((thrownBy(() => parseCheckpoint("{")) as Error).message).toMatch(/^checkpoint is not valid JSON: /);
    expect(() => parseCheckpoint('{"format":"other"}')).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint must be an object with format "iterlab.checkpoint"]`,
    );
    expect(() => parseCheckpoint('{"format":"iterlab.checkpoint","version":2}')).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: checkpoint version must be 1, got 2]`,
    );
    expect(() => parseCheckpoint('{"$typedArray":"Float16Array","values":[1]}')).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: unknown typed array Float16Array in checkpoint]`,
    );
  });
});
