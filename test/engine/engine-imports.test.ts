// Importing the engine loads neither worker threads nor the progress-bar library: both load on first use.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

// An ESM resolve hook that logs every module the engine imports, and a probe that imports the engine in a
// fresh Node process, then loads both modules itself (a check that the probe sees them when they load).
const hook = `
import { appendFileSync } from "node:fs";
const log = new URL(import.meta.url).searchParams.get("log");
export async function resolve(specifier, context, next) {
  appendFileSync(log, JSON.stringify(specifier) + "\\n");
  return next(specifier, context);
}
`;
const probe = (hookUrl: string) => `
import { createRequire, register } from "node:module";
register(${JSON.stringify(hookUrl)});
const require = createRequire(${JSON.stringify(join(root, "package.json"))});
const cliProgress = () => Object.keys(require.cache).some((path) => path.includes("cli-progress"));
await import(${JSON.stringify(pathToFileURL(join(root, "src", "index.ts")).href)});
const afterEngine = cliProgress();
require("cli-progress");
console.log(JSON.stringify({ afterEngine, afterRequire: cliProgress() }));
`;

describe("importing src/index.ts", () => {
  it("loads neither node:worker_threads nor cli-progress until they are used", () => {
    const folder = mkdtempSync(join(tmpdir(), "iterlab-imports-"));
    try {
      const log = join(folder, "imports.log");
      writeFileSync(log, "");
      writeFileSync(join(folder, "hook.mjs"), hook);
      writeFileSync(join(folder, "probe.mjs"), probe(`${pathToFileURL(join(folder, "hook.mjs")).href}?log=${log}`));
      const run = spawnSync(process.execPath, ["--import", "tsx", join(folder, "probe.mjs")], {
        cwd: root,
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual({ afterEngine: false, afterRequire: true });
      const imported = readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as string);
      // The log holds the engine's own imports (a check that it saw them), and no worker threads.
      expect(imported).toContain("./engine/iterate.js");
      expect(imported).toContain("node:module");
      expect(imported.filter((name) => /worker_threads|cli-progress/.test(name))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
