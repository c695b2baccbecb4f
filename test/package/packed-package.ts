import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Builds the package as `npm pack` would publish it, in a temporary directory (the checkout's own dist/ is left
// alone, so other tests that use it are not disturbed), and installs the tarball in a fresh project.

/** The repository's root. */
export const root = fileURLToPath(new URL("../..", import.meta.url));

const requireHere = createRequire(import.meta.url);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The entry script of a dev dependency's bin (from the checkout's node_modules), run with this Node. */
export function binOf(packageName: string, bin: string): string {
  const directory = join(root, "node_modules", packageName);
  const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
    bin: string | Record<string, string>;
  };
  return join(directory, typeof manifest.bin === "string" ? manifest.bin : (manifest.bin[bin] as string));
}

/** The checkout's `node_modules/@types` (for `@types/node` in the consumer's type-check). */
export const typeRoots = dirname(dirname(requireHere.resolve("@types/node/package.json")));

/** What a command printed and how it ended. */
export interface CommandOutput {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end and returns its output; never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], cwd: string): CommandOutput {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    shell: process.platform === "win32",
    env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** {@link run} without blocking, so that several commands can run at once. */
export function runAsync(command: string, args: readonly string[], cwd: string): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, shell: process.platform === "win32" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs a command that must succeed and returns its standard output. */
export function runOrThrow(command: string, args: readonly string[], cwd: string): string {
  const output = run(command, args, cwd);
  if (output.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${output.status}:\n${output.stderr}${output.stdout}`);
  }
  return output.stdout;
}

/** The packed tarball and the file list `npm pack` reports. */
export interface PackedPackage {
  readonly tarball: string;
  readonly files: readonly string[];
  readonly workDirectory: string;
}

/**
 * Builds into a staging copy (package.json, README.md, CHANGELOG.md and a fresh dist/) and packs it with
 * `npm pack`; the `files` field decides what goes in, as it does for `npm publish`.
 */
export function packPackage(): PackedPackage {
  const workDirectory = mkdtempSync(join(tmpdir(), "iterlab-package-"));
  const stage = join(workDirectory, "stage");
  mkdirSync(stage);
  for (const file of ["package.json", "README.md", "CHANGELOG.md"]) cpSync(join(root, file), join(stage, file));
  const tsc = binOf("typescript", "tsc");
  runOrThrow(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", join(stage, "dist")], root);
  // --ignore-scripts: the staging copy is already built (prepare would rebuild it from sources it lacks).
  const json = runOrThrow(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", workDirectory], stage);
  const [report] = JSON.parse(json) as { filename: string; files: { path: string }[] }[];
  if (report === undefined) throw new Error(`npm pack printed no report: ${json}`);
  return {
    tarball: join(workDirectory, report.filename),
    files: report.files.map((file) => file.path),
    workDirectory,
  };
}

/**
 * Installs the tarball (and any extra packages) in a new project, as a user would: production dependencies
 * only, optional peers left out. `--prefer-offline` reuses npm's cache, so a second run is quick.
 */
export function installInConsumer(packed: PackedPackage, name: string, extra: readonly string[] = []): string {
  const consumer = join(packed.workDirectory, name);
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), `${JSON.stringify({ name, private: true }, null, 2)}\n`);
  const flags = ["--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
  execFileSync(npm, ["install", packed.tarball, ...extra, ...flags], {
    cwd: consumer,
    stdio: "pipe",
    shell: process.platform === "win32",
  });
  return consumer;
}

/** The bytes of every file under a directory (links counted as links, not followed). */
export function directoryBytes(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : lstatSync(path).size;
  }
  return total;
}
