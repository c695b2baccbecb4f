import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidOptionError, formatCount } from "../../index.js";
import { convergenceCurves } from "./convergence-curves.js";
import { dataProfile } from "./data-profile.js";
import { checkResults, performanceProfile } from "./performance-profile.js";
import { problemTable } from "./problem-table.js";
import type { ProblemTableRow } from "./problem-table.js";
import type { StudyResults } from "./read-study.js";
import { curvesChartSpec, profileChartSpec } from "./study-charts.js";
import { totalEvaluations } from "./summary-support.js";
import {
  anyValue,
  formatNumber,
  isBoolean,
  numberBetween,
  optional,
  validateStrictOptions,
} from "../../engine/internals.js";
import { escapeHtml } from "../../report/html-report.js";
import { rasteriseSvg, renderChartSvg } from "../../report/index.js";
import type { OptionSchemaOf } from "../../engine/internals.js";

/** Options of {@link studyReport} and {@link writeStudyReport}. */
export interface StudyReportOptions {
  /**
   * The report's title.
   * @defaultValue the study's name
   */
  readonly title?: string | undefined;
  /**
   * How the report was made, e.g. `iterlab study report minimisers.sqlite`.
   * @defaultValue none
   */
  readonly generatedBy?: string | undefined;
  /**
   * The date printed in the report.
   * @defaultValue now
   */
  readonly date?: Date | undefined;
}

/** Options of {@link writeStudyReport}: those of {@link studyReport}, and the PNG images. */
export interface WriteStudyReportOptions extends StudyReportOptions {
  /**
   * Also write each chart as a PNG image beside its SVG file (rasterised with resvg, white background), for
   * documents and slides that take no SVG.
   * @defaultValue `true`
   */
  readonly png?: boolean | undefined;
  /**
   * Pixels per SVG unit of the PNG images, a number in (0, 10]: 2 for high-density screens.
   * @defaultValue `1`
   */
  readonly pngScale?: number | undefined;
}

/** A study report: the HTML page and each chart as its own SVG file. */
export interface StudyReport {
  /** The self-contained HTML page (inline SVG charts, no scripts). */
  readonly html: string;
  /** The charts, each with its file name. */
  readonly charts: readonly StudyChart[];
}

/** One chart of a {@link StudyReport}. */
export interface StudyChart {
  /** The file name, e.g. `performance-iterations.svg`. */
  readonly file: string;
  /** The SVG document. */
  readonly svg: string;
}

const rules = { title: anyValue, generatedBy: anyValue, date: anyValue } satisfies OptionSchemaOf<StudyReportOptions>;
const writeRules = {
  ...rules,
  png: optional(isBoolean),
  pngScale: optional(numberBetween(0, 10, "(]")),
} satisfies OptionSchemaOf<WriteStudyReportOptions>;

/**
 * A study's report: performance profiles (iterations, evaluations where counted, time), data profiles at the
 * study's tolerances, and per problem its table and convergence curves (median and interquartile band over
 * the seeds), rendered with vega-lite to SVG, in one self-contained HTML page.
 *
 * @param results - What {@link readStudy} returned.
 * @param options - Title, what generated it, date.
 * @returns The page and its charts.
 * @throws `InvalidOptionError` for unknown options or results that are not a study's.
 * @example
 * ```ts
 * const { html } = await studyReport(readStudy("minimisers.sqlite"));
 * ```
 */
export async function studyReport(results: StudyResults, options: StudyReportOptions = {}): Promise<StudyReport> {
  checkResults(results);
  validateStrictOptions(options, rules, "studyReport");
  const charts: { file: string; svg: string }[] = [];
  const figure = async (file: string, spec: Parameters<typeof renderChartSvg>[0], caption: string) => {
    const svg = await renderChartSvg(spec);
    charts.push({ file, svg });
    const inline = svg
      .replace(/\sid="([^"]+)"/g, ` id="c${charts.length}-$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#c${charts.length}-$1)`)
      .replace(/href="#([^"]+)"/g, `href="#c${charts.length}-$1"`);
    return `<figure>${inline}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  };
  const counted = results.runs.some((run) => totalEvaluations(run) !== undefined);
  const costs: ("iterations" | "evaluations" | "time")[] = counted
    ? ["iterations", "evaluations", "time"]
    : ["iterations", "time"];
  const profiles: string[] = [];
  for (const cost of costs) {
    const profile = performanceProfile(results, { cost });
    profiles.push(
      await figure(
        `performance-${cost}.svg`,
        profileChartSpec(profile),
        `Performance profile: ${cost} of converged runs`,
      ),
    );
  }
  const dataCost = counted ? "evaluations" : "iterations";
  const data: string[] = [];
  for (const tolerance of results.tolerances) {
    const profile = dataProfile(results, { tolerance, cost: dataCost });
    data.push(
      await figure(
        `data-${dataCost}-${tolerance}.svg`,
        profileChartSpec(profile),
        `Data profile: ${dataCost} to reduce the error to ${tolerance} x its initial value`,
      ),
    );
  }
  const curves = convergenceCurves(results);
  const rows = problemTable(results);
  const problems: string[] = [];
  for (const problem of [...new Set(results.runs.map((run) => run.problem))].sort()) {
    const own = curves.filter((curve) => curve.problem === problem);
    const chart =
      own.length === 0
        ? "<p>No error was measured on this problem.</p>"
        : await figure(
            `curves-${problems.length + 1}.svg`,
            curvesChartSpec(own, results.errorName),
            `${results.errorName} against the iteration: median and interquartile band over the seeds`,
          );
    problems.push(`<section><h3>${escapeHtml(problem)}</h3>
