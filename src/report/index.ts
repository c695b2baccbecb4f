/**
 * iterlab/report: charts and HTML reports of a comparison. The chart libraries (vega, vega-lite, resvg) load
 * on first use of a function that renders, so importing this module stays cheap; importing `iterlab` loads
 * none of it.
 *
 * @module iterlab/report
 */

export { comparisonChartSpec } from "./chart-spec.js";
export { rasteriseSvg, renderChartPng, renderChartSvg } from "./render-chart.js";
export { asciiChart } from "./ascii-chart.js";
export { htmlReport, writeHtmlReport } from "./html-report.js";
export { toJsonable } from "./jsonable.js";
export type {
  AsciiChartOptions,
  ChartSpec,
  ChartSpecOptions,
  PngOptions,
  ReportInput,
  ReportSection,
  TheoryLine,
} from "./types.js";
