import { compare, compareAsync, distanceTo, errorMeasure, formatComparison } from "../../src/index.js";
import {
  asciiChart,
  comparisonChartSpec,
  htmlReport,
  rasteriseSvg,
  renderChartPng,
  writeHtmlReport,
} from "../../src/report/index.js";
import { newton } from "../../solvers/newton/index.js";
import { cubic, rootFinders, wallis } from "../report/fixtures.js";
import type { StrictEntry } from "./strict-options-engine-table.js";

const compareNames = ["problem", "methods", "error", "tolerances", "seeds", "maxIterations", "floor", "warmup", "cost"];
const base = { problem: cubic, methods: [{ label: "Newton", solver: newton() }], error: distanceTo(wallis), warmup: 0 };
const comparison = rootFinders();
const section = { heading: "h", problem: {}, options: {}, comparison };
const sectionNames = ["heading", "description", "problem", "options", "comparison", "theory"];
// Never written: the option names are checked before the file is opened.
const nowhere = "/nonexistent/iterlab-strict-options.html";

/** compare(), its nested objects, the table, the charts and the report. */
export const compareTable: readonly StrictEntry[] = [
  { export: "compare", names: compareNames, call: (extra) => compare({ ...base, ...extra } as never) },
  { export: "compareAsync", names: compareNames, call: (extra) => compareAsync({ ...base, ...extra } as never) },
  {
    export: "compare",
    part: "methods[0]",
    prefix: "methods[0].",
    names: ["label", "solver", "options", "settings"],
    call: (extra) => compare({ ...base, methods: [{ label: "Newton", solver: newton(), ...extra }] } as never),
  },
  {
    export: "compare",
    part: "error",
    prefix: "error.",
    names: ["name", "measure", "floor", "tolerances"],
    call: (extra) => compare({ ...base, error: { ...distanceTo(wallis), ...extra } } as never),
  },
  {
    export: "compare",
    part: "cost",
    prefix: "cost.",
    names: ["name", "measure"],
    call: (extra) => compare({ ...base, cost: { name: "f evaluations", measure: () => 1, ...extra } } as never),
  },
  {
    export: "errorMeasure",
    names: ["floor", "tolerances"],
    call: (extra) => errorMeasure("e", () => 0, extra as never),
  },
  { export: "formatComparison", names: ["width"], call: (extra) => formatComparison(comparison, extra as never) },
  {
    export: "asciiChart",
    names: ["width", "height", "colors"],
    call: (extra) => asciiChart(comparison, extra as never),
  },
  {
    export: "comparisonChartSpec",
    names: ["x", "title", "xScale", "width", "height", "theory"],
    call: (extra) => comparisonChartSpec(comparison, { x: "iteration", ...extra } as never),
  },
  {
    export: "renderChartPng",
    names: ["scale"],
    call: (extra) => renderChartPng(comparisonChartSpec(comparison, { x: "iteration" }), extra as never),
  },
  {
    export: "rasteriseSvg",
    names: ["scale"],
    call: (extra) => rasteriseSvg('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', extra as never),
  },
  {
    export: "htmlReport",
    prefix: "report.",
    names: ["title", "generatedBy", "date", "sections"],
    call: (extra) => htmlReport({ title: "t", sections: [], ...extra } as never),
  },
  {
    export: "writeHtmlReport",
    part: "sections[0]",
    prefix: "report.sections[0].",
    names: sectionNames,
    call: (extra) => writeHtmlReport(nowhere, { title: "t", sections: [{ ...section, ...extra }] } as never),
  },
];
