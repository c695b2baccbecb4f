import type { Comparison } from "../compare/comparison.js";

/**
 * A vega-lite specification as plain data (vega-lite's `TopLevelSpec`), as {@link comparisonChartSpec} makes
 * and {@link renderChartSvg} takes. Typed loosely so that iterlab's types need no vega-lite install; cast one
 * to `TopLevelSpec` from `vega-lite` to edit it with vega-lite's types.
 */
export interface ChartSpec {
  /** The vega-lite schema's URL. */
  readonly $schema?: string | undefined;
  /** The rest of the specification: data, mark, encoding, layers and so on. */
  readonly [key: string]: unknown;
}

/** Options of {@link comparisonChartSpec}. */
export interface ChartSpecOptions {
  /**
   * The horizontal axis: the iteration, milliseconds since the run started, or the comparison's cost
   * (evaluations, products: compare's `cost` option).
   */
  readonly x: "iteration" | "time" | "cost";
  /**
   * The chart's title.
   * @defaultValue none
   */
  readonly title?: string | undefined;
  /**
   * The horizontal scale: `symlog` (linear near 0, logarithmic beyond) shows a method that takes 20
   * iterations next to one that takes 20,000; `auto` picks it when the runs' lengths span more than two
   * decades, and `linear` otherwise.
   * @defaultValue `"auto"`
   */
  readonly xScale?: "auto" | "linear" | "symlog" | undefined;
  /**
   * Theory lines drawn dashed on the iteration axis (ignored on the others), e.g.
   * `[{ label: "rho_J^k", rate: 0.981 }, { label: "rho_J^(2k)", rate: 0.981 ** 2 }]`.
   * @defaultValue none
   */
  readonly theory?: readonly TheoryLine[] | undefined;
  /**
   * The plot area's width in pixels, an integer >= 50.
   * @defaultValue `480`
   */
  readonly width?: number | undefined;
  /**
   * The plot area's height in pixels, an integer >= 50.
   * @defaultValue `300`
   */
  readonly height?: number | undefined;
}

/** A line `e_k = start * rate^k` that theory predicts, drawn dashed beside the measured errors. */
export interface TheoryLine {
  /** The legend's label, e.g. `rho_J^k = 0.981^k`. */
  readonly label: string;
  /** The factor per iteration, a number in (0, 1). */
  readonly rate: number;
  /**
   * The error at iteration 0, a number > 0.
   * @defaultValue the largest initial error of the comparison's runs
   */
  readonly start?: number | undefined;
}

/** Options of {@link renderChartPng}. */
export interface PngOptions {
  /**
   * Pixels per SVG unit: 2 for a sharp image on high-density screens, a number in (0, 10].
   * @defaultValue `1`
   */
  readonly scale?: number | undefined;
}

/** Options of {@link asciiChart}. */
export interface AsciiChartOptions {
  /**
   * Columns of the plot (one per sampled iteration), an integer >= 10.
   * @defaultValue `60`
   */
  readonly width?: number | undefined;
  /**
   * Rows of the plot, an integer >= 4.
   * @defaultValue `12`
   */
  readonly height?: number | undefined;
  /**
   * Colour each method's line with ANSI escapes (for terminals).
   * @defaultValue `false`
   */
  readonly colors?: boolean | undefined;
}

/** One section of an HTML report: one comparison with what it takes to reproduce it. */
export interface ReportSection {
  /** The section's heading, e.g. `Newton vs secant on x^3 - 2x - 5`. */
  readonly heading: string;
  /**
   * A paragraph under the heading.
   * @defaultValue none
   */
  readonly description?: string | undefined;
  /** The problem, as JSON-able data (functions and typed arrays are written in words and as arrays). */
  readonly problem: unknown;
  /** Every option used (see `describeCompareOptions`), as JSON-able data. */
  readonly options: unknown;
  /** The comparison to show. */
  readonly comparison: Comparison;
  /**
   * Theory lines for the plot against the iteration (see {@link ChartSpecOptions.theory}).
   * @defaultValue none
   */
  readonly theory?: readonly TheoryLine[] | undefined;
}

/** What {@link htmlReport} writes up. */
export interface ReportInput {
  /** The report's title. */
  readonly title: string;
  /**
   * How the report was made, e.g. the command line `iterlab tour`.
   * @defaultValue none
   */
  readonly generatedBy?: string | undefined;
  /**
   * The date printed in the report.
   * @defaultValue now
   */
  readonly date?: Date | undefined;
  /** The sections, in order. */
  readonly sections: readonly ReportSection[];
}
