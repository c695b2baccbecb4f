import type { Command } from "commander";
import { formatComparison, installCommand, isOptionalPartInstalled } from "../../index.js";
import { asciiChart } from "../../report/index.js";
import { backendNames } from "./backend-names.js";
import type { CliIo } from "./cli-io.js";
import type { PlannedComparison } from "./comparison-plan.js";
import { exitCodes } from "./exit-codes.js";
import { fitText } from "./fit-table.js";
import { defaultTableWidth } from "./table.js";
import { formatTour, runTour } from "./tour.js";
import { tourComparisons } from "./tour-comparisons.js";
import { tourEntries } from "./tour-entries.js";
import type { TourSettings } from "./tour-entries.js";
import { clusteringTourEntries } from "./tour-clustering.js";
import { gaussSeidelTourEntries } from "./tour-gauss-seidel.js";
import { mdpTourEntries } from "./tour-mdp.js";
import { newtonTourEntries } from "./tour-newton.js";
import { neuralTourComparison, neuralTourEntries } from "./tour-neural.js";
import { UsageError } from "./usage-error.js";
import { usageErrors } from "./usage-errors.js";
import { writeComparisonReport } from "./write-report.js";

/** The flags of `iterlab tour`. */
interface TourFlags {
  readonly json?: boolean;
  readonly backend: string;
  readonly out: string;
  readonly report?: boolean;
  readonly wide?: boolean;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;

/**
 * Configures `iterlab tour`: every solver on a built-in problem with a known answer, in one table; then
 * one comparison per family (tables and ASCII charts), written to an HTML report with PNG charts.
 *
 * @param command - The command, made by the program.
 * @param io - Where to write.
 * @param setExitCode - Receives the exit code: 0 when every summary run converged, else 1.
 * @returns The command.
 */
export function configureTourCommand(command: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return command
    .description(
      "run every solver on a built-in problem with a known answer, compare each family, and write an HTML report",
    )
    .option("--json", "print the summary rows as JSON (no comparisons, no report)")
    .option("--out <dir>", "the folder for the HTML report and its PNG charts", "iterlab-report")
    .option("--no-report", "write no files")
    .option("--wide", "print tables and stop reasons in full, however wide (default: fit 100 columns)")
    .option(
      "--backend <name>",
      `TensorFlow.js backend for the neural runs: auto, or one of ${backendNames.join(", ")}`,
      "auto",
    )
    .action(
      usageErrors(command, async (options: TourFlags) => {
        if (options.backend !== "auto" && !(backendNames as readonly string[]).includes(options.backend)) {
          throw new UsageError(
            `unknown backend '${options.backend}'; choose auto or one of ${backendNames.join(", ")}`,
          );
        }
        const settings: TourSettings = { backend: options.backend as TourSettings["backend"] };
        // Parts that are optional peer dependencies and not installed are left out, with the line that adds them.
        const withNeural = isOptionalPartInstalled("neural");
        const withCharts = isOptionalPartInstalled("charts");
        const started = performance.now();
        const rows = await runTour(
          [
            ...tourEntries,
            ...newtonTourEntries,
            ...gaussSeidelTourEntries,
            ...clusteringTourEntries,
            ...mdpTourEntries,
            ...(withNeural ? neuralTourEntries : []),
          ],
          settings,
        );
        if (options.json === true) {
          io.stdout(
            `${JSON.stringify(
              rows.map(({ reason: _reason, ...row }) => row),
              null,
              2,
            )}\n`,
          );
          setExitCode(rows.every((row) => row.converged) ? exitCodes.ok : exitCodes.notConverged);
          return;
        }
        io.stdout("iterlab tour: every solver on a problem whose answer is known\n\n");
        const fit = (text: string) => (options.wide === true ? text : fitText(text, defaultTableWidth));
        io.stdout(`${formatTour(rows, { wide: options.wide === true })}\n\n`);
        const converged = rows.filter((row) => row.converged).length;
        io.stdout(`${converged} of ${rows.length} runs converged (${seconds(started)})\n\n`);
        const comparisons: PlannedComparison[] = [];
        // The install lines are printed whole, never wrapped, so that they can be copied.
        if (!withNeural) {
          io.stdout(
            `neural training left out: TensorFlow.js is not installed; to add it:\n  ${installCommand("neural")}\n\n`,
          );
        }
        for (const entry of tourComparisons.filter((entry) => withNeural || entry !== neuralTourComparison)) {
          const planned = await entry.run(settings);
          io.stdout(`${fit(`== ${entry.family}: ${planned.heading}\n${planned.description ?? ""}`)}\n\n`);
          io.stdout(`${fit(formatComparison(planned.comparison))}\n\n${fit(asciiChart(planned.comparison))}\n\n`);
          comparisons.push(planned);
        }
        io.stdout(`solving and comparing took ${seconds(started)}\n`);
        if (options.report !== false && !withCharts) {
          io.stdout(`no report: chart rendering is not installed; to add it:\n  ${installCommand("charts")}\n`);
        } else if (options.report !== false) {
          const writing = performance.now();
          const files = await writeComparisonReport(options.out, comparisons, {
            title: "iterlab tour: convergence compared",
            generatedBy: "iterlab tour",
            axes: ["iteration"],
            svg: false,
          });
          io.stdout(`report: ${files.html} with ${files.charts.length} PNG charts (written in ${seconds(writing)})\n`);
        }
        io.stdout(`tour took ${seconds(started)}\n`);
        io.stdout("step through every method in the browser: iterlab lab\n");
        setExitCode(converged === rows.length ? exitCodes.ok : exitCodes.notConverged);
      }),
    );
}
