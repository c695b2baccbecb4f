import { writeFile } from "node:fs/promises";
import type { Comparison, ComparisonRow } from "../compare/types.js";
import { comparisonNotes } from "../compare/comparison-notes.js";
import { formatCount, formatTolerance, reachedCell } from "../compare/format-comparison.js";
import { InvalidOptionError } from "../engine/errors.js";
import { anyValue, rejectUnknownOptions } from "../engine/validate.js";
import { formatNumber } from "../engine/format-number.js";
import { comparisonChartSpec } from "./chart-spec.js";
import { toJsonable } from "./jsonable.js";
import { packageVersion } from "./package-version.js";
import { renderChartSvg } from "./render-chart.js";
import type { ReportInput, ReportSection } from "./types.js";

/**
 * Writes a comparison report as one self-contained HTML page: per section the table, the error plotted
 * against the iteration and against the time (inline SVG), the problem and every option used, with
 * iterlab's version and the date, so that a run can be shared and reproduced.
 *
 * @remarks The page has no scripts and loads nothing: styles are inline and the plots are SVG elements
 * (ids made unique per plot). Every text from the input is HTML-escaped. Problems and options are shown as
 * JSON through {@link toJsonable} (functions by name, long arrays shortened).
 * @param report - The title, what generated it, and the sections.
 * @returns The HTML document.
 * @throws {@link InvalidOptionError} for an unknown name in the report or a section (with the closest valid
 *   one), when `title` is not a string or `sections` is not an array.
 * @example
 * ```ts
 * const html = await htmlReport({ title: "Root finders", sections: [{ heading: "x^3 - 2x - 5", problem, options, comparison }] });
 * ```
 */
