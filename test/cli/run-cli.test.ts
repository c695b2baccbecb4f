import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe("iterlab tour", () => {
  it("runs every solver on its built-in problem and prints one row per run", async () => {
    const { code, stdout } = await run(["tour"]);
    expect(code).toBe(0);
    for (const column of ["solver", "problem", "iterations", "stop reason", "final error", "time"]) expect(stdout).toContain(column);
    expect(stdout).toContain("fixed point");
    expect(stdout).toContain("gradient descent (backtracking)");
    expect(stdout).toMatch(/\d+ of \d+ runs converged/);
  });

  it("prints machine-readable rows with --json", async () => {
    const { code, stdout } = await run(["tour", "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { solver: string; converged: boolean; error: number; iterations: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.converged).toBe(true);
      // Each solver's own tests pin its accuracy; here every row must be close to its known answer.
      // Value iteration's sup-norm rule with eps = 0.01 guarantees ||V - V*|| <= eps / 2; modified policy
      // iteration's values are m sweeps of evaluation, not an exact solve.
      const approximate = /^(value iteration|policy iteration \(modified)/.test(row.solver);
      expect(row.error).toBeLessThan(approximate ? 0.005 : 1e-7);
    }
  });
});

describe("iterlab", () => {
  it("lists its commands with --help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("tour");
  });

  it("exits with 2 and the usage on an unknown command", async () => {
    const { code, stderr } = await run(["bogus"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'bogus'");
    expect(stderr).toContain("Usage: iterlab");
  });

  it("runs as a process through its entry point", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/main.ts", "--version"], { cwd: root });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
