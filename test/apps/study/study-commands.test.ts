import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";
import { decodePng, temporaryDirectory } from "./support.js";

const studyFile = `name: root finders
seeds: 2
methods:
  - solver: newton
  - solver: secant
    grid: { maxIterations: [3, 50] }
problems:
  - name: cubic
    problem: { f: "x^3 - 2x - 5", x0: 2 }
    solution: 2.0945514815423265
`;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => {
  dir = temporaryDirectory();
});
afterEach(() => dir.remove());

describe("iterlab study", () => {
  it("runs a YAML study into its database, resumes it, and rebuilds the report", { timeout: 60_000 }, async () => {
    const file = join(dir.path, "roots.yaml");
    writeFileSync(file, studyFile);
    const first = await cli(["study", file, "--workers", "0"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `root finders: 6/6 runs recorded in ${join(dir.path, "roots.sqlite")} (0 from before, 6 now`,
    );
    expect(first.stdout).toMatch(/secant maxIterations=3\s+2\s+0\s+0\s+3 .* maxIterations 2/);
    expect(first.stderr).toContain("[########################] 6/6  done 6  failed 0  remaining 0");
    const again = await cli(["study", file, "--workers", "0"]);
    expect(again.stdout).toContain("6/6 runs recorded");
    expect(again.stdout).toContain("(6 from before, 0 now");
    const out = join(dir.path, "report");
    const report = await cli(["study", "report", join(dir.path, "roots.sqlite"), "--out", out]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`report: ${join(out, "index.html")}`);
    expect(existsSync(join(out, "performance-iterations.svg"))).toBe(true);
    expect(report.stdout).toMatch(/\((\d+) charts beside it, each as SVG and PNG\)/);
    // The PNG decodes (signature, header, inflated rows) at the SVG's own size.
    const svg = readFileSync(join(out, "performance-iterations.svg"), "utf8");
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
    const png = decodePng(readFileSync(join(out, "performance-iterations.png")));
    expect(png).toEqual({ width: Number(width), height: Number(height), bitDepth: 8, rows: Number(height) });
    expect(png.width).toBeGreaterThan(100);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("6 of 6 runs recorded");
  });

  it("names an unknown solver in a study file with the valid ones", async () => {
    const file = join(dir.path, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ name: "bad", methods: [{ solver: "newtn" }], problems: [{ name: "p", problem: {} }] }),
    );
    const { code, stderr } = await cli(["study", file, "--workers", "0"]);
    expect(code).toBe(2);
    expect(stderr).toContain("methods[0].solver must be one of fixed-point, gradient-descent, newton,");
  });
});
