// `iterlab run` prints the warnings a solver's prepare recorded (result.warnings) on stderr, and adds them to
// its JSON output; a problem without warnings prints exactly what it printed before.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "iterlab-run-notes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(matrix: number[][], json: boolean) {
  const file = join(scratch, `system-${json}-${matrix.length}.json`);
  writeFileSync(file, JSON.stringify({ matrix, rhs: matrix.map(() => 1) }));
  let stdout = "";
  let stderr = "";
  const argv = ["run", "gauss-seidel", "--input", file, "--max-iterations", "3", ...(json ? ["--json"] : [])];
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

// Symmetric with a positive diagonal, neither diagonally dominant nor positive definite (eigenvalues 3, -1).
const indefinite = [
  [1, 2],
  [2, 1],
];
const dominant = [
  [4, 1],
  [1, 4],
];

describe("iterlab run: warnings", () => {
  it("prints a non-dominant matrix's warning on stderr, wrapped, and leaves stdout as without one", async () => {
    const warned = await run(indefinite, false);
    expect(warned.stderr).toMatchInlineSnapshot(`
      "warning: convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]|
        = 1 < sum_{j != 0} |a[0][j]| = 2) nor symmetric positive definite (its Cholesky factorisation
        fails)
      "
    `);
    expect(warned.stdout).not.toContain("warning:");
    const quiet = await run(dominant, false);
    expect(quiet.stderr).toBe("");
  });

  it("adds the warnings to the JSON output only when there are some", async () => {
    const warned = JSON.parse((await run(indefinite, true)).stdout) as { warnings?: string[] };
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings?.[0]).toMatch(/^convergence is not guaranteed: the matrix is neither diagonally dominant/);
    const quiet = JSON.parse((await run(dominant, true)).stdout) as Record<string, unknown>;
    expect(Object.keys(quiet)).not.toContain("warnings");
  });
});
