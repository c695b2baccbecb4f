import { describe, expect, it } from "vitest";
import {
  below,
  InvalidOptionError,
  iterate,
  jsonLinesLogger,
  lineLogger,
  progressBar,
  silentLogger,
  StepError,
} from "../../src/index.js";
import type { LineLoggerOptions, LogOutput } from "../../src/index.js";
import { outcome, thrownBy } from "./support.js";

/** An output that keeps what is written. */
function memoryOutput(extra: { isTTY?: boolean; columns?: number } = {}): LogOutput & { readonly text: () => string } {
  const chunks: string[] = [];
  return {
    ...extra,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
  };
}

const halving = { update: (x: number) => x / 2, clock: () => 0 };

describe("lineLogger", () => {
  it("prints one line per iteration and a summary when the run stops", () => {
    const output = memoryOutput();
    iterate(1, {
      ...halving,
      maxIterations: 10,
      converged: below((x: number) => x, 0.2, { name: "x" }),
      hooks: lineLogger({ output, fields: (x: number) => ({ half: x / 2, tag: "a" }) }),
    });
    expect(output.text()).toMatchInlineSnapshot(`
      "iter      0  x = 1  half = 0.5  tag = a  (0.0 ms)
      iter      1  x = 0.5  half = 0.25  tag = a  (0.0 ms)
      iter      2  x = 0.25  half = 0.125  tag = a  (0.0 ms)
      iter      3  x = 0.125  half = 0.0625  tag = a  (0.0 ms)
      stop at 3: converged: x = 0.125 <= 0.2 (met) (0.0 ms)
      "
    `);
  });

  it("prints every n-th iteration, the epoch when there are epochs, and where the tests stood at the end", () => {
    const output = memoryOutput();
    iterate(1, {
      ...halving,
      maxIterations: 5,
      epochLength: 2,
      converged: below((x: number) => x, 1e-3, { name: "x" }),
      hooks: lineLogger({ output, every: 2 }),
    });
    expect(output.text()).toMatchInlineSnapshot(`
      "iter      0 (epoch 0)  x = 1  (0.0 ms)
      iter      2 (epoch 1)  x = 0.25  (0.0 ms)
      iter      4 (epoch 2)  x = 0.0625  (0.0 ms)
      stop at 5: reached maxIterations = 5 (0.0 ms)
        x = 0.03125 > 0.001 (not met)
      "
    `);
  });

  it("prints the error when the run fails", () => {
    const output = memoryOutput();
    const error = thrownBy(() =>
      iterate(1, {
        update: () => {
          throw new Error("boom");
        },
        maxIterations: 5,
        clock: () => 0,
        hooks: lineLogger({ output }),
      }),
    );
    expect(error).toBeInstanceOf(StepError);
    expect(output.text()).toMatchInlineSnapshot(`
      "iter      0    (0.0 ms)
      stop at 0: error: update failed at iteration 0: boom
      "
    `);
  });

  it("rejects invalid options", () => {
    expect(() => lineLogger({ every: 0 })).toThrow(InvalidOptionError);
    expect(() => lineLogger({ every: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: every must be an integer >= 1, got 0]`,
    );
    expect(() => lineLogger({ fields: {} } as unknown as LineLoggerOptions<number>)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: fields must be a function, got an object (Object)]`,
    );
  });
});

describe("jsonLinesLogger", () => {
  it("writes start, iteration and stop events, one JSON object per line", () => {
    const output = memoryOutput();
    iterate(new Float64Array([1, 2]), {
      update: (x) => x.map((v) => v / 2),
      maxIterations: 3,
      clock: () => 0,
      converged: below((x: Float64Array) => ((x[0] as number) > 0.6 ? NaN : (x[0] as number)), 0.1, { name: "x0" }),
      hooks: jsonLinesLogger({ output, fields: (x: Float64Array) => ({ x }) }),
    });
    const lines = output.text().trimEnd().split("\n");
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event["event"])).toEqual([
      "start",
      "iteration",
      "iteration",
      "iteration",
      "iteration",
      "stop",
    ]);
    expect(events[0]).toEqual({ event: "start", iteration: 0, maxIterations: 3, epochLength: null, resumed: false });
    expect(events[1]).toEqual({
      event: "iteration",
      iteration: 0,
      epoch: 0,
      elapsedMs: 0,
      criteria: [{ label: "x0", value: null, tolerance: 0.1, met: false }],
      fields: { x: [1, 2] },
    });
    expect(events[5]).toEqual({
      event: "stop",
      iteration: 3,
      elapsedMs: 0,
      stopReason: { kind: "maxIterations", maxIterations: 3 },
      error: null,
      criteria: [{ label: "x0", value: 0.125, tolerance: 0.1, met: false }],
    });
  });

  it("writes every n-th iteration, epoch ends, and the final iteration when a test decides it", () => {
    const output = memoryOutput();
    iterate(1, {
      ...halving,
      maxIterations: 20,
      epochLength: 4,
      converged: below((x: number) => x, 0.01),
      hooks: jsonLinesLogger({ output, every: 3 }),
    });
    const events = output
      .text()
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { event: string; iteration: number });
    expect(events.map((event) => `${event.event} ${event.iteration}`)).toEqual([
      "start 0",
      "iteration 0",
      "iteration 3",
      "epochEnd 4",
      "iteration 6",
      "iteration 7",
      "stop 7",
    ]);
  });

  it("rejects an invalid period", () => {
    expect(() => jsonLinesLogger({ every: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: every must be an integer >= 1, got -1]`,
    );
  });
});

describe("progressBar", () => {
  it("draws on a terminal and prints the stop reason at the end", () => {
    const output = memoryOutput({ isTTY: true, columns: 80 });
    iterate(1, {
      ...halving,
      maxIterations: 50,
      converged: below((x: number) => x, 0),
      hooks: progressBar({ output, intervalMs: 0 }),
    });
    const text = output.text();
    expect(text).toContain("0/50 iterations");
    expect(text).toContain("50/50 iterations");
    expect(text).toContain("100%");
    expect(text.endsWith("reached maxIterations = 50\n")).toBe(true);
  });

  it("draws nothing when the output is not a terminal", () => {
    const output = memoryOutput({ isTTY: false });
    iterate(1, { ...halving, maxIterations: 50, hooks: progressBar({ output }) });
    expect(output.text()).toBe("");
  });

  it("draws on any output with force", () => {
    const output = memoryOutput();
    iterate(1, { ...halving, maxIterations: 5, hooks: progressBar({ output, force: true }) });
    expect(output.text()).toContain("5/5 iterations");
    expect(output.text().endsWith("reached maxIterations = 5\n")).toBe(true);
  });

  it("says the run was stopped by an error", () => {
    const output = memoryOutput({ isTTY: true, columns: 80 });
    expect(() =>
      iterate(1, {
        update: () => {
          throw new Error("boom");
        },
        maxIterations: 5,
        hooks: progressBar({ output }),
      }),
    ).toThrow(StepError);
    expect(output.text().endsWith("stopped by an error\n")).toBe(true);
  });

  it("rejects invalid options", () => {
    expect(() => progressBar({ intervalMs: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: intervalMs must be a finite number >= 0, got -1]`,
    );
    expect(() => progressBar({ force: "yes" } as unknown as { force: boolean })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: force must be a boolean, got "yes"]`,
    );
  });
});

describe("silentLogger", () => {
  it("logs nothing and leaves the run unchanged", () => {
    const hooks = silentLogger<number>();
    expect(hooks).toEqual({});
    const options = { ...halving, maxIterations: 5 };
    expect(outcome(iterate(1, { ...options, hooks }))).toEqual(outcome(iterate(1, options)));
  });
});
