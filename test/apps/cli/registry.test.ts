import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinProblems } from "../../../src/apps/cli/registry-problems.js";
import { expressionProblem, readCsvPoints, readJsonProblem } from "../../../src/apps/cli/problem-sources.js";
import { findSolver, solverEntries } from "../../../src/apps/cli/registry-solvers.js";
import { runCli } from "../../../src/apps/cli/run-cli.js";

async function runJson(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return {
    code,
    stderr,
    result: stdout === "" ? undefined : (JSON.parse(stdout) as { converged: boolean; solution: { error?: number } }),
  };
}

const scratch = mkdtempSync(join(tmpdir(), "iterlab-registry-"));

describe("solverEntries", () => {
  // The 28 solvers of the brief's 19, Krylov, bracketing and L-BFGS are all there; a new solver adds its
  // registry entry and nothing here (the list is a floor, not a snapshot).
  it("names the 28 solvers (the brief's 19, Krylov, bracketing, L-BFGS) and more, once each, each with a built-in problem of its kind", () => {
    const names = solverEntries.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(names).toEqual(
      expect.arrayContaining([
        "fixed-point",
        "gradient-descent",
        "newton",
        "secant",
        "halley",
        "newton-system",
        "newton-minimize",
        "bfgs",
        "lbfgs",
        "trust-region-newton",
        "nelder-mead",
        "jacobi",
        "gauss-seidel",
        "sor",
        "ssor",
        "red-black-gauss-seidel",
        "kmeans",
        "hamerly-kmeans",
        "mini-batch-kmeans",
        "gaussian-mixture",
        "value-iteration",
        "policy-iteration",
        "cg",
        "pcg",
        "minres",
        "gmres",
        "bicgstab",
        "bisection",
        "brent",
        "itp",
      ]),
    );
    for (const entry of solverEntries)
      expect(builtinProblems.some((problem) => problem.kind === entry.kind)).toBe(true);
  });

  // Every solver converges on its default problem; where the answer is known, to it. Value iteration's
  // sup-norm rule with eps = 0.01 guarantees ||V - V*||_inf <= eps / 2; Nelder-Mead stops (as SciPy's) when
  // its simplex is within xatol = 1e-4, which is then about its distance to the minimiser.
  it.each(solverEntries.map((entry) => entry.name))("%s converges on its default built-in problem", async (name) => {
    const { code, result } = await runJson(["run", name, "--json"]);
    expect(code).toBe(0);
    expect(result?.converged).toBe(true);
    const error = result?.solution.error;
    const tolerance = name === "value-iteration" ? 0.005 : name === "nelder-mead" ? 1e-4 : 1e-6;
    if (error !== undefined) expect(error).toBeLessThan(tolerance);
  });

  it("applies a problem's solver-specific default only to that solver (SOR's omega, not Jacobi's)", async () => {
    const jacobi = await runJson(["run", "jacobi", "--problem", "poisson-1d", "--json"]);
    expect(jacobi.result?.converged).toBe(true);
    expect((jacobi.result as unknown as { solver: string }).solver).toBe("Jacobi");
  });
});

describe("findSolver", () => {
  it("throws a usage error listing the known solvers", () => {
    const known = solverEntries.map((entry) => entry.name).join(", ");
    expect(() => findSolver("nope")).toThrow(`unknown solver "nope" (known: ${known})`);
  });
});

describe("problem sources", () => {
  it("reads CSV points, skipping a header and blank lines, with semicolons or tabs", () => {
    const file = join(scratch, "points.csv");
    writeFileSync(file, "a;b\n1;2\n\n3\t4\n");
    const problem = readCsvPoints(file);
    expect(problem.kind).toBe("clustering");
    expect(problem.problem).toEqual({
      data: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it("reads a dense and a CSR linear system", () => {
    const dense = join(scratch, "dense.json");
    writeFileSync(
      dense,
      JSON.stringify({
        matrix: [
          [4, 1],
          [1, 3],
        ],
        b: [1, 2],
        x0: [0, 0],
      }),
    );
    expect(readJsonProblem(dense)).toMatchObject({
      kind: "linear-system",
      problem: {
        matrix: [
          [4, 1],
          [1, 3],
        ],
        b: [1, 2],
        x0: [0, 0],
      },
    });
    const csr = join(scratch, "csr.json");
    writeFileSync(
      csr,
      JSON.stringify({
        matrix: { rows: 2, columns: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1, 0, 1], values: [4, 1, 1, 3] },
        rhs: [1, 2],
      }),
    );
    const problem = readJsonProblem(csr);
    expect(problem.kind).toBe("linear-system");
    expect((problem.problem as { matrix: { rowPointers: Int32Array } }).matrix.rowPointers).toEqual(
      Int32Array.from([0, 2, 4]),
    );
  });

  it("pins the message for a matrix of no known shape", () => {
    const file = join(scratch, "shape.json");
    writeFileSync(file, JSON.stringify({ matrix: { rows: 2 }, rhs: [1, 2] }));
    expect(() => readJsonProblem(file)).toThrow(
      `${file}: "matrix" must be dense rows ([[4, 1], [1, 3]]), CSR {rows, columns, rowPointers, columnIndices, values} or triplets {rows, columns, rowIndices, columnIndices, values}`,
    );
  });

  it("builds each kind from an expression, and refuses kinds that take files", () => {
    expect(expressionProblem("scalar-root", { f: "x^2 - 2", x0: [1] }).problem).toEqual({
      f: "x^2 - 2",
      x0: 1,
      variable: "x",
    });
    expect(expressionProblem("objective", { f: "x^2 + y^2", x0: [1, 2] }).problem).toEqual({
      f: "x^2 + y^2",
      x0: [1, 2],
      variables: ["x", "y"],
    });
    expect(expressionProblem("system", { f: "x + y - 1; x - y", x0: [0, 0] }).problem).toMatchObject({
      f: ["x + y - 1", "x - y"],
    });
    const fixed = expressionProblem("fixed-point", { f: "cos(x)", x0: [1] }).problem as { map: (x: number) => number };
    expect(fixed.map(0)).toBe(1);
    expect(() => expressionProblem("system", { f: "x + y", x0: [0, 0] })).toThrow(
      "--f has 1 equations (separated by ';') but --x0 has 2 numbers",
    );
    expect(() => expressionProblem("mdp", { f: "x", x0: [0] })).toThrow(
      "mdp problems cannot be given as an expression: use --input <file> or --problem <name>",
    );
  });
});
