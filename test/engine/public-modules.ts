import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  exports: Record<string, string | { import: string }>;
};

/** The source file of a subpath's built entry point: `./dist/solvers/kmeans/index.js` -> `solvers/kmeans/index.ts`. */
const sourceOf = (built: string): string => built.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts");

/**
 * Every public module by its import specifier (`iterlab`, `iterlab/solvers/kmeans`, ...), read from
 * package.json's `exports`, so a new subpath is checked without being listed here.
 */
export const publicModules: Readonly<Record<string, object>> = Object.fromEntries(
  await Promise.all(
    Object.entries(manifest.exports)
      .filter(([key]) => key !== "./package.json")
      .map(async ([key, target]) => {
        const built = typeof target === "string" ? target : target.import;
        const specifier = key === "." ? "iterlab" : `iterlab/${key.slice(2)}`;
        return [specifier, (await import(`${root}${sourceOf(built)}`)) as object] as const;
      }),
  ),
);

/** Whether a module is a solver family's public list (`iterlab/solvers/<family>`). */
export const isSolverModule = (specifier: string): boolean => specifier.startsWith("iterlab/solvers/");
