import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * iterlab's version, read from the nearest `package.json` named `iterlab` above this file (the same from
 * `src/` under tsx and from `dist/src/` when built); `unknown` when none is found.
 */
export function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === "iterlab" && typeof manifest.version === "string") return manifest.version;
    } catch {
      // No readable package.json here: look one level up.
    }
    const parent = dirname(directory);
    if (parent === directory) return "unknown";
    directory = parent;
  }
}
