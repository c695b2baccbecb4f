import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

// End to end through the built binary, as a user runs it: `npm run build` once, then `node dist/src/apps/cli/main.js`.

const root = fileURLToPath(new URL("../../..", import.meta.url));
const binary = join(root, "dist", "src", "apps", "cli", "main.js");
const scratch = mkdtempSync(join(tmpdir(), "iterlab-bin-"));

async function iterlab(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [binary, ...argv], { cwd: scratch });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  // `npm run build`, incremental (the build info lives in dist/, so a rebuild after a small change is quick).
  // tsc emits even when some other file has a type error; the binary is what these tests need.
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  await promisify(execFile)(
    process.execPath,
    [tsc, "-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", "dist/.tsbuildinfo"],
    { cwd: root },
  ).catch(() => undefined);
  if (!existsSync(binary)) throw new Error(`the build did not produce ${binary}`);
}, 180_000);

describe("the iterlab binary", { timeout: 30_000 }, () => {
  it("is the file package.json's bin names, and prints its help", async () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: { iterlab: string } };
    expect(join(root, manifest.bin.iterlab)).toBe(binary);
    const { code, stdout } = await iterlab("--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: iterlab \[options\] \[command\]\n/);
  });

  it("run: exits 0 on convergence with JSON that parses", async () => {
    const { code, stdout } = await iterlab("run", "newton", "--f", "x^3 - 2x - 5", "--x0", "2", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { converged: boolean; iterations: number; solution: { x: number } };
    expect(result.converged).toBe(true);
    expect(result.solution.x).toBeCloseTo(2.0945514815423265, 12);
  });

  it("run: exits 1 when the run does not converge", async () => {
    const { code, stdout } = await iterlab("run", "gauss-seidel", "--problem", "poisson-2d", "--max-iterations", "3");
    expect(code).toBe(1);
    expect(stdout).toContain("did not converge: reached maxIterations = 3");
  });

  it("run: exits 2 with one line and the usage, never a stack trace, on a bad flag", async () => {
    const { code, stdout, stderr } = await iterlab("run", "sor", "--omega", "two");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "error: option '--omega <number>' argument 'two' is invalid. expected a number.\nUsage: iterlab run [options] <solver>\nRun 'iterlab run --help' for its options.\n",
    );
  });

  it("step --steps 3: iteration 0 and three more, then exits", async () => {
    const { code, stdout } = await iterlab("step", "newton", "--steps", "3");
    expect(code).toBe(0);
    const rows = stdout.split("\n").filter((line) => /^\s+\d+\s/.test(line));
    expect(rows.map((row) => row.trim().split(/\s+/)[0])).toEqual(["0", "1", "2", "3"]);
  });

  it("compare: writes the charts and the HTML report", async () => {
    const { code, stdout } = await iterlab(
      "compare",
      "poisson-1d",
      "--methods",
      "jacobi,gauss-seidel,sor",
      "--out",
      "poisson",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("wrote poisson/index.html");
    const html = readFileSync(join(scratch, "poisson", "index.html"), "utf8");
    expect(html).toContain("<svg");
    for (const file of [
      "errors-by-iteration.svg",
      "errors-by-iteration.png",
      "errors-by-time.svg",
      "errors-by-time.png",
    ]) {
      expect(existsSync(join(scratch, "poisson", file))).toBe(true);
    }
  });
});
