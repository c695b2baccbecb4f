import { basename, dirname, extname, join, resolve } from "node:path";
import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import type { LogOutput } from "../../../index.js";
import { formatProblemTable, problemTable } from "../problem-table.js";
import { readStudy } from "../read-study.js";
import { study } from "../study.js";
import type { StudySource } from "../study-source.js";
import { writeStudyReport } from "../study-report.js";
import { studyWorker } from "../study-worker.js";
import { formatDuration, progressDrawer } from "./progress-line.js";

/** What the study commands write to and read from (the CLI's io). */
export interface StudyCommandIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
  /** Standard error as a stream, when it is a terminal (the progress bar). */
  readonly progressOutput?: LogOutput | undefined;
}

/** Exit codes of the study commands: as the CLI's, 1 for a study with failed runs or interrupted. */
const ok = 0;
const incomplete = 1;

/**
 * Adds `iterlab study <file>`, `iterlab study report <db>` and `iterlab worker --redis <url>` to the CLI.
 *
 * @param program - The CLI's root command.
 * @param io - Where to write.
 * @param setExitCode - Raises the process's exit code.
 */
export function configureStudyCommands(
  program: Command,
  io: StudyCommandIo,
  setExitCode: (code: number) => void,
): void {
  const command = program
    .command("study")
    .description("run a study (methods x problems x option grids x seeds) into a SQLite database; resumable")
    .argument("<file>", "a study file (.json, .yaml) or a module exporting a defineStudy definition (.js, .ts)")
    .option("--db <path>", "the database (default: the study file's name with .sqlite)")
    .option("--workers <n>", "worker threads of the local pool, 0 for this thread (default: all cores)", integer)
    .option("--redis <url>", "enqueue the runs on BullMQ at this Redis URL for `iterlab worker` processes")
    .option("--queue <name>", "the BullMQ queue (default: iterlab-study)")
    .option(
      "--max-attempts <n>",
      "tries of a run whose worker died before it is recorded as failed (default 3)",
      integer,
    )
    .option("--export <name>", "the module's export holding the study (default: study)")
    .option("--report <dir>", "write the HTML report (and SVG and PNG charts) into this directory when done")
    .action(async (file: string, flags: StudyFlags) => {
      setExitCode(await runStudyCommand(file, flags, io));
    });
  command
    .command("report")
    .description("rebuild a study's tables, profiles and charts from its database")
    .argument("<db>", "the study's SQLite database")
    .option("--out <dir>", "the report's directory (default: <db name>-report next to the database)")
    .action(async (database: string, flags: { out?: string }) => {
      const results = readStudy(database);
      io.stdout(`${formatProblemTable(problemTable(results))}\n`);
      const out = flags.out ?? join(dirname(database), `${basename(database, extname(database))}-report`);
      const files = await writeStudyReport(out, results, { generatedBy: `iterlab study report ${database}` });
      const charts = (files.length - 1) / 2;
      io.stdout(`report: ${files[0]} (${charts} charts beside it, each as SVG and PNG)\n`);
    });
  program
    .command("worker")
    .description("run study jobs from Redis (for `iterlab study --redis`), until interrupted")
    .requiredOption("--redis <url>", "the Redis URL, redis://host:6379")
    .option("--queue <name>", "the BullMQ queue (default: iterlab-study)")
    .option("--concurrency <n>", "runs at once in this process (default 1; start one worker per core)", integer)
    .option(
      "--lock-ms <ms>",
      "a run's lock: a dead worker's run is retried about this long after (default 30000)",
      integer,
    )
    .option("--stalled-ms <ms>", "how often to look for stalled runs (default 5000)", integer)
    .option("--max-stalls <n>", "stalls (dead workers) before a run is failed for good (default 2)", integer)
    .action(async (flags: WorkerFlags) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      io.stderr(`worker: waiting for runs on ${flags.redis} (Ctrl-C to stop)\n`);
      const completed = await studyWorker({
        redis: flags.redis,
        queue: flags.queue,
        concurrency: flags.concurrency,
        lockDurationMs: flags.lockMs,
        stalledIntervalMs: flags.stalledMs,
        maxStalls: flags.maxStalls,
        signal: controller.signal,
      });
      io.stderr(`worker: stopped after ${completed} runs\n`);
      setExitCode(ok);
    });
}

interface StudyFlags {
  readonly db?: string;
  readonly workers?: number;
  readonly redis?: string;
  readonly queue?: string;
  readonly maxAttempts?: number;
  readonly export?: string;
  readonly report?: string;
}

interface WorkerFlags {
  readonly redis: string;
  readonly queue?: string;
  readonly concurrency?: number;
  readonly lockMs?: number;
  readonly stalledMs?: number;
  readonly maxStalls?: number;
}

async function runStudyCommand(file: string, flags: StudyFlags, io: StudyCommandIo): Promise<number> {
  const extension = extname(file).toLowerCase();
  const source: StudySource = [".json", ".yaml", ".yml"].includes(extension)
    ? { file: resolve(file) }
    : { module: resolve(file), export: flags.export ?? "study" };
  const database = flags.db ?? join(dirname(file), `${basename(file, extname(file))}.sqlite`);
  const controller = new AbortController();
  const stop = () => {
    io.stderr("\nstopping after the runs in progress (Ctrl-C again to quit at once) ...\n");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  };
  process.once("SIGINT", stop);
  const drawer = progressDrawer(io.progressOutput, io.stderr);
  try {
    const outcome = await study(source, {
      database,
      workers: flags.workers,
      redis: flags.redis,
      queue: flags.queue,
      maxAttempts: flags.maxAttempts,
      onProgress: drawer.update,
      signal: controller.signal,
    });
    drawer.finish();
    const where = flags.redis === undefined ? "" : ` through ${flags.redis}`;
    io.stdout(
      `${outcome.name}: ${outcome.done + outcome.failed}/${outcome.total} runs recorded in ${database} ` +
        `(${outcome.resumed} from before, ${outcome.recorded} now${where}, ${formatDuration(outcome.elapsedMs)}); ` +
        `${outcome.done} done, ${outcome.failed} failed\n`,
    );
    if (outcome.interrupted) {
      io.stdout("interrupted: run the same command again to resume\n");
      return incomplete;
    }
    const results = readStudy(database);
    io.stdout(`${formatProblemTable(problemTable(results))}\n`);
    if (flags.report !== undefined) {
      const files = await writeStudyReport(flags.report, results, { generatedBy: `iterlab study ${file}` });
      io.stdout(`report: ${files[0]}\n`);
    }
    return outcome.failed > 0 ? incomplete : ok;
  } finally {
    process.removeListener("SIGINT", stop);
  }
}

function integer(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`expected an integer >= 0, got ${text}`);
  return value;
}
