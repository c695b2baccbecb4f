import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { describeStopReason, traceToCSV } from "../../index.js";
import { coincidingComponentsNote } from "./coinciding-components.js";
import { delayedProgressBar } from "./delayed-progress-bar.js";
import type { SolveOptions } from "../../index.js";
import type { CliIo } from "./cli-io.js";
import { resolveProblem } from "./resolve-problem.js";
import { addProblemOptions, addSolverOptions, maxIterationsOf, solverFlags } from "./solver-options.js";
import type { ProblemAndSolverOptions } from "./solver-options.js";
import { findSolver } from "./registry-solvers.js";
import { iterationCount } from "./iteration-count.js";
import { exitCodes } from "./exit-codes.js";
import { formatSummary, summariseState } from "./summarise-state.js";
import { solveWithRestarts } from "./solve-with-restarts.js";
import { usageErrors } from "./usage-errors.js";
import { UsageError } from "./usage-error.js";
import { defaultTableWidth, wrapText } from "./table.js";

/** The flags of `iterlab run`. */
interface RunFlags extends ProblemAndSolverOptions {
  readonly json?: boolean;
  readonly trace?: string;
  readonly progress?: boolean;
}

/**
 * Configures the `run` command: one solver on one problem, with the result as text or JSON.
 *
 * @param command - The command, made by the program (so it inherits the output and error settings).
 * @param io - Where to write.
 * @param setExitCode - Receives the exit code (0 converged, 1 not converged).
 * @returns The command.
 */
export function configureRunCommand(command: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  command
    .description(
      "run one solver on a problem and print the result (exit code 0 converged, 1 not converged, 2 usage error)",
    )
    .argument("<solver>", "the solver (see 'iterlab solvers')");
  addProblemOptions(command);
  addSolverOptions(command);
  return command
    .option("--json", "print the result as JSON")
    .option("--trace <file>", "write the trace (every iteration's record) as CSV")
    .option(
      "--no-progress",
      "no progress bar (drawn on standard error when it is a terminal and the run lasts over 0.5 s)",
    )
    .action(
      usageErrors(command, (solverName: string, flags: RunFlags) => {
        const entry = findSolver(solverName);
        const problem = resolveProblem(entry, flags);
        const parsed = solverFlags(entry, flags, problem);
        const setup = entry.create(parsed, problem);
        const maxIterations = maxIterationsOf(flags, problem);
        const hooks =
          flags.json !== true && flags.progress !== false && io.progressOutput !== undefined
            ? delayedProgressBar<unknown>(io.progressOutput)
            : undefined;
        const options: SolveOptions<unknown, unknown> = {
          ...(maxIterations === undefined ? {} : { maxIterations }),
          ...(flags.seed === undefined ? {} : { seed: flags.seed }),
          ...(parsed.threads === undefined ? {} : { threads: parsed.threads }),
          ...(hooks === undefined ? {} : { hooks }),
          trace: flags.trace === undefined ? false : {},
        };
        const { result, seed, restarts } = solveWithRestarts(setup, options);
        if (flags.trace !== undefined) {
          try {
            writeFileSync(flags.trace, traceToCSV(result.trace));
          } catch (error) {
            throw new UsageError(
              `cannot write the trace to '${flags.trace}': ${(error as { code?: string }).code ?? String(error)}`,
            );
          }
        }
        const summary = summariseState(result.state, problem);
        if (flags.json === true) {
          const output = {
            solver: result.solver,
            problem: problem.name,
            converged: result.converged,
            stopReason: { kind: result.stopReason.kind, text: describeStopReason(result.stopReason) },
            iterations: result.iterations,
            elapsedMs: result.elapsedMs,
            kernelThreads: result.kernelThreads,
            ...(seed === undefined ? {} : { seed }),
            ...(restarts === undefined
              ? {}
              : {
                  starts: {
                    count: restarts.seeds.length,
                    best: restarts.bestIndex,
                    seeds: restarts.seeds,
                    [restarts.score]: restarts.scores,
                  },
                }),
            solution: summary,
            // Only when there are some, so the output of the usual run is as it was.
            ...(result.warnings.length === 0 ? {} : { warnings: result.warnings }),
          };
          io.stdout(`${JSON.stringify(output, null, 2)}\n`);
        } else {
          io.stdout(`${result.solver} on ${problem.name}\n`);
          for (const warning of result.warnings) {
            io.stderr(`${wrapText(`warning: ${warning}`, defaultTableWidth, "  ").join("\n")}\n`);
          }
          if (restarts !== undefined) {
            const scores = distinguishable(restarts.scores).join(", ");
            const kept = `start ${restarts.bestIndex + 1}, seed ${String(seed)}`;
            const line = `best of ${restarts.seeds.length} starts (--n-init): ${kept}; ${restarts.score} of each: ${scores}`;
            io.stdout(`${wrapText(line, defaultTableWidth, "  ").join("\n")}\n`);
          }
          io.stdout(`${result.converged ? "" : "did not converge: "}${describeStopReason(result.stopReason)}\n`);
          io.stdout(`${iterationCount(result.iterations)} in ${result.elapsedMs.toFixed(1)} ms\n`);
          // `--threads` is the most the kernels may use: say how many they were bound to (1 for a sequential method).
          if (parsed.threads !== undefined)
            io.stdout(`kernel threads: ${result.kernelThreads} of ${parsed.threads} allowed\n`);
          io.stdout(`${formatSummary(summary)}\n`);
          if (entry.name === "gaussian-mixture" && problem.kind === "clustering" && result.converged) {
            const state = result.state as { means: Float64Array; k: number };
            const note = coincidingComponentsNote(problem.problem.data, state, result.iterations);
            if (note !== undefined) io.stdout(`${wrapText(note, defaultTableWidth, "  ").join("\n")}\n`);
          }
          if (flags.trace !== undefined) io.stdout(`trace written to ${flags.trace}\n`);
        }
        setExitCode(result.converged ? exitCodes.ok : exitCodes.notConverged);
      }),
    );
}

/**
 * Scores printed with the fewest significant digits (4 at least) that keep different scores different, so
 * that the best start is visibly the best: `-5.811562, -5.811620`, not `-5.812, -5.812`.
 */
function distinguishable(scores: readonly number[]): string[] {
  for (let digits = 4; digits < 17; digits++) {
    const texts = scores.map((score) => String(Number(score.toPrecision(digits))));
    if (new Set(texts).size === new Set(scores).size) return texts;
  }
  return scores.map(String);
}
