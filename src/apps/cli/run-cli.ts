import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.js";
import { exitCodes } from "./exit-codes.js";
import { configureCompareCommand } from "./compare-command.js";
import { configureListCommands } from "./list-commands.js";
import { configureRunCommand } from "./run-command.js";
import { configureStepCommand } from "./step-command.js";
import { configureTourCommand } from "./tour-command.js";
import { configureTrainCommand } from "./train-command.js";
import { configureStudyCommands } from "../study/cli/study-commands.js";
import { configureLabCommand } from "../lab/lab-command.js";
import { errorLine, showUsageAfterErrors } from "./usage-errors.js";

export type { CliIo } from "./cli-io.js";
export { exitCodes } from "./exit-codes.js";

/**
 * Runs the `iterlab` command line with the given arguments (without `node` and the script).
 *
 * @param argv - The arguments, e.g. `["tour"]`.
 * @param io - Where to write, and the terminal when there is one.
 * @returns The exit code: 0 converged (or nothing to converge), 1 a run did not converge, 2 a usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const setExitCode = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command()
    .name("iterlab")
    .description("iterlab: iterative algorithms on one engine, compared the same way")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
    .addHelpText("after", "\nExit codes: 0 converged, 1 not converged, 2 usage error.");

  configureTourCommand(showUsageAfterErrors(program.command("tour")), io, setExitCode);
  configureRunCommand(showUsageAfterErrors(program.command("run")), io, setExitCode);
  configureStepCommand(showUsageAfterErrors(program.command("step")), io, setExitCode);
  configureCompareCommand(showUsageAfterErrors(program.command("compare")), io, setExitCode);
  configureTrainCommand(showUsageAfterErrors(program.command("train")), io, setExitCode);
  configureStudyCommands(program, io, setExitCode);
  configureLabCommand(program.command("lab"), io);
  configureListCommands(program, io);
  for (const command of program.commands) showUsageAfterErrors(command);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors have been printed with the usage.
      exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    } else {
      io.stderr(`${errorLine(error)}\n`);
      exitCode = exitCodes.usage;
    }
  }
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
  }
  return exitCode;
}

/** The package's version, read from the nearest package.json above this file. */
function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "iterlab" && manifest.version !== undefined) return manifest.version;
    } catch {
      // not here; look one level up
    }
    directory = dirname(directory);
  }
  return "unknown";
}
