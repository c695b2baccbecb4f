// iterlab step, compare and the command list (iterlab tour and run: run-cli.test.ts).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "./capture-cli.js";
import { solverEntries } from "../../../src/apps/cli/registry-solvers.js";

const run = captureCli;

const scratch = mkdtempSync(join(tmpdir(), "iterlab-cli-commands-"));

describe("iterlab step", () => {
  it("prints Newton's iterations with f'(x) and the error ratio, which tends to f''(x*) / (2 f'(x*))", async () => {
    const { code, stdout } = await run(["step", "newton", "--steps", "3"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("Newton on x^3 - 2x - 5 = 0 from 2");
    expect(lines[1]).toMatch(/k\s+x\s+f\(x\)\s+f'\(x\)\s+step\s+\|x - x\*\|\s+\|e_k\|\/\|e_k-1\|\^2/);
    // k = 0: x = 2, f = -1, f' = 3 * 4 - 2 = 10; k = 1: x = 2.1.
    expect(lines[2]?.trim().split(/\s+/).slice(0, 4)).toEqual(["0", "2.00000000000", "-1", "10"]);
    expect(lines[3]?.trim().split(/\s+/)[1]).toBe("2.10000000000");
    // f''(x*) / (2 f'(x*)) = 6 x* / (2 (3 x*^2 - 2)) = 0.5631 at x* = 2.0946.
    expect(Number(lines[5]?.trim().split(/\s+/).at(-1))).toBeCloseTo(0.563, 2);
    expect(stdout).toContain("stopped after 3 iterations, before the run's end");
  });

  it("steps Gauss-Seidel with the residual ratio, k-means with labels changed, value iteration with the sup-norm change", async () => {
    expect((await run(["step", "gauss-seidel", "--steps", "2"])).stdout).toContain("ratio r_k/r_k-1");
    expect((await run(["step", "kmeans", "--problem", "iris", "--steps", "2"])).stdout).toContain("labels changed");
    const vi = await run(["step", "value-iteration", "--problem", "gridworld-5x5", "--steps", "2"]);
    expect(vi.stdout).toContain("||V_k - V_k-1||");
    expect(vi.stdout).toContain("policy changes");
  });

  it("runs to the end and exits 0 when the run converges within the steps", async () => {
    const { code, stdout } = await run(["step", "halley", "--steps", "20"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/converged: .* after \d+ iterations/);
  });

  it("on a terminal, shows the next iteration on Enter and stops on q", async () => {
    const { code, stdout } = await run(["step", "newton"], ["\r", "\r", "q"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Enter: next iteration, q: quit");
    expect(stdout).toContain("stopped after 2 iterations, before the run's end");
  });
});

describe("iterlab compare", () => {
  it("compares root finders: orders near 2 and 1.6, none from Halley's three errors, and writes the charts and the report", async () => {
    const out = join(scratch, "report");
    const { code, stdout } = await run([
      "compare",
      "cubic-root",
      "--methods",
      "newton,secant,halley",
      "--out",
      out,
      "--json",
    ]);
    expect(code).toBe(0);
    type Row = {
      label: string;
      order: number | null;
      orderFit: { reason: string | null };
      runs: { orderFit: { value: number } }[];
    };
    const comparison = JSON.parse(stdout) as { errorName: string; rows: Row[] };
    expect(comparison.errorName).toBe("|x - x*|");
    const row = Object.fromEntries(comparison.rows.map((entry) => [entry.label, entry]));
    expect(row["newton"]?.order).toBeCloseTo(2, 0);
    expect(row["secant"]?.order).toBeCloseTo(1.618, 0);
    // Halley's method has 3 usable errors (then 0): one ratio, no fit to check, so no order is reported;
    // the evidence keeps the value fitted to them.
    expect(row["halley"]?.order).toBeNull();
    expect(row["halley"]?.orderFit.reason).toBe("fewer than 4 usable errors (finite, above the rounding floor)");
    expect(row["halley"]?.runs[0]?.orderFit.value).toBeCloseTo(3, 0);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("<svg");
    expect(readFileSync(join(out, "errors-by-iteration.svg"), "utf8")).toContain("<svg");
    expect(readFileSync(join(out, "errors-by-time.png")).subarray(1, 4).toString()).toBe("PNG");
  }, 15_000);

  it("prints the table and an ASCII chart, and exits 1 when a method does not converge", async () => {
    const { code, stdout } = await run([
      "compare",
      "poisson-2d",
      "--methods",
      "jacobi,sor",
      "--max-iterations",
      "100",
      "--no-report",
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("jacobi vs sor on 2-D Poisson 15 x 15");
    expect(stdout).toContain("legend:");
  });

  it("compares on an expression, measuring the residual when the root is not known", async () => {
    const { code, stdout } = await run([
      "compare",
      "--f",
      "x^2 - 2",
      "--x0",
      "1",
      "--methods",
      "newton,secant",
      "--no-report",
      "--json",
    ]);
    expect(code).toBe(0);
    const comparison = JSON.parse(stdout) as { errorName: string; rows: { label: string; finalError: number }[] };
    expect(comparison.errorName).toBe("||r||");
    for (const row of comparison.rows) expect(row.finalError).toBeLessThan(1e-12);
  });

  it("compares one solver with several settings: SOR's rate is omega - 1 at Young's optimal omega", async () => {
    const { code, stdout } = await run([
      "compare",
      "poisson-2d",
      "--methods",
      "sor:omega=1.5,sor:omega=1.674",
      "--no-report",
      "--json",
    ]);
    expect(code).toBe(0);
    const rows = (JSON.parse(stdout) as { rows: { label: string; rate: number; iterations: number }[] }).rows;
    expect(rows.map((row) => row.label)).toEqual(["sor:omega=1.5", "sor:omega=1.674"]);
    expect(rows[1]?.rate).toBeCloseTo(0.674, 1);
    expect(rows[1]?.iterations).toBeLessThan(rows[0]?.iterations ?? 0);
    const wrong = await run(["compare", "poisson-2d", "--methods", "sor:k=3", "--no-report"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split("\n")[0]).toBe(
      "error: --methods sor:k=3: sor takes tol=..., omega=..., check-every=..., not 'k=3'",
    );
  });

  it("rejects an unknown method and a method of another kind", async () => {
    const unknown = await run(["compare", "cubic-root", "--methods", "newton,bogus", "--no-report"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split("\n")[0]).toMatch(/^error: unknown solver "bogus"/);
    const mixed = await run(["compare", "cubic-root", "--methods", "newton,jacobi", "--no-report"]);
    expect(mixed.stderr.split("\n")[0]).toBe(
      "error: jacobi solves linear-system problems, but x^3 - 2x - 5 = 0 from 2 is a scalar-root problem",
    );
    expect(mixed.stderr.split("\n")[1]).toBe("Usage: iterlab compare [options] [problem]");
  });
});

describe("iterlab", () => {
  it("prints its version", async () => {
    const { code, stdout } = await run(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("lists its commands with --help, and the exit codes", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const command of ["tour", "run", "step", "compare", "solvers", "problems"]) expect(stdout).toContain(command);
    expect(stdout).toContain("Exit codes: 0 converged, 1 not converged, 2 usage error.");
  });

  it("lists the solvers and problems", async () => {
    const solvers = JSON.parse((await run(["solvers", "--json"])).stdout) as { name: string }[];
    expect(solvers.map((solver) => solver.name)).toEqual(solverEntries.map((entry) => entry.name));
    expect(solvers.length).toBeGreaterThanOrEqual(30);
    const problems = JSON.parse((await run(["problems", "--json"])).stdout) as { name: string; kind: string }[];
    expect(problems.map((problem) => problem.name)).toContain("poisson-2d");
  });

  it("exits with 2 and the usage on an unknown command", async () => {
    const { code, stderr } = await run(["bogus"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'bogus'");
    expect(stderr).toContain("Usage: iterlab");
  });
});