${tableHtml(rows.filter((row) => row.problem === problem))}
<div class="plots">${chart}</div></section>`);
  }
  const done = results.runs.filter((run) => run.status === "done").length;
  const converged = results.runs.filter((run) => run.stopKind === "converged").length;
  const meta = [`generated ${(options.date ?? new Date()).toISOString()}`];
  if (options.generatedBy !== undefined) meta.push(`by <code>${escapeHtml(options.generatedBy)}</code>`);
  const title = escapeHtml(options.title ?? results.name);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${styles}</style>
</head>
<body>
<header><h1>${title}</h1><p class="meta">${meta.join(" &middot; ")}</p>
<p>${results.runs.length} of ${results.planned} runs recorded: ${done} ended (${converged} converged), ${
    results.runs.length - done
  } failed. Error: ${escapeHtml(results.errorName)}.</p></header>
<main>
<section><h2>Performance profiles</h2>
<p>For each method, the fraction of instances (problem and seed) it solved within a factor tau of the best method on
that instance (Dolan and Mor&eacute;, 2002). At tau = 1: how often it was the best; to the right: how often it converged at all.</p>
<div class="plots">${profiles.join("\n")}</div></section>
<section><h2>Data profiles</h2>
<p>For each method, the fraction of instances whose error it reduced to the tolerance times the initial error within a
budget (Mor&eacute; and Wild, 2009).</p>
<div class="plots">${data.join("\n")}</div></section>
<section><h2>Problems</h2>
${problems.join("\n")}</section>
</main>
</body>
</html>
`;
  return { html, charts };
}

/**
 * Writes {@link studyReport}'s page as `index.html` in a directory, with each chart beside it as an SVG file
 * and, unless `png: false`, as a PNG image of the same name.
 *
 * @param directory - The directory (created if missing).
 * @param results - What {@link readStudy} returned.
 * @param options - Title, what generated it, date, the PNG images.
 * @returns The files written: `index.html`, then each chart's SVG, then each chart's PNG.
 * @throws As {@link studyReport}; `InvalidOptionError` for `png` not a boolean or `pngScale` not in (0, 10];
 *   the file system's error when a file cannot be written.
 * @example
 * ```ts
 * await writeStudyReport("minimisers-report", readStudy("minimisers.sqlite"), { pngScale: 2 });
 * ```
 */
export async function writeStudyReport(
  directory: string,
  results: StudyResults,
  options: WriteStudyReportOptions = {},
): Promise<string[]> {
  if (typeof directory !== "string" || directory.length === 0)
    throw new InvalidOptionError("directory", "a directory path", directory);
  validateStrictOptions(options, writeRules, "writeStudyReport");
  const { png = true, pngScale = 1, ...pageOptions } = options;
  const report = await studyReport(results, pageOptions);
  await mkdir(directory, { recursive: true });
  const page = join(directory, "index.html");
  const svgFiles = report.charts.map((chart) => join(directory, chart.file));
  await writeFile(page, report.html, "utf8");
  await Promise.all(report.charts.map((chart, i) => writeFile(svgFiles[i] as string, chart.svg, "utf8")));
  if (!png) return [page, ...svgFiles];
  const pngFiles: string[] = [];
  // One at a time: resvg holds a whole image in memory while it draws.
  for (const chart of report.charts) {
    const file = join(directory, chart.file.replace(/\.svg$/, ".png"));
    await writeFile(file, await rasteriseSvg(chart.svg, { scale: pngScale }));
    pngFiles.push(file);
  }
  return [page, ...svgFiles, ...pngFiles];
}

function tableHtml(rows: readonly ProblemTableRow[]): string {
  const head = ["method", "runs", "converged", "failed", "iterations", "evaluations", "final error", "ms", "stops"];
  const cell = (value: number | undefined, format: (value: number) => string) =>
    `<td>${value === undefined ? "&ndash;" : escapeHtml(format(value))}</td>`;
  const body = rows.map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${row.runs}</td><td>${row.converged}</td><td>${row.failed}</td>${cell(
        row.iterations,
        formatCount,
      )}${cell(row.evaluations, formatCount)}${cell(row.finalError, formatNumber)}${cell(
        row.timeMs,
        formatNumber,
      )}<td class="text">${escapeHtml(row.stops)}</td></tr>`,
  );
  return `<table><caption>medians over the seeds</caption><thead><tr>${head
    .map((title) => `<th scope="col">${title}</th>`)
    .join("")}</tr></thead><tbody>
${body.join("\n")}
</tbody></table>`;
}

const styles = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
.meta { color: #666; margin-top: 0; }
section { border-top: 1px solid #ddd; padding-top: 1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
caption { text-align: left; color: #555; padding-bottom: 0.3rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; font-variant-numeric: tabular-nums; }
th[scope="row"], td.text { text-align: left; }
thead th { background: #f4f4f4; }
.plots { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; }
figcaption { font-size: 0.85rem; color: #555; text-align: center; max-width: 520px; }
`;
