import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's interpreter: the one `python3-sklearn` and the others install into (not pyenv's or a venv's). */
export const debianPython = "/usr/bin/python3";

/** The Python module each Debian package provides, and the package. */
export const peerPackages = [
  { module: "numpy", package: "python3-numpy" },
  { module: "scipy", package: "python3-scipy" },
  { module: "sklearn", package: "python3-sklearn" },
  { module: "petsc4py", package: "python3-petsc4py" },
  { module: "torch", package: "python3-torch" },
] as const;

/** A Python module a peer script needs. */
export type PeerModule = (typeof peerPackages)[number]["module"];

/** What a peer script writes: figures in ms by name, plus iteration counts, versions and thread settings. */
export interface PeerResult {
  readonly figures: Readonly<Record<string, number>>;
  readonly iterations?: Readonly<Record<string, number>>;
  readonly logLikelihoods?: Readonly<Record<string, number>>;
  readonly versions: Readonly<Record<string, string>>;
  readonly threads?: number;
  readonly threadSettings: unknown;
}

/**
 * How a peer runs: with its library's default threads, or with a given number (the OMP, OpenBLAS and MKL
 * variables set to it; the PyTorch script also calls `torch.set_num_threads`).
 */
export type PeerThreads = "default" | number;

/** The real build of the newest Debian PETSc (`/usr/lib/petscdir/petsc3.*\/x86_64-linux-gnu-real`), if any. */
export function debianPetscDir(root = "/usr/lib/petscdir"): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^petsc3\.\d+$/.test(name))
    .sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  return versions
    .reverse()
    .map((name) => join(root, name, "x86_64-linux-gnu-real"))
    .find((path) => existsSync(path));
}

/** The environment of a peer process: PETSC_DIR, and the thread variables when a thread count is asked for. */
export function peerEnvironment(threads: PeerThreads, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...base, PYTHONDONTWRITEBYTECODE: "1" };
  const petscDir = debianPetscDir();
  if (petscDir !== undefined) environment.PETSC_DIR = petscDir;
  for (const name of ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]) {
    if (threads !== "default") environment[name] = String(threads);
    else delete environment[name];
  }
  return environment;
}

/** Which of the peer modules Debian's Python imports (each tried alone, so one broken module hides no other). */
export async function availableModules(): Promise<Set<PeerModule>> {
  const found = new Set<PeerModule>();
  if (!existsSync(debianPython)) return found;
  for (const { module } of peerPackages) {
    try {
      await run(debianPython, ["-c", `import ${module}`], { env: peerEnvironment("default") });
      found.add(module);
    } catch {
      // not installed or broken: reported as skipped
    }
  }
  return found;
}

/** `apt-get update` then `apt-get install` of the missing packages (as root); returns what apt printed last. */
export async function installPackages(missing: readonly PeerModule[]): Promise<string> {
  const packages = peerPackages.filter((entry) => missing.includes(entry.module)).map((entry) => entry.package);
  if (packages.length === 0) return "nothing to install";
  if (process.getuid?.() !== 0) throw new Error(`--install needs root (apt-get install ${packages.join(" ")})`);
  const options = { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, maxBuffer: 64 * 1024 * 1024 };
  await run("apt-get", ["update"], options);
  const install = ["install", "-y", "--no-install-recommends", ...packages, "python3-numpy"];
  const { stdout } = await run("apt-get", install, options);
  return stdout.trim().split("\n").slice(-1)[0] ?? "";
}

/** The folder of the peer scripts (this file's). */
export const peerScripts = dirname(fileURLToPath(import.meta.url));

/**
 * Runs `script` (beside this file) on the data set at `manifest` with Debian's Python and reads its results.
 *
 * @throws When the script fails; the message carries the end of its standard error.
 */
export async function runPeer(script: string, manifest: string, threads: PeerThreads): Promise<PeerResult> {
  const output = `${manifest.slice(0, -".json".length)}.${script.replace(/\.py$/, "")}.${threads}.out.json`;
  try {
    await run(debianPython, [join(peerScripts, script), manifest, output], {
      env: peerEnvironment(threads),
      cwd: peerScripts,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "")
      .trim()
      .split("\n")
      .slice(-3)
      .join(" / ");
    throw new Error(`${script} failed: ${stderr || (error as Error).message}`);
  }
  return JSON.parse(await readFile(output, "utf8")) as PeerResult;
}
