import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { formatTour, runTour } from "./tour.js";
import { tourEntries } from "./tour-entries.js";
import { clusteringTourEntries } from "./tour-clustering.js";
import { gaussSeidelTourEntries } from "./tour-gauss-seidel.js";
import { mdpTourEntries } from "./tour-mdp.js";
import { newtonTourEntries } from "./tour-newton.js";

/** Where the CLI writes: injected so tests can capture it. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
}

/** Exit codes: 0 success, 1 a run did not converge, 2 a usage error. */
export const exitCodes = { ok: 0, notConverged: 1, usage: 2 } as const;

/**
 * Runs the `iterlab` command line with the given arguments (without `node` and the script).
 *
 * @param argv - The arguments, e.g. `["tour"]`.
 * @param io - Where to write.
 * @returns The exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command()
    .name("iterlab")
    .description("iterlab: iterative algorithms on one engine, compared the same way")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  program
    .command("tour")
    .description("run every solver on a built-in problem with a known answer and print a summary table")
    .option("--json", "print the rows as JSON instead of a table")
    .action((options: { json?: boolean }) => {
      const started = performance.now();
      const rows = runTour([...tourEntries, ...newtonTourEntries, ...gaussSeidelTourEntries, ...clusteringTourEntries, ...mdpTourEntries]);
      if (options.json === true) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      io.stdout("iterlab tour: every solver on a problem whose answer is known\n\n");
      io.stdout(`${formatTour(rows)}\n\n`);
      const converged = rows.filter((row) => row.converged).length;
      io.stdout(`${converged} of ${rows.length} runs converged; tour took ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors have been printed with the usage.
      exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    } else {
      io.stderr(`iterlab: ${error instanceof Error ? error.message : String(error)}\n`);
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
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "iterlab" && manifest.version !== undefined) return manifest.version;
    } catch {
      // not here; look one level up
    }
    directory = dirname(directory);
  }
  return "unknown";
}
