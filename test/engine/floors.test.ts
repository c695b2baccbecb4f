import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The folder tree is the architecture: the engine floor (src/engine and the libraries beside it), the solvers
// above it, the applications (src/apps) on top. Every import points down a floor, never up; this test reads
// every relative import of the source tree and checks it against that table.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, folder))) {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts") || name.endsWith(".tsx")) out.push(path);
  }
  return out;
}

/** Repository-relative targets of a file's relative imports (static, dynamic and `export ... from`). */
function relativeImports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)];
  return specifiers.map((match) => relative(root, resolve(root, dirname(file), match[1] as string)));
}

const engineLibraries = ["src/engine/", "src/compare/", "src/report/", "src/loggers/"];

/** Which folders each floor may import from; the first matching row applies. */
const allowed: ReadonlyArray<{ readonly floor: string; readonly may: readonly string[] }> = [
  { floor: "src/engine/", may: ["src/engine/"] },
  { floor: "src/compare/", may: engineLibraries },
  { floor: "src/report/", may: engineLibraries },
  { floor: "src/loggers/", may: engineLibraries },
  { floor: "solvers/", may: ["src/index.", "src/engine/internals.", "solvers/"] },
  // The lab runs in the browser on the public API and the solvers' public lists, like any user program.
  { floor: "src/apps/lab/", may: ["src/index.", "solvers/", "src/apps/lab/"] },
  { floor: "src/apps/", may: ["src/", "solvers/"] },
];

describe("folders show the floors", () => {
  const files = [...sourceFiles("src"), ...sourceFiles("solvers")];

  it("finds the three floors", () => {
    expect(files.some((file) => file.startsWith("src/engine/internal/"))).toBe(true);
    expect(files.some((file) => file.startsWith("src/apps/cli/"))).toBe(true);
    expect(files.some((file) => file.startsWith("solvers/newton/"))).toBe(true);
  });

  it("keeps src/ to the public root and the floor folders", () => {
    const top = readdirSync(join(root, "src")).sort();
    expect(top).toEqual(["apps", "compare", "engine", "index.ts", "loggers", "report"]);
  });

  it("points every import down a floor, never up", () => {
    const upward: string[] = [];
    for (const file of files) {
      if (file === "src/index.ts") continue;
      const rule = allowed.find((row) => file.startsWith(row.floor));
      if (rule === undefined) throw new Error(`${file} is in no floor`);
      for (const target of relativeImports(file)) {
        if (!rule.may.some((prefix) => target.startsWith(prefix))) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("lets only the CLI, the composition root, import the lab", () => {
    const intoLab = files
      .filter((file) => !file.startsWith("src/apps/lab/") && !file.startsWith("src/apps/cli/"))
      .flatMap((file) =>
        relativeImports(file)
          .filter((target) => target.startsWith("src/apps/lab/"))
          .map((target) => `${file} -> ${target}`),
      );
    expect(intoLab).toEqual([]);
    expect(files.some((file) => file.startsWith("src/apps/lab/web/pages/"))).toBe(true);
  });
});
