import { readFileSync } from "node:fs";
import { csrFromTriplets } from "../../../solvers/gauss-seidel/index.js";
import type { CsrMatrix, SystemMatrix } from "../../../solvers/gauss-seidel/index.js";
import type { MdpProblem } from "../../../solvers/mdp/index.js";
import { assertFiniteNested, InvalidProblemError, toFiniteFloat64 } from "../../index.js";
import { checkAt, compileScalar } from "./compile-expression.js";
import type { AnyCliProblem, ProblemKind } from "./problem-kinds.js";
import { UsageError } from "./usage-error.js";

/** Reads a file as text, turning the system's error into one line. */
function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (code ?? "unreadable");
    throw new UsageError(`cannot read '${path}': ${why}`);
  }
}

/** A decimal number as a CSV cell writes it (no hex, no `Infinity`). */
const numberCell = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A cell that says "number", finite or not: such a cell never makes a line a header. */
function numberLike(cell: string): boolean {
  return numberCell.test(cell) || /^[+-]?(nan|inf|infinity)$/i.test(cell);
}

/**
 * Reads points to cluster from a CSV file: one point per line, numbers separated by commas (or
 * semicolons, tabs); blank lines are skipped. The first line is a header, and skipped, only when none of its
 * cells is a number; any other cell that is not a finite decimal number is an error naming its line and
 * column.
 *
 * @param path - The file.
 * @returns The problem.
 * @throws UsageError when the file cannot be read or a line is malformed, e.g.
 *   `points.csv: line 3, column 2 must be a finite number, got "oops"`.
 */
export function readCsvPoints(path: string): AnyCliProblem {
  const lines = readText(path).split(/\r?\n/);
  const data: number[][] = [];
  let columns: number | undefined;
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const cells = line.split(/[,;\t]/).map((cell) => cell.trim());
    if (columns === undefined && cells.every((cell) => !numberLike(cell))) {
      columns = cells.length; // a header line
      return;
    }
    const bad = cells.findIndex((cell) => !numberCell.test(cell));
    if (bad >= 0) {
      const cell = cells[bad] as string;
      const got = cell === "" ? "an empty cell" : JSON.stringify(cell.length > 40 ? `${cell.slice(0, 37)}...` : cell);
      throw new UsageError(`${path}: line ${index + 1}, column ${bad + 1} must be a finite number, got ${got}`);
    }
    if (columns !== undefined && cells.length !== columns) {
      const got = cells.length;
      throw new UsageError(`${path} line ${index + 1}: expected ${columns} values like the lines above, got ${got}`);
    }
    columns = cells.length;
    data.push(cells.map(Number));
  });
  if (data.length === 0) throw new UsageError(`${path}: no points (expected one line of numbers per point)`);
  return { kind: "clustering", name: `${path} (${data.length} points in ${columns}-D)`, problem: { data } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Runs a check of data read from `file`, reporting a bad entry as a usage error in the file's words:
 * `system.json: rhs[2] must be a finite number, got null`. `rename` maps the reader's first name to the
 * file's key (`triplets` to `matrix` for the solver's triplet reader).
 */
function inFile<T>(file: string, read: () => T, rename?: readonly [string, string]): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InvalidProblemError)) throw error;
    const renamed = rename !== undefined && error.part.startsWith(rename[0]);
    const part = renamed ? rename[1] + error.part.slice(rename[0].length) : error.part;
    throw new UsageError(`${file}: ${part} must be ${error.expected}, got ${error.receivedDescription}`);
  }
}

/** An array of integers read from a file (CSR offsets and column indices). */
function integerArray(file: string, values: unknown, key: string): Int32Array {
  return inFile(file, () => {
    assertFiniteNested(values, key, 1);
    (values as number[]).forEach((value, i) => {
      if (!Number.isInteger(value) || Math.abs(value) > 0x7fffffff) {
        throw new InvalidProblemError(`${key}[${i}]`, "an integer", value);
      }
    });
    return Int32Array.from(values as number[]);
  });
}

/**
 * 3 for rewards R(s, a, s') (most second-level entries are arrays), else 2 for R(s, a): decided by the
 * majority, so that one bad entry does not change how the others are read.
 */
function rewardDepth(rewards: readonly unknown[]): number {
  let arrays = 0;
  let others = 0;
  for (const row of rewards) {
    if (!Array.isArray(row)) continue;
    for (const entry of row as unknown[]) {
      if (Array.isArray(entry)) arrays++;
      else others++;
    }
  }
  return arrays > others ? 3 : 2;
}

/** A JSON matrix: dense rows, CSR (`rowPointers`) or triplets (`rowIndices`). */
function readMatrix(path: string, matrix: unknown): SystemMatrix {
  if (Array.isArray(matrix)) {
    inFile(path, () => assertFiniteNested(matrix, "matrix", 2));
    return matrix as number[][];
  }
  if (isRecord(matrix)) {
    const { rows, columns, columnIndices, values } = matrix;
    const arrays = (...parts: unknown[]) => parts.every((part) => Array.isArray(part));
    if (typeof rows === "number" && typeof columns === "number") {
      if (arrays(matrix["rowPointers"], columnIndices, values)) {
        const csr: CsrMatrix = {
          rows,
          columns,
          rowPointers: integerArray(path, matrix["rowPointers"], "matrix.rowPointers"),
          columnIndices: integerArray(path, columnIndices, "matrix.columnIndices"),
          values: inFile(path, () => toFiniteFloat64(values, "matrix.values")),
        };
        return csr;
      }
      if (arrays(matrix["rowIndices"], columnIndices, values)) {
        const indices = { rowIndices: matrix["rowIndices"] as number[], columnIndices: columnIndices as number[] };
        const triplets = { rows, columns, ...indices, values: values as number[] };
        return inFile(path, () => csrFromTriplets(triplets), ["triplets", "matrix"]);
      }
    }
  }
  throw new UsageError(
    `${path}: "matrix" must be dense rows ([[4, 1], [1, 3]]), CSR {rows, columns, rowPointers, columnIndices, values} or triplets {rows, columns, rowIndices, columnIndices, values}`,
  );
}

