import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  compare,
  compareAsync,
  distanceTo,
  errorMeasure,
  estimateOrder,
  estimateRateFit,
  formatComparison,
} from "../../src/index.js";
import {
  asciiChart,
  comparisonChartSpec,
  htmlReport,
  renderChartPng,
  writeHtmlReport,
} from "../../src/report/index.js";
import { newton } from "../../solvers/newton/index.js";
import { cubic, rootFinders, wallis } from "../report/fixtures.js";

const comparison = rootFinders();
const base = { problem: cubic, methods: [{ label: "Newton", solver: newton() }], error: distanceTo(wallis) };

/** Keys that none of these functions takes. */
const unknownKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter(
    (key) =>
      !/^(problem|methods|error|tolerances|seeds|maxIterations|floor|warmup|cost|width|height|colors|x|title|xScale|theory|scale|tail|iterations|__proto__|constructor)$/.test(
        key,
      ),
  );

describe("strict option names of compare and its reports", () => {
  it("rejects compare({ seed }) with a did-you-mean, also in a method and an error measure", async () => {
    expect(() => compare({ ...base, seed: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed is not an option of compare; did you mean seeds? (options: problem, methods, error, tolerances, seeds, maxIterations, floor, warmup, cost)]`,
    );
    await expect(compareAsync({ ...base, warmUp: 0 } as never)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: warmUp is not an option of compare; did you mean warmup? (options: problem, methods, error, tolerances, seeds, maxIterations, floor, warmup, cost)]`,
    );
    expect(() =>
      compare({ ...base, methods: [{ label: "Newton", solver: newton(), option: {} }] } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[0].option is not an option of a compare method; did you mean methods[0].options? (options: label, solver, options, settings)]`,
    );
    expect(() =>
      compare({ ...base, error: { ...distanceTo(wallis), tolerance: [1e-3] } } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error.tolerance is not an option of an error measure; did you mean error.tolerances? (options: name, measure, floor, tolerances)]`,
    );
    expect(() => errorMeasure("e", () => 0, { flor: 1e-9 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: flor is not an option of errorMeasure; did you mean floor? (options: floor, tolerances)]`,
    );
  });

  it("rejects misspelt options of the table, the charts and the report", async () => {
    expect(() => formatComparison(comparison, { widht: 80 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: widht is not an option of formatComparison; did you mean width? (options: width)]`,
    );
    expect(() => asciiChart(comparison, { colours: true } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: colours is not an option of asciiChart; did you mean colors? (options: width, height, colors)]`,
    );
    expect(() =>
      comparisonChartSpec(comparison, { x: "iteration", xscale: "symlog" } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: xscale is not an option of comparisonChartSpec; did you mean xScale? (options: x, title, xScale, width, height, theory)]`,
    );
    await expect(
      renderChartPng(comparisonChartSpec(comparison, { x: "time" }), { scal: 2 } as never),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: scal is not an option of renderChartPng; did you mean scale? (options: scale)]`,
    );
    await expect(htmlReport({ title: "t", section: [] } as never)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: report.section is not an option of htmlReport; did you mean report.sections? (options: title, generatedBy, date, sections)]`,
    );
    const section = { heading: "h", problem: {}, options: {}, comparison, theroy: [] };
    await expect(
      writeHtmlReport("/nonexistent/never-written.html", { title: "t", sections: [section] } as never),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: report.sections[0].theroy is not an option of a report section; did you mean report.sections[0].theory? (options: heading, description, problem, options, comparison, theory)]`,
    );
    expect(() => estimateRateFit([1, 0.5], { tale: 2 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tale is not an option of estimateRate; did you mean tail? (options: floor, tail, iterations)]`,
    );
  });

  it("rejects any unknown key, whatever its value (property)", () => {
    fc.assert(
      fc.property(unknownKey, fc.anything(), (key, value) => {
        const extra = { [key]: value };
        const rejected = (run: () => unknown) => expect(run).toThrow(InvalidOptionError);
        rejected(() => compare({ ...base, ...extra } as never));
        rejected(() => formatComparison(comparison, extra as never));
        rejected(() => asciiChart(comparison, extra as never));
        rejected(() => comparisonChartSpec(comparison, { x: "iteration", ...extra } as never));
        rejected(() => errorMeasure("e", () => 0, extra as never));
        rejected(() => estimateOrder([1, 0.5, 0.25], extra as never));
        rejected(() => estimateRateFit([1, 0.5, 0.25], extra as never));
      }),
      { numRuns: 100 },
    );
  });
});
