import { describe, expect, it } from "vitest";
import { iterate, iterateAsync, traceToCSV, traceToJSON } from "../../src/index.js";
import type { Trace } from "../../src/index.js";
import { manualClock } from "./support.js";

const increment = (x: number): number => x + 1;

describe("TraceOptions", () => {
  it("records every iteration by default, with the state as the record", () => {
    const result = iterate(0, { update: increment, maxIterations: 3 });
    expect(result.trace.entries.map((entry) => [entry.iteration, entry.record])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(result.trace.stride).toBe(1);
    expect(result.trace.thinned).toBe(false);
  });

  it("records multiples of every, plus the final iteration", () => {
    const result = iterate(0, { update: increment, maxIterations: 10, trace: { every: 3 } });
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0, 3, 6, 9, 10]);
    expect(result.trace.stride).toBe(3);
  });

  it("does not repeat a final iteration that is on the stride", () => {
    const result = iterate(0, { update: increment, maxIterations: 9, trace: { every: 3 } });
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0, 3, 6, 9]);
  });

  it("records the final iteration of a run that stops early off the stride", () => {
    const result = iterate(0, {
      update: increment,
      maxIterations: 100,
      trace: { every: 4 },
      hooks: { onIteration: (event) => (event.iteration === 6 ? event.control.stop("done") : undefined) },
    });
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0, 4, 6]);
  });

  it("thins a full trace to evenly spaced entries that keep iteration 0, doubling the stride", () => {
    const result = iterate(0, { update: increment, maxIterations: 20, trace: { maxLength: 4 } });
    const iterations = result.trace.entries.map((entry) => entry.iteration);
    expect(iterations).toEqual([0, 8, 16, 20]);
    expect(result.trace.thinned).toBe(true);
    expect(result.trace.stride).toBe(8);
  });

  it("keeps at most maxLength regular entries plus the final one over a long run", () => {
    const maxLength = 10;
    const result = iterate(0, { update: increment, maxIterations: 1000, trace: { maxLength, every: 3 } });
    const entries = result.trace.entries;
    const regular = entries.slice(0, -1);
    expect(entries.length).toBeLessThanOrEqual(maxLength + 1);
    expect(regular.length).toBeGreaterThanOrEqual(maxLength / 2);
    expect(entries[0]?.iteration).toBe(0);
    expect(entries.at(-1)?.iteration).toBe(1000);
    expect(result.trace.stride % 3).toBe(0);
    regular.forEach((entry, index) => expect(entry.iteration).toBe(index * result.trace.stride));
    expect(result.trace.thinned).toBe(true);
  });

  it("records nothing with trace: false", () => {
    const result = iterate(0, { update: increment, maxIterations: 5, trace: false });
    expect(result.trace).toEqual({ entries: [], stride: 0, thinned: false });
  });

  it("stores what the record function returns", () => {
    const result = iterate(
      { x: 1, scratch: [0] },
      {
        update: (s) => ({ x: s.x * 2, scratch: s.scratch }),
        maxIterations: 3,
        trace: { record: (s) => ({ x: s.x, twice: 2 * s.x }) },
      },
    );
    expect(result.trace.entries.map((entry) => entry.record)).toEqual([
      { x: 1, twice: 2 },
      { x: 2, twice: 4 },
      { x: 4, twice: 8 },
      { x: 8, twice: 16 },
    ]);
  });

  it("stamps each entry with its epoch", () => {
    const result = iterate(0, { update: increment, maxIterations: 4, epochLength: 2, trace: { every: 2 } });
    expect(result.trace.entries.map((entry) => [entry.iteration, entry.epoch])).toEqual([
      [0, 0],
      [2, 1],
      [4, 2],
    ]);
  });

  it("stamps each entry with the clock reading of its own iteration when steps are slow", async () => {
    const options = () => {
      const time = manualClock();
      return {
        update: (x: number) => {
          time.advance(2);
          return x + 1;
        },
        maxIterations: 8,
        clock: time.clock,
      };
    };
    const expected = [0, 2, 4, 6, 8, 10, 12, 14, 16];
    const stamps = (result: { trace: Trace<unknown> }) => result.trace.entries.map((entry) => entry.elapsedMs);
    expect(stamps(iterate(0, options()))).toEqual(expected);
    expect(stamps(iterate(0, { ...options(), timeLimitMs: 1000 }))).toEqual(expected);
    expect(stamps(iterate(0, { ...options(), hooks: { onIteration: () => {} } }))).toEqual(expected);
    expect(stamps(await iterateAsync(0, options()))).toEqual(expected);
    const events: number[] = [];
    iterate(0, {
      ...options(),
      timeLimitMs: 1000,
      hooks: { onIteration: (event) => void events.push(event.elapsedMs) },
    });
    expect(events).toEqual(expected);
  });
});

