import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { comparisonChartSpec, renderChartPng, renderChartSvg, writeHtmlReport } from "../../index.js";
import type { PlannedComparison } from "./comparison-plan.js";
import { UsageError } from "./usage-error.js";

/** What {@link writeComparisonReport} writes. */
export interface ReportFiles {
  /** The HTML report. */
  readonly html: string;
  /** The chart files, SVG and PNG. */
  readonly charts: readonly string[];
}

/** Options of {@link writeComparisonReport}. */
export interface WriteReportOptions {
  /** The report's title. */
  readonly title: string;
  /** The command line that made it. */
  readonly generatedBy: string;
  /** The axes to draw charts for. */
  readonly axes: readonly ("iteration" | "time")[];
  /** Also write SVG files (the HTML embeds its own charts either way). */
  readonly svg: boolean;
}

/**
 * Writes comparisons to a folder: `index.html` (tables, plots, problems and options) and, per comparison
 * and axis, a PNG chart (and an SVG one when asked).
 *
 * @param directory - The folder, created when missing.
 * @param comparisons - The comparisons, one report section each.
 * @param options - Title, command line, axes, SVG files.
 * @returns The paths written.
 * @throws UsageError when the folder cannot be written.
 */
export async function writeComparisonReport(
  directory: string,
  comparisons: readonly PlannedComparison[],
  options: WriteReportOptions,
): Promise<ReportFiles> {
  const charts: string[] = [];
  try {
    await mkdir(directory, { recursive: true });
    for (const { heading, fileStem, comparison, section } of comparisons) {
      for (const axis of options.axes) {
        const title = `${heading}: ${comparison.errorName} by ${axis === "time" ? "time (ms)" : "iteration"}`;
        const theory = axis === "iteration" && section.theory !== undefined ? { theory: section.theory } : {};
        const spec = comparisonChartSpec(comparison, { x: axis, title, ...theory });
        const base = join(directory, `${fileStem}-${axis}`);
        if (options.svg) {
          await writeFile(`${base}.svg`, await renderChartSvg(spec));
          charts.push(`${base}.svg`);
        }
        await writeFile(`${base}.png`, await renderChartPng(spec, { scale: 2 }));
        charts.push(`${base}.png`);
      }
    }
    const html = join(directory, "index.html");
    await writeHtmlReport(html, {
      title: options.title,
      generatedBy: options.generatedBy,
      sections: comparisons.map((planned) => planned.section),
    });
    return { html, charts };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== undefined && /^E[A-Z]+$/.test(code))
      throw new UsageError(`cannot write the report to '${directory}': ${code}`);
    throw error;
  }
}