/**
 * Reads a linear system or an MDP from a JSON file. A linear system is `{ "matrix": ..., "rhs": [...] }`
 * (`"b"` is accepted for `"rhs"`, `"x0"` optional) with the matrix dense, CSR or triplets; an MDP is the
 * MDP solvers' problem (`states`, `actions`, `transitions`, `rewards`, `discount`, ...).
 *
 * @param path - The file.
 * @returns The problem.
 * @throws UsageError when the file cannot be read, is not JSON, or is neither shape.
 */
export function readJsonProblem(path: string): AnyCliProblem {
  const text = readText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (isRecord(value) && "matrix" in value) {
    const key = value["rhs"] === undefined && value["b"] !== undefined ? "b" : "rhs";
    const b = value[key];
    if (!Array.isArray(b)) throw new UsageError(`${path}: a linear system needs "rhs", an array of numbers`);
    const matrix = readMatrix(path, value["matrix"]);
    inFile(path, () => toFiniteFloat64(b, key));
    const x0 = value["x0"];
    if (x0 !== undefined) inFile(path, () => toFiniteFloat64(x0, "x0", b.length));
    const problem = { matrix, b: b as number[], ...(x0 === undefined ? {} : { x0: x0 as number[] }) };
    return { kind: "linear-system", name: `${path} (${b.length} unknowns)`, problem };
  }
  if (isRecord(value) && "transitions" in value) {
    const mdp = value as unknown as MdpProblem;
    inFile(path, () => {
      // Their shapes are the solver's to check; here every number is read as the file writes it.
      if (Array.isArray(mdp.transitions)) assertFiniteNested(mdp.transitions, "transitions", 3);
      if (Array.isArray(mdp.rewards)) assertFiniteNested(mdp.rewards, "rewards", rewardDepth(mdp.rewards));
    });
    const actions = `${String(mdp.actions)} action${mdp.actions === 1 ? "" : "s"}`;
    return { kind: "mdp", name: `${path} (${String(mdp.states)} states, ${actions})`, problem: mdp };
  }
  throw new UsageError(
    `${path}: expected a linear system {"matrix", "rhs"} or an MDP {"states", "actions", "transitions", "rewards", "discount"}`,
  );
}

/** The parts of an expression problem given on the command line. */
export interface ExpressionInput {
  /** The expression (`--f`); for systems, equations separated by `;`. */
  readonly f: string;
  /** The start (`--x0`), one number per variable. */
  readonly x0: readonly number[] | undefined;
  /** The second start of the secant method (`--x1`). */
  readonly x1?: number | undefined;
  /** The variables (`--vars`). */
  readonly variables?: readonly string[] | undefined;
}

function defaultVariables(n: number): string[] {
  return n <= 3 ? ["x", "y", "z"].slice(0, n) : Array.from({ length: n }, (_, i) => `x${i + 1}`);
}

/**
 * Builds a problem of the given kind from an expression: `f(x) = 0` for root finders, `x = f(x)` for
 * fixed-point iteration, `min f` for minimisers, `F(x) = 0` (equations separated by `;`) for systems.
 *
 * @param kind - The kind the solver accepts.
 * @param input - The expression, start and variables.
 * @returns The problem.
 * @throws UsageError when the kind takes no expression or the start is missing or of the wrong length.
 */
export function expressionProblem(kind: ProblemKind, input: ExpressionInput): AnyCliProblem {
  const { f, x0 } = input;
  if (x0 === undefined) throw new UsageError("--f needs a start: --x0 <numbers>");
  const variables = input.variables ?? defaultVariables(x0.length);
  if (variables.length !== x0.length)
    throw new UsageError(`--vars names ${variables.length} variables but --x0 has ${x0.length} numbers`);
  const scalarStart = () => {
    if (x0.length !== 1) throw new UsageError(`--x0 must be one number for a scalar equation, got ${x0.length}`);
    return x0[0] as number;
  };
  switch (kind) {
    case "scalar-root": {
      const start = scalarStart();
      const problem = {
        f,
        x0: start,
        variable: variables[0] as string,
        ...(input.x1 === undefined ? {} : { x1: input.x1 }),
      };
      return { kind, name: `${f} = 0 from ${start}`, problem };
    }
    case "fixed-point": {
      const start = scalarStart();
      const map = compileScalar(f, variables[0] as string);
      checkAt(f, () => map(start));
      return { kind, name: `x = ${f} from ${start}`, problem: { map, x0: start } };
    }
    case "objective":
      return { kind, name: `min ${f} from (${x0.join(", ")})`, problem: { f, x0, variables } };
    case "system": {
      const equations = f
        .split(";")
        .map((part) => part.trim())
        .filter((part) => part !== "");
      if (equations.length !== x0.length)
        throw new UsageError(
          `--f has ${equations.length} equations (separated by ';') but --x0 has ${x0.length} numbers`,
        );
      return { kind, name: `${equations.join(", ")} = 0`, problem: { f: equations, x0, variables } };
    }
    default:
      throw new UsageError(
        `${kind} problems cannot be given as an expression: use ${kind === "clustering" ? "--csv <file>" : "--input <file>"} or --problem <name>`,
      );
  }
}
