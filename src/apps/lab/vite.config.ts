import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The lab's bundle: the library's own solvers compiled for the browser. Four Node built-ins that a few
// modules import (lazily, or for Node-only paths) are replaced by small browser modules in stubs/.
const here = dirname(fileURLToPath(import.meta.url));

/** Where `npm run build:lab` writes the bundle that `iterlab lab` serves. */
export const labBundleFolder = join(here, "../../../dist/lab");

export default defineConfig({
  root: join(here, "web"),
  base: "./",
  logLevel: "warn",
  resolve: {
    alias: {
      "node:module": join(here, "stubs/node-module.ts"),
      "node:os": join(here, "stubs/node-os.ts"),
      "node:path": join(here, "stubs/node-path.ts"),
    },
  },
  build: {
    outDir: labBundleFolder,
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});