export async function htmlReport(report: ReportInput): Promise<string> {
  if (report === null || typeof report !== "object")
    throw new InvalidOptionError("report", "an object { title, sections }", report);
  rejectUnknownOptions(report, reportNames, "htmlReport", "report.");
  if (typeof report.title !== "string") throw new InvalidOptionError("report.title", "a string", report.title);
  if (!Array.isArray(report.sections))
    throw new InvalidOptionError("report.sections", "an array of sections", report.sections);
  const date = report.date ?? new Date();
  const sections: string[] = [];
  for (const [index, section] of report.sections.entries()) sections.push(await sectionHtml(section, index));
  const meta = [`iterlab ${escapeHtml(packageVersion())}`, `generated ${escapeHtml(date.toISOString())}`];
  if (report.generatedBy !== undefined) meta.push(`by <code>${escapeHtml(report.generatedBy)}</code>`);
  const contents = report.sections
    .map((section, index) => `<li><a href="#section-${index + 1}">${escapeHtml(section.heading)}</a></li>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>
<p class="meta">${meta.join(" &middot; ")}</p>
${report.sections.length > 1 ? `<nav><ol>\n${contents}\n</ol></nav>` : ""}
</header>
<main>
${sections.join("\n")}
</main>
<footer><p>Rate rho: the factor the error shrinks by per iteration, fitted on the last iterations (smaller is faster).
Order q: 1 for linear convergence, about 1.6 for the secant method, 2 for Newton's method.
Both are shown only where their fit is trusted; a dash has its reason in the notes under the table.</p></footer>
</body>
</html>
`;
}

/**
 * Writes {@link htmlReport}'s page to a file.
 *
 * @param path - The file to write (created or replaced).
 * @param report - The title, what generated it, and the sections.
 * @returns A Promise that resolves once the file is written.
 * @throws As {@link htmlReport}; the file system's error when the file cannot be written.
 */
export async function writeHtmlReport(path: string, report: ReportInput): Promise<void> {
  await writeFile(path, await htmlReport(report), "utf8");
}

const reportNames = { title: anyValue, generatedBy: anyValue, date: anyValue, sections: anyValue };
const sectionNames = {
  ...{ heading: anyValue, description: anyValue, problem: anyValue },
  ...{ options: anyValue, comparison: anyValue, theory: anyValue },
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

async function sectionHtml(section: ReportSection, index: number): Promise<string> {
  if (section === null || typeof section !== "object" || typeof section.heading !== "string") {
    throw new InvalidOptionError(
      `report.sections[${index}]`,
      "an object { heading, problem, options, comparison }",
      section,
    );
  }
  rejectUnknownOptions(section, sectionNames, "a report section", `report.sections[${index}].`);
  const { comparison } = section;
  const id = `section-${index + 1}`;
  const plots: string[] = [];
  const axes: readonly ("iteration" | "time" | "cost")[] =
    comparison.costName === undefined ? ["iteration", "time"] : ["iteration", "time", "cost"];
  for (const x of axes) {
    const theory = x === "iteration" ? section.theory : undefined;
    const lines = theory === undefined ? {} : { theory };
    const svg = await renderChartSvg(comparisonChartSpec(comparison, { x, width: 360, height: 240, ...lines }));
    const against =
      x === "iteration" ? "the iteration" : x === "time" ? "the time (ms)" : `the ${comparison.costName ?? "cost"}`;
    const caption = `${comparison.errorName} against ${against}`;
    const plot = uniqueIds(svg, `s${index + 1}${x[0] as string}-`);
    plots.push(`<figure class="plot plot-${x}">${plot}<figcaption>${escapeHtml(caption)}</figcaption></figure>`);
  }
  return `<section id="${id}">
<h2>${escapeHtml(section.heading)}</h2>
${section.description === undefined ? "" : `<p>${escapeHtml(section.description)}</p>`}
${tableHtml(comparison)}
<div class="plots">
${plots.join("\n")}
</div>
<details open><summary>Problem</summary><pre>${escapeHtml(json(section.problem))}</pre></details>
<details><summary>Options</summary><pre>${escapeHtml(json(section.options))}</pre></details>
${comparison.seeds.length > 1 ? runsHtml(comparison) : ""}
</section>`;
}

function tableHtml(comparison: Comparison): string {
  const smallest = Math.min(...comparison.tolerances);
  const smallestIndex = comparison.tolerances.indexOf(smallest);
  const head = [
    "method",
    "solver",
    ...comparison.tolerances.map((tolerance) => `iterations to ${formatTolerance(tolerance)}`),
    `ms to ${formatTolerance(smallest)}`,
    "iterations",
    "final error",
    "rate &rho;",
    "order q",
    "ms / iteration",
    "stop",
  ];
  const rows = comparison.rows.map((row) => {
    const cells = [
      `<th scope="row">${escapeHtml(row.label)}</th>`,
      `<td class="text">${escapeHtml(row.solver)}</td>`,
      ...row.iterationsTo.map((value, t) => textCell(reachedCell(value, row.reachedBy[t] ?? 0, row.seeds))),
      numberCell(row.timeToMs[smallestIndex], formatNumber),
      numberCell(row.iterations, (value) => spreadText(row, "iterations", value)),
      numberCell(row.finalError, (value) => spreadText(row, "finalError", value)),
      numberCell(row.rate, formatNumber),
      numberCell(row.order, (value) => value.toFixed(3)),
      numberCell(row.timePerIterationMs, formatNumber),
      `<td class="text stop ${row.converged ? "converged" : "not-converged"}">${escapeHtml(row.stopReason.text)}</td>`,
    ];
    return `<tr>${cells.join("")}</tr>`;
  });
  const notes = comparisonNotes(comparison).map((note) => `<li>${escapeHtml(note)}</li>`);
  return `<div class="table"><table>
<caption>error: ${escapeHtml(comparison.errorName)}</caption>
<thead><tr>${head.map((cell) => `<th scope="col">${cell}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<ul class="notes">
${notes.join("\n")}
</ul></div>`;
}

function runsHtml(comparison: Comparison): string {
  const rows = comparison.rows.flatMap((row) =>
    row.runs.map((run) => {
      const cells = [String(run.seed), String(run.iterations), formatNumber(run.finalError)].map(
        (cell) => `<td>${escapeHtml(cell)}</td>`,
      );
      return `<tr><th scope="row">${escapeHtml(row.label)}</th>${cells.join("")}<td class="text">${escapeHtml(run.stopReason.text)}</td></tr>`;
    }),
  );
  const head = ["method", "seed", "iterations", "final error", "stop"]
    .map((cell) => `<th scope="col">${cell}</th>`)
    .join("");
  return `<details><summary>Runs per seed</summary><table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table></details>`;
}

function textCell(text: string): string {
  return `<td>${escapeHtml(text)}</td>`;
}

function numberCell(value: number | undefined, format: (value: number) => string): string {
  return `<td>${value === undefined ? "&ndash;" : escapeHtml(format(value))}</td>`;
}

function spreadText(row: ComparisonRow, field: "iterations" | "finalError", value: number): string {
  const spread = row.spread?.[field];
  const format = field === "iterations" ? formatCount : formatNumber;
  return spread === undefined ? format(value) : `${format(spread.mean)} ± ${formatNumber(spread.sd)}`;
}

function json(value: unknown): string {
  return JSON.stringify(toJsonable(value), null, 2) ?? "null";
}

/** Prefixes the ids of an SVG (and the references to them), so that several SVGs can share one page. */
function uniqueIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
}

const styles = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; }
.meta { color: #666; margin-top: 0; }
section { border-top: 1px solid #ddd; padding-top: 1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; font-variant-numeric: tabular-nums; }
th[scope="row"], td.text { text-align: left; }
thead th { background: #f4f4f4; }
.table { overflow-x: auto; }
td.stop { font-size: 0.8rem; max-width: 16rem; }
ul.notes { font-size: 0.85rem; color: #555; margin-top: 0; }
.converged { color: #1a7f37; }
.not-converged { color: #b42318; }
.plots { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; }
figcaption { font-size: 0.85rem; color: #555; text-align: center; }
pre { background: #f7f7f7; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
summary { cursor: pointer; font-weight: bold; }
footer { margin-top: 2rem; color: #555; font-size: 0.9rem; }
`;
