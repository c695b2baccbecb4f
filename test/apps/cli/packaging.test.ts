import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  exports: Record<string, { import: string } | string>;
};

describe("installing iterlab from a clone", () => {
  it("builds on install: prepare runs the build (npm install, npm ci, npm install -g <clone>, npm pack)", () => {
    expect(manifest.scripts["prepare"]).toMatch(/&& npm run build$/);
    expect(manifest.scripts["build"]).toBe("tsc -p tsconfig.build.json");
  });

  it("installs the clone's own dependencies first when they are missing (npm install -g from a bare clone)", () => {
    // Without them tsc is not there; the nested install must be local, never a global one inherited from npm.
    expect(manifest.scripts["prepare"]).toContain("require.resolve('typescript')");
    expect(manifest.scripts["prepare"]).toContain(
      "npm install --global=false --prefix . --include=dev --ignore-scripts",
    );
  });

  it("points the iterlab bin at the CLI's entry point as the build writes it", () => {
    expect(manifest.bin["iterlab"]).toBe("./dist/src/apps/cli/main.js");
    expect(readFileSync(join(root, "src", "apps", "cli", "main.ts"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(
      true,
    );
  });
});

describe("the API docs' module names", () => {
  it("are the import paths: iterlab and iterlab/solvers/<name>, one per typedoc entry point and export", () => {
    const config = JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8")) as {
      typedocOptions: { entryPoints: string[] };
    };
    const names = config.typedocOptions.entryPoints.map(
      (entry) => /@module (\S+)/.exec(readFileSync(join(root, entry), "utf8"))?.[1],
    );
    const exported = Object.keys(manifest.exports)
      .filter((key) => key !== "./package.json")
      .map((key) => (key === "." ? "iterlab" : `iterlab/${key.slice(2)}`));
    expect([...names].sort()).toEqual([...exported].sort());
  });
});

describe("the README's gradient-descent example", () => {
  it("converges: Rosenbrock from (-1.2, 1) takes 19,384 steps, within the example's --max-iterations 50000", async () => {
    let stdout = "";
    const argv = ["run", "gradient-descent", "--f", "100 (y - x^2)^2 + (1 - x)^2", "--x0", "-1.2,1"];
    const code = await runCli([...argv, "--max-iterations", "50000", "--json"], {
      stdout: (text) => void (stdout += text),
      stderr: () => undefined,
    });
    const result = JSON.parse(stdout) as { converged: boolean; iterations: number };
    expect([code, result.converged, result.iterations]).toEqual([0, true, 19384]);
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(
      `iterlab run gradient-descent --f "100 (y - x^2)^2 + (1 - x)^2" --x0 -1.2,1 --max-iterations 50000`,
    );
  });
});
