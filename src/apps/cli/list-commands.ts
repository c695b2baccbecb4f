import type { Command } from "commander";
import { builtinProblems } from "./registry-problems.js";
import type { CliIo } from "./cli-io.js";
import { solverEntries } from "./registry-solvers.js";
import { defaultTableWidth, formatTable } from "./table.js";

/** The line under the solvers' table about `--threads`. */
const threadsNote = "--threads: the most threads the kernels of large problems may use; solvers without it use one.";

/** The table's width: 100 columns unless `--wide`. */
const fitting = (flags: { wide?: boolean }) => (flags.wide === true ? {} : { maxWidth: defaultTableWidth });

/**
 * Adds `iterlab solvers` and `iterlab problems`: the registry as tables (or JSON).
 *
 * @param program - The program.
 * @param io - Where to write.
 */
export function configureListCommands(program: Command, io: CliIo): void {
  program
    .command("solvers")
    .description("list the solvers, the problems they accept and their flags")
    .option("--json", "print the list as JSON")
    .option("--wide", "one line per entry, however wide (default: fit 100 columns)")
    .action((flags: { json?: boolean; wide?: boolean }) => {
      const rows = solverEntries.map(({ name, kind, description, flags: solverFlags, tolerance, threads }) => ({
        name,
        kind,
        description,
        flags: solverFlags.map((flag) => `--${flag}`),
        tolerance,
        threads: threads ?? "1",
      }));
      if (flags.json === true) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const cells = rows.map((row) => [row.name, row.kind, row.flags.join(" "), row.tolerance, row.description]);
      const headers = ["solver", "problem kind", "flags", "--tol is", "method"];
      io.stdout(`${formatTable(headers, cells, [], fitting(flags))}\n`);
      // The flag is listed exactly where a solver's kernels use threads; the JSON's `threads` says where.
      io.stdout(`${threadsNote}\n`);
    });
  program
    .command("problems")
    .description("list the built-in problems")
    .option("--json", "print the list as JSON")
    .option("--wide", "one line per entry, however wide (default: fit 100 columns)")
    .action((flags: { json?: boolean; wide?: boolean }) => {
      const rows = builtinProblems.map(({ name, kind, description, methods }) => ({
        name,
        kind,
        description,
        methods,
      }));
      if (flags.json === true) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const cells = rows.map((row) => [row.name, row.kind, row.methods.join(", "), row.description]);
      io.stdout(
        `${formatTable(["problem", "kind", "compare's default methods", "description"], cells, [], fitting(flags))}\n`,
      );
    });
}
