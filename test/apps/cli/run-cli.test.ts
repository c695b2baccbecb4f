import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "./capture-cli.js";
import { solverEntries } from "../../../src/apps/cli/registry-solvers.js";

const run = captureCli;

const scratch = mkdtempSync(join(tmpdir(), "iterlab-cli-"));

describe("iterlab tour", () => {
  it("runs every solver on its built-in problem, then one comparison per family, and writes the report", async () => {
    const out = join(scratch, "tour");
    const { code, stdout } = await run(["tour", "--out", out]);
    expect(code).toBe(0);
    for (const column of ["problem / solver", "iters", "converged on", "error", "time"])
      expect(stdout).toContain(column);
    expect(stdout).toContain("fixed point");
    expect(stdout).toContain("gradient descent (backtracking)");
    expect(stdout).toMatch(/\d+ of \d+ runs converged/);
    for (const family of [
      "Newton / BFGS / gradient descent",
      "L-BFGS / BFGS / Newton",
      "Jacobi / Gauss-Seidel / SOR / CG",
      "Newton / secant / Brent / bisection",
      "value iteration / policy iteration",
      "k-means initialisations",
      "SGD / momentum / Adam",
    ]) {
      expect(stdout).toContain(`== ${family}`);
    }
    // Poisson 15 x 15: the fitted rates match rho_J = cos(pi/16) = 0.9808 and rho_GS = rho_J^2 = 0.9619.
    expect(stdout).toMatch(/Jacobi\s.*\s0\.98\d*\s/);
    expect(stdout).toMatch(/Gauss-Seidel\s.*\s0\.96\d*\s/);
    // CG on the same grid: 20 iterations to 1e-6 against Gauss-Seidel's 412 (sqrt(kappa) against kappa).
    expect(stdout).toMatch(/CG\s+9\s+16\s+20\s/);
    expect(stdout).toContain(`report: ${join(out, "index.html")} with 7 PNG charts`);
    const html = readFileSync(join(out, "index.html"), "utf8");
    for (const heading of [
      "Rosenbrock",
      "L-BFGS, BFGS, Newton",
      "Poisson",
      "x^3 - 2x - 5",
      "FrozenLake",
      "Iris",
      "two moons",
    ])
      expect(html).toContain(heading);
    for (const chart of [
      "rosenbrock",
      "rosenbrock-quasi-newton",
      "poisson",
      "cubic-root",
      "frozen-lake",
      "kmeans-init",
      "two-moons",
    ]) {
      expect(
        readFileSync(join(out, `${chart}-iteration.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
    }
  }, 60_000);

  it("prints machine-readable rows with --json", async () => {
    const { code, stdout } = await run(["tour", "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { solver: string; converged: boolean; error: number; iterations: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.converged).toBe(true);
      // Each solver's own tests pin its accuracy; here every row must be close to its known answer.
      // Value iteration's sup-norm rule with eps = 0.01 guarantees ||V - V*|| <= eps / 2; modified policy
      // iteration's values are m sweeps of evaluation, not an exact solve. The network's error is its
      // validation error rate on two moons (noise 0.15), a few points at most.
      const approximate = /^(value iteration|policy iteration \(modified)/.test(row.solver);
      const tolerance = row.solver.startsWith("neural network") ? 0.05 : approximate ? 0.005 : 1e-7;
      expect(row.error).toBeLessThan(tolerance);
    }
  }, 60_000);
});

describe("iterlab run", () => {
  it("finds the root of an expression and exits with 0", async () => {
    const { code, stdout } = await run(["run", "newton", "--f", "x^3 - 2x - 5", "--x0", "2", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      converged: boolean;
      iterations: number;
      stopReason: { kind: string };
      solution: { x: number };
    };
    expect(result.converged).toBe(true);
    expect(result.stopReason.kind).toBe("converged");
    expect(result.solution.x).toBeCloseTo(2.0945514815423265, 12);
  });

  it("exits with 1 when the run stops at its bound", async () => {
    const { code, stdout } = await run(["run", "jacobi", "--problem", "poisson-2d", "--max-iterations", "5"]);
    expect(code).toBe(1);
    expect(stdout).toContain("did not converge: reached maxIterations = 5");
  });

  it("takes the problem's defaults: SOR on poisson-2d gets Young's omega and converges in about 60 sweeps", async () => {
    const { code, stdout } = await run(["run", "sor", "--problem", "poisson-2d", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { iterations: number; solver: string; solution: { error: number } };
    expect(result.solver).toContain("1.674");
    expect(result.iterations).toBeLessThan(80);
    expect(result.solution.error).toBeLessThan(1e-6);
  });

  it("clusters a CSV file and writes the trace", async () => {
    const csv = join(scratch, "points.csv");
    writeFileSync(csv, "x,y\n0,0\n0,1\n10,10\n10,11\n");
    const trace = join(scratch, "trace.csv");
    const { code, stdout } = await run(["run", "kmeans", "--csv", csv, "--k", "2", "--trace", trace, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { solution: { inertia: number; centroids: number[][] } };
    // Two pairs one apart: each centroid is a pair's midpoint, inertia 4 x 0.5^2 = 1.
    expect(result.solution.inertia).toBeCloseTo(1, 12);
    expect(result.solution.centroids.map((c) => c.join(",")).sort()).toEqual(["0,0.5", "10,10.5"]);
    expect(readFileSync(trace, "utf8").split("\n")[0]).toMatch(/^iteration,epoch,elapsed_ms,inertia/);
  });

  it("solves a JSON linear system given in triplets", async () => {
    const file = join(scratch, "system.json");
    // [[4, 1], [1, 3]] x = [1, 2] has x = (1/11, 7/11).
    writeFileSync(
      file,
      JSON.stringify({
        matrix: { rows: 2, columns: 2, rowIndices: [0, 0, 1, 1], columnIndices: [0, 1, 0, 1], values: [4, 1, 1, 3] },
        rhs: [1, 2],
      }),
    );
    const { code, stdout } = await run(["run", "gauss-seidel", "--input", file, "--tol", "1e-12", "--json"]);
    expect(code).toBe(0);
    const x = (JSON.parse(stdout) as { solution: { x: number[] } }).solution.x;
    expect(x[0]).toBeCloseTo(1 / 11, 10);
    expect(x[1]).toBeCloseTo(7 / 11, 10);
  });

  it("--threads gives the same result with 1 and 2 threads (k-means and EM on Iris, value iteration on FrozenLake)", async () => {
    for (const argv of [
      ["run", "hamerly-kmeans", "--k", "3", "--json"],
      ["run", "gaussian-mixture", "--k", "3", "--n-init", "2", "--json"],
      ["run", "value-iteration", "--json"],
    ]) {
      const [one, two] = [await run([...argv, "--threads", "1"]), await run([...argv, "--threads", "2"])];
      expect(one.code).toBe(0);
      const solution = (text: string) => (JSON.parse(text) as { solution: unknown }).solution;
      expect(solution(two.stdout)).toEqual(solution(one.stdout));
    }
  });

  it("solves an MDP from JSON, with --gamma replacing its discount", async () => {
    const file = join(scratch, "mdp.json");
    // One state, one action, reward 1 forever: V* = 1 / (1 - gamma) = 2 at gamma = 0.5.
    writeFileSync(file, JSON.stringify({ states: 1, actions: 1, transitions: [[[1]]], rewards: [[1]], discount: 0.9 }));
    const { code, stdout } = await run(["run", "policy-iteration", "--input", file, "--gamma", "0.5", "--json"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { solution: { values: number[] } }).solution.values[0]).toBeCloseTo(2, 10);
  });

  it.each([
    [["run", "xyz"], `error: unknown solver "xyz" (known: ${solverEntries.map((entry) => entry.name).join(", ")})`],
    [
      ["run", "newton", "--problem", "nope"],
      'error: unknown problem "nope" (known: cosine, cubic-root, rosenbrock, quadratic, circle-hyperbola, poisson-2d, poisson-1d, iris, blobs, frozen-lake-8x8, frozen-lake-4x4, gridworld-5x5, forest)',
    ],
    [
      ["run", "newton", "--problem", "iris"],
      "error: newton solves scalar-root problems, but this is a clustering problem (built-in scalar-root problems: cubic-root)",
    ],
    [["run", "newton", "--tol", "abc"], "error: option '--tol <number>' argument 'abc' is invalid. expected a number."],
    [["run", "newton", "--k", "3"], "error: --k does not apply to newton (its flags: --tol)"],
    [["run", "newton", "--threads", "2"], "error: --threads does not apply to newton (its flags: --tol)"],
    [["run", "kmeans", "--k", "3", "--threads", "0"], "error: --threads must be an integer >= 1, got 0"],
    [["run", "newton", "--tol", "-1"], "error: --tol must be a finite number >= 0, got -1"],
    [
      ["run", "kmeans", "--csv", "/nonexistent/points.csv"],
      "error: cannot read '/nonexistent/points.csv': no such file",
    ],
    [["run", "newton", "--f", "x^3 - ", "--x0", "2"], "error: problem.f must be"],
    [["run", "newton", "--f", "x^2 - 2"], "error: --f needs a start: --x0 <numbers> (or --bracket a,b for f(x) = 0)"],
    [
      ["run", "gradient-descent", "--f", "x^2 + y", "--x0", "1"],
      'error: cannot evaluate "x^2 + y" at --x0: Undefined symbol y',
    ],
    [
      ["run", "value-iteration", "--gamma", "1.5"],
      "error: --gamma must be a number in [0, 1) (1 only with episodic: true), got 1.5",
    ],
    [
      ["run", "kmeans", "--problem", "iris", "--csv", "a.csv"],
      "error: give one problem source, not --problem and --csv",
    ],
  ])("rejects %j with one line and the usage", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toContain(message);
    expect(lines[1]).toBe("Usage: iterlab run [options] <solver>");
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("pins the messages for malformed CSV and JSON files", async () => {
    const csv = join(scratch, "bad.csv");
    writeFileSync(csv, "1,2\n3,oops\n");
    expect((await run(["run", "kmeans", "--csv", csv])).stderr.split("\n")[0]).toBe(
      `error: ${csv}: line 2, column 2 must be a finite number, got "oops"`,
    );
    const ragged = join(scratch, "ragged.csv");
    writeFileSync(ragged, "1,2\n3,4,5\n");
    expect((await run(["run", "kmeans", "--csv", ragged])).stderr.split("\n")[0]).toBe(
      `error: ${ragged} line 2: expected 2 values like the lines above, got 3`,
    );
    const json = join(scratch, "bad.json");
    writeFileSync(json, "{ matrix: ");
    expect((await run(["run", "jacobi", "--input", json])).stderr.split("\n")[0]).toMatch(
      new RegExp(`^error: ${json}: not valid JSON \\(`),
    );
    const shape = join(scratch, "shape.json");
    writeFileSync(shape, JSON.stringify({ hello: 1 }));
    expect((await run(["run", "jacobi", "--input", shape])).stderr.split("\n")[0]).toBe(
      `error: ${shape}: expected a linear system {"matrix", "rhs"} or an MDP {"states", "actions", "transitions", "rewards", "discount"}`,
    );
  });
});