describe("traceToCSV", () => {
  const trace: Trace<unknown> = {
    stride: 1,
    thinned: false,
    entries: [
      {
        iteration: 0,
        epoch: 0,
        elapsedMs: 0,
        record: { x: new Float64Array([1, NaN]), f: Infinity, info: { step: -Infinity }, note: "a,b" },
      },
      {
        iteration: 1,
        epoch: 0,
        elapsedMs: 0.5,
        record: { x: new Float64Array([2, 3]), f: 1.5, info: { step: 0.25 }, note: 'say "hi"' },
      },
    ],
  };

  it("writes iteration, epoch and elapsed_ms, then the flattened record columns", () => {
    expect(traceToCSV(trace)).toBe(
      [
        "iteration,epoch,elapsed_ms,x[0],x[1],f,info.step,note",
        '0,0,0,1,NaN,Inf,-Inf,"a,b"',
        '1,0,0.5,2,3,1.5,0.25,"say ""hi"""',
        "",
      ].join("\n"),
    );
  });

  it("writes a number record as one value column and an array record as value[i]", () => {
    const numbers = iterate(0.5, { update: (x: number) => x * 2, maxIterations: 2, clock: () => 0 });
    expect(traceToCSV(numbers.trace)).toBe("iteration,epoch,elapsed_ms,value\n0,0,0,0.5\n1,0,0,1\n2,0,0,2\n");
    const arrays: Trace<number[]> = {
      stride: 1,
      thinned: false,
      entries: [{ iteration: 0, epoch: 0, elapsedMs: 0, record: [4, 5] }],
    };
    expect(traceToCSV(arrays)).toBe("iteration,epoch,elapsed_ms,value[0],value[1]\n0,0,0,4,5\n");
  });

  it("uses the separator it is given", () => {
    const numbers = iterate(1, { update: increment, maxIterations: 1, clock: () => 0 });
    expect(traceToCSV(numbers.trace, { separator: ";" })).toBe("iteration;epoch;elapsed_ms;value\n0;0;0;1\n1;0;0;2\n");
  });

  it("writes only the header for an empty trace", () => {
    expect(traceToCSV({ entries: [], stride: 0, thinned: false })).toBe("iteration,epoch,elapsed_ms\n");
  });
});

describe("traceToJSON", () => {
  it("writes typed arrays as arrays and non-finite numbers as null", () => {
    const trace: Trace<unknown> = {
      stride: 2,
      thinned: true,
      entries: [{ iteration: 0, epoch: 0, elapsedMs: 0, record: { x: new Float64Array([1, NaN]), f: Infinity } }],
    };
    expect(JSON.parse(traceToJSON(trace))).toEqual({
      stride: 2,
      thinned: true,
      entries: [{ iteration: 0, epoch: 0, elapsedMs: 0, record: { x: [1, null], f: null } }],
    });
  });

  it("writes one line by default and indents when asked", () => {
    const result = iterate(1, { update: increment, maxIterations: 1, clock: () => 0 });
    expect(traceToJSON(result.trace)).toBe(
      '{"entries":[{"iteration":0,"epoch":0,"elapsedMs":0,"record":1},{"iteration":1,"epoch":0,"elapsedMs":0,"record":2}],"stride":1,"thinned":false}',
    );
    expect(traceToJSON(result.trace, 2).split("\n").length).toBeGreaterThan(1);
  });
});
