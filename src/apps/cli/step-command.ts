import type { Command } from "commander";
import { describeStopReason, solveIterations } from "../../index.js";
import type { CliIo } from "./cli-io.js";
import { exitCodes } from "./exit-codes.js";
import { iterationCount } from "./iteration-count.js";
import { parseCount } from "./flag-parsers.js";
import { findSolver } from "./registry-solvers.js";
import { resolveProblem } from "./resolve-problem.js";
import { addProblemOptions, addSolverOptions, maxIterationsOf, solverFlags } from "./solver-options.js";
import type { ProblemAndSolverOptions } from "./solver-options.js";
import { solveWithRestarts } from "./solve-with-restarts.js";
import { stepView } from "./step-views.js";
import { usageErrors } from "./usage-errors.js";

/** The flags of `iterlab step`. */
interface StepFlags extends ProblemAndSolverOptions {
  readonly steps?: number;
}

/** Steps shown when standard input is not a terminal and `--steps` is not given. */
const defaultSteps = 10;

/** Pads cells to the header widths (at least 10 characters a column, so rows line up as they arrive). */
function line(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => cell.padStart(widths[i] ?? 10)).join("  ");
}

/** The answer for the error columns: the problem's own, or the end of a full run. */
function answer(state: unknown): readonly number[] | undefined {
  const s = state as Record<string, unknown>;
  const x = s["x"] ?? s["values"];
  if (typeof x === "number") return [x];
  if (x instanceof Float64Array) return Array.from(x);
  return undefined;
}

/**
 * Configures `iterlab step`: one iteration at a time with the quantities that matter for the method. On a
 * terminal, Enter shows the next iteration and `q` stops; otherwise (or with `--steps N`) it prints N
 * iterations after iteration 0 and exits.
 *
 * @param command - The command, made by the program.
 * @param io - Where to write, and the terminal's keys when there is one.
 * @param setExitCode - Receives the exit code: 0 converged or stopped by the user, 1 ended without converging.
 * @returns The command.
 */
export function configureStepCommand(command: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  command
    .description(
      "step through a solver one iteration at a time (Enter: next, q: quit; --steps N when not on a terminal)",
    )
    .argument("<solver>", "the solver (see 'iterlab solvers')");
  addProblemOptions(command);
  addSolverOptions(command);
  return command
    .option(
      "--steps <n>",
      `print n iterations after iteration 0 and exit (default ${defaultSteps} when not on a terminal)`,
      parseCount,
    )
    .action(
      usageErrors(command, async (solverName: string, flags: StepFlags) => {
        const entry = findSolver(solverName);
        const problem = resolveProblem(entry, flags);
        const setup = () => entry.create(solverFlags(entry, flags, problem), problem);
        const maxIterations = maxIterationsOf(flags, problem);
        const given = {
          ...(maxIterations === undefined ? {} : { maxIterations }),
          ...(flags.seed === undefined ? {} : { seed: flags.seed }),
          trace: false as const,
        };
        const first = setup();
        // With restarts (--n-init), step through the start that a full run keeps; x* for the error columns is
        // the problem's own, else the end of that full (silent) run.
        const full = solveWithRestarts(first, given);
        const options = { ...given, ...(full.seed === undefined ? {} : { seed: full.seed }) };
        const solution = problem.solution?.() ?? answer(full.result.state);
        const view = stepView(entry, problem, solution);
        const widths = view.headers.map((header) => Math.max(10, header.length));
        const interactive = io.readKey !== undefined && flags.steps === undefined;
        const limit = flags.steps ?? defaultSteps;
        io.stdout(`${first.solver.name} on ${problem.name}\n`);
        if (full.restarts !== undefined) {
          const { bestIndex, seeds, score } = full.restarts;
          io.stdout(
            `start ${bestIndex + 1} of ${seeds.length} (--n-init), seed ${String(full.seed)}: the best ${score}\n`,
          );
        }
        if (interactive) io.stdout("Enter: next iteration, q: quit\n");
        io.stdout(`${line(view.headers, widths)}\n`);
        const { solver, problem: solverProblem } = setup();
        const iterator = solveIterations(solver, solverProblem, options);
        let shown = 0;
        let stoppedEarly = false;
        for (;;) {
          const next = iterator.next();
          if (next.done === true) {
            const reason = describeStopReason(next.value.stopReason);
            const stopped = next.value.converged ? reason : `stopped: ${reason}`;
            io.stdout(`${stopped} after ${iterationCount(next.value.iterations)}\n`);
            setExitCode(next.value.converged ? exitCodes.ok : exitCodes.notConverged);
            break;
          }
          const event = next.value;
          io.stdout(`${line(view.row(event.state, event.iteration), widths)}\n`);
          if (event.stopReason !== undefined) continue; // the run ends here: let the generator return its result
          if (interactive) {
            const key = await (io.readKey as () => Promise<string>)();
            if (key === "q" || key === "Q" || key === "\u0003" || key === "\u0004") stoppedEarly = true;
          } else if (shown >= limit) stoppedEarly = true;
          shown++;
          if (stoppedEarly) {
            iterator.return(undefined as never);
            io.stdout(`stopped after ${iterationCount(event.iteration)}, before the run's end\n`);
            setExitCode(exitCodes.ok);
            break;
          }
        }
        for (const note of view.notes) io.stdout(`${note}\n`);
      }),
    );
}
