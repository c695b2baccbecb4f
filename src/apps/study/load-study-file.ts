import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { InvalidOptionError } from "../../index.js";
import { defineStudy } from "./define-study.js";
import { studySolvers } from "./study-solvers.js";
import type { StudyDefinition, StudyMethod, StudyProblem, StudyValue } from "./types.js";
import { anyValue, rejectUnknownOptions } from "../../engine/internals.js";
import type { OptionSchemaOf } from "../../engine/internals.js";

/** A method as a study file writes it: a solver by name (see {@link studySolvers}) and its option grid. */
interface FileMethod {
  readonly name?: string;
  readonly solver: string;
  readonly grid?: Readonly<Record<string, readonly StudyValue[]>>;
}

/** A problem collection a study file takes from a module: `{ module: "./mgh.js", export: "mgh" }`. */
interface FileCollection {
  readonly module: string;
  readonly export: string;
}

const fileMethodNames = { name: anyValue, solver: anyValue, grid: anyValue } satisfies OptionSchemaOf<FileMethod>;
const collectionNames = { module: anyValue, export: anyValue } satisfies OptionSchemaOf<FileCollection>;

/**
 * Reads a study file: JSON, or YAML (`.yaml`, `.yml`), with the fields of a {@link StudyDefinition}, where
 * each method names its solver (`{ solver: "bfgs", grid: { absTolerance: [1e-6, 1e-8] } }`, the
 * method's name defaulting to the solver's) and each problem is `{ name, problem, solution? }` with the
 * problem as JSON (expressions as strings), or `{ module, export }` for a problem collection exported by a
 * module (a path relative to the file, or a package name).
 *
 * @param path - The study file.
 * @param text - The file's text, when it is already read (a worker on another machine gets it with the job).
 * @returns The checked study.
 * @throws `InvalidOptionError` for an unknown field, an unknown solver name (with the closest valid
 *   one), or what {@link defineStudy} refuses; the parser's error for malformed JSON or YAML.
 * @example
 * ```ts
 * const definition = await loadStudyFile("roots.yaml");
 * ```
 */
export async function loadStudyFile(path: string, text?: string): Promise<StudyDefinition> {
  if (typeof path !== "string" || path.length === 0) throw new InvalidOptionError("path", "a file path", path);
  const source = text ?? readFileSync(path, "utf8");
  const data: unknown = /\.ya?ml$/i.test(path) ? parseYaml(source) : JSON.parse(source);
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw new InvalidOptionError("study file", "an object { name, methods, problems }", data);
  const file = data as Record<string, unknown>;
  const methods = Array.isArray(file.methods)
    ? file.methods.map((method, index) => fileMethod(method, index))
    : file.methods;
  const problems = Array.isArray(file.problems)
    ? (await Promise.all(file.problems.map((entry, index) => fileProblems(entry, index, path)))).flat()
    : file.problems;
  return defineStudy({ ...file, methods, problems } as unknown as StudyDefinition);
}

function fileMethod(method: unknown, index: number): StudyMethod {
  if (method === null || typeof method !== "object" || Array.isArray(method))
    throw new InvalidOptionError(`methods[${index}]`, "an object { solver, grid?, name? }", method);
  rejectUnknownOptions(method, fileMethodNames, "a study file method", `methods[${index}].`);
  const { solver, name, grid } = method as FileMethod;
  const names = Object.keys(studySolvers);
  if (typeof solver !== "string" || !Object.hasOwn(studySolvers, solver)) {
    throw new InvalidOptionError(`methods[${index}].solver`, `one of ${names.join(", ")}`, solver);
  }
  const factory = studySolvers[solver];
  if (factory === undefined) throw new InvalidOptionError(`methods[${index}].solver`, "a solver name", solver);
  return { name: name ?? solver, solver: factory, ...(grid === undefined ? {} : { grid }) };
}

async function fileProblems(entry: unknown, index: number, path: string): Promise<StudyProblem[]> {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry))
    throw new InvalidOptionError(`problems[${index}]`, "an object { name, problem } or { module, export }", entry);
  if (!("module" in entry)) return [entry as StudyProblem];
  rejectUnknownOptions(entry, collectionNames, "a problem collection", `problems[${index}].`);
  const { module, export: name } = entry as FileCollection;
  if (typeof module !== "string" || typeof name !== "string")
    throw new InvalidOptionError(`problems[${index}]`, "{ module: string, export: string }", entry);
  const specifier = module.startsWith(".") ? pathToFileURL(resolve(dirname(path), module)).href : module;
  const collection = ((await import(specifier)) as Record<string, unknown>)[name];
  if (!Array.isArray(collection))
    throw new InvalidOptionError(
      `problems[${index}].export`,
      `an export of ${module} that is an array of problems`,
      name,
    );
  return collection as StudyProblem[];
}
