import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  binOf,
  directoryBytes,
  installInConsumer,
  packPackage,
  root,
  run,
  runAsync,
  runOrThrow,
  typeRoots,
} from "./packed-package.js";
import type { PackedPackage } from "./packed-package.js";

// The package as a user gets it: `npm pack`, then `npm install <tarball>` in a fresh project with production
// dependencies only (no optional peers). It needs the npm registry (or npm's cache) and takes about a minute,
// most of it the build and the install; it runs with the rest of `npm test`, as CI has the registry.

const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  peerDependencies: Record<string, string>;
};

/** Every subpath's import specifier (`iterlab`, `iterlab/report`, ...), package.json aside. */
const specifiers = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? "iterlab" : `iterlab/${key.slice(2)}`));
/** The subpaths that need an optional part to load at all. */
const needsOptionalPart = new Set(["iterlab/solvers/neural"]);
const lean = specifiers.filter((specifier) => !needsOptionalPart.has(specifier));

const megabyte = 1024 * 1024;
/** Each check runs Node, npm or tsc in a child process: seconds on a quiet machine, a minute on a loaded one. */
const slow = 180_000;
let packed: PackedPackage;
let consumer: string;

beforeAll(() => {
  packed = packPackage();
  consumer = installInConsumer(packed, "consumer");
}, 600_000);

afterAll(() => {
  if (packed !== undefined) rmSync(packed.workDirectory, { recursive: true, force: true });
}, slow);

/** Runs a script file written into the consumer with Node and parses the JSON it prints. */
function probe(file: string, text: string): Record<string, { exports?: number; code?: string; message?: string }> {
  writeFileSync(join(consumer, file), text);
  return JSON.parse(runOrThrow(process.execPath, [file], consumer)) as ReturnType<typeof probe>;
}

const probeBody = (load: string) => `
const results = {};
for (const specifier of ${JSON.stringify(specifiers)}) {
  try {
    results[specifier] = { exports: Object.keys(${load}).length };
  } catch (error) {
    results[specifier] = { code: error.code, message: error.message.split("\\n")[0] };
  }
}
console.log(JSON.stringify(results));
`;

describe("the packed tarball", () => {
  it(
    "holds the build, package.json, README and CHANGELOG only: no tests, benchmarks, fixtures or maps",
    () => {
      const stray = packed.files.filter(
        (path) =>
          !/^dist\/(src|solvers)\/.+\.(js|d\.ts)$/.test(path) &&
          // The lab's browser bundle (built by prepack; this staging build leaves it out).
          !/^dist\/lab\//.test(path) &&
          !/^(package\.json|README\.md|CHANGELOG\.md)$/.test(path),
      );
      expect(stray).toEqual([]);
      expect(packed.files.filter((path) => /(^|\/)(test|bench|fixtures|examples)\//.test(path))).toEqual([]);
      expect(packed.files).toContain("CHANGELOG.md");
    },
    slow,
  );

  it(
    "contains every file the exports map and the bin point at",
    () => {
      const targets = Object.values(manifest.exports).flatMap((entry) =>
        typeof entry === "string" ? [entry] : Object.values(entry),
      );
      const missing = [...targets, ...Object.values(manifest.bin)]
        .map((path) => path.replace(/^\.\//, ""))
        .filter((path) => !packed.files.includes(path));
      expect(missing).toEqual([]);
    },
    slow,
  );

  it(
    "passes publint (strict) and Are the Types Wrong (node16 profile, CommonJS through require(esm))",
    () => {
      runOrThrow(process.execPath, [binOf("publint", "publint"), "run", packed.tarball, "--strict"], root);
      // cjs-resolves-to-esm is the design: `require` loads the ES modules themselves (Node >= 20.19), so there is
      // one copy of every class (instanceof holds) instead of a CommonJS twin.
      const attw = binOf("@arethetypeswrong/cli", "attw");
      runOrThrow(
        process.execPath,
        [attw, packed.tarball, "--profile", "node16", "--ignore-rules", "cjs-resolves-to-esm", "--format", "ascii"],
        root,
      );
    },
    slow,
  );
});

describe("a production install of the tarball", () => {
  it(
    "stays under 50 MB of node_modules, with no optional part installed",
    () => {
      const bytes = directoryBytes(join(consumer, "node_modules"));
      console.info(`lean install: ${(bytes / megabyte).toFixed(1)} MB in node_modules (file sizes, not disk blocks)`);
      expect(bytes).toBeLessThan(50 * megabyte);
      const installedPeers = Object.keys(manifest.peerDependencies).filter((name) =>
        existsSync(join(consumer, "node_modules", name)),
      );
      expect(installedPeers).toEqual([]);
    },
    slow,
  );

  it(
    "loads every subpath with import, and the neural one fails naming TensorFlow.js",
    () => {
      const results = probe("probe.mjs", probeBody("await import(specifier)"));
      for (const specifier of lean)
        expect([specifier, (results[specifier]?.exports ?? 0) > 0]).toEqual([specifier, true]);
      expect(results["iterlab/solvers/neural"]).toMatchObject({
        code: "ERR_MODULE_NOT_FOUND",
        message: expect.stringMatching(/Cannot find package '@tensorflow\/tfjs-/),
      });
    },
    slow,
  );

  it(
    "loads every subpath with require (no module in their graphs uses top-level await)",
    () => {
      const results = probe("probe.cjs", probeBody("require(specifier)"));
      for (const specifier of lean)
        expect([specifier, (results[specifier]?.exports ?? 0) > 0]).toEqual([specifier, true]);
      const esm = probe("probe-again.mjs", probeBody("await import(specifier)"));
      for (const specifier of lean) expect(results[specifier]?.exports).toBe(esm[specifier]?.exports);
    },
    slow,
  );

  it(
    "gives one class to import and require: an error thrown through one is an instance of the other's",
    () => {
      writeFileSync(
        join(consumer, "same-class.mjs"),
        `import { createRequire } from "node:module";
import { InvalidOptionError, iterate } from "iterlab";
const required = createRequire(import.meta.url)("iterlab");
let caught;
try { required.iterate(0, { update: (x) => x, maxIterations: -1 }); } catch (error) { caught = error; }
console.log(JSON.stringify([caught instanceof InvalidOptionError, required.iterate === iterate]));`,
      );
      expect(JSON.parse(runOrThrow(process.execPath, ["same-class.mjs"], consumer))).toEqual([true, true]);
    },
    slow,
  );

  it(
    "type-checks a consumer under nodenext (ESM and CommonJS files) and bundler resolution, strict",
    async () => {
      const imports = lean.map((specifier, index) => `import * as module${index} from "${specifier}";`).join("\n");
      const uses = `export const loaded = [${lean.map((_, index) => `module${index}`).join(", ")}];`;
      const typed = `import { iterate, installCommand } from "iterlab";
import type { ChartSpec } from "iterlab/report";
const result = iterate(1, { update: (x: number) => Math.cos(x), maxIterations: 100 });
export const fixedPoint: number = result.state;
export const hint: string = installCommand("charts");
export const spec: ChartSpec = { mark: "line" };
// @ts-expect-error a number is not a state of this run
export const wrong: string = result.state;`;
      writeFileSync(join(consumer, "consumer.mts"), `${imports}\n${uses}\n${typed}\n`);
      writeFileSync(
        join(consumer, "consumer.cts"),
        `import iterlab = require("iterlab");
import kmeans = require("iterlab/solvers/kmeans");
export const names: string[] = [typeof iterlab.iterate, typeof kmeans.kmeans];
`,
      );
      const base = {
        target: "es2022",
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ["node"],
        typeRoots: [typeRoots],
      };
      const configs = {
        "tsconfig.nodenext.json": {
          module: "nodenext",
          moduleResolution: "nodenext",
          files: ["consumer.mts", "consumer.cts"],
        },
        "tsconfig.bundler.json": { module: "preserve", moduleResolution: "bundler", files: ["consumer.mts"] },
      };
      const tsc = binOf("typescript", "tsc");
      const checks = Object.entries(configs).map(async ([file, { files, ...options }]) => {
        writeFileSync(join(consumer, file), JSON.stringify({ compilerOptions: { ...base, ...options }, files }));
        const output = await runAsync(process.execPath, [tsc, "-p", file], consumer);
        return [file, output.status, output.stdout];
      });
      expect(await Promise.all(checks)).toEqual(Object.keys(configs).map((file) => [file, 0, ""]));
    },
    slow,
  );

  it(
    "names the install command when an optional part is missing: charts from the API, TensorFlow.js from the CLI",
    () => {
      writeFileSync(
        join(consumer, "missing-part.mjs"),
        `import { OptionalPartMissingError } from "iterlab";
import { renderChartSvg } from "iterlab/report";
try { await renderChartSvg({ mark: "line" }); } catch (error) {
  console.log(JSON.stringify({ missing: error instanceof OptionalPartMissingError, message: error.message }));
}`,
      );
      const charts = JSON.parse(runOrThrow(process.execPath, ["missing-part.mjs"], consumer)) as Record<
        string,
        unknown
      >;
      expect(charts).toEqual({
        missing: true,
        message: expect.stringContaining(": npm install vega@^6.4.0 vega-lite@^6.4.3 @resvg/resvg-js@^2.6.2"),
      });
      const train = run(
        process.execPath,
        [join(consumer, "node_modules", ".bin", "iterlab"), "train", "two-moons"],
        consumer,
      );
      expect(train.status).toBe(2);
      expect(train.stderr).toContain(
        "is not installed: npm install @tensorflow/tfjs-core@^4.22.0 @tensorflow/tfjs-layers@^4.22.0 " +
          "@tensorflow/tfjs-backend-cpu@^4.22.0 @tensorflow/tfjs-backend-wasm@^4.22.0",
      );
    },
    slow,
  );

  it(
    "runs the CLI from the installed bin: --help, and a Gauss-Seidel solve to its tolerance",
    () => {
      const npx = process.platform === "win32" ? "npx.cmd" : "npx";
      const help = run(npx, ["--no-install", "iterlab", "--help"], consumer);
      expect([help.status, help.stdout.startsWith("Usage: iterlab")]).toEqual([0, true]);
      const solve = run(
        npx,
        ["--no-install", "iterlab", "run", "gauss-seidel", "--problem", "poisson-1d", "--json"],
        consumer,
      );
      const result = JSON.parse(solve.stdout) as { converged: boolean; solution: { relativeResidual: number } };
      expect([solve.status, result.converged]).toEqual([0, true]);
      expect(result.solution.relativeResidual).toBeLessThanOrEqual(1e-8);
    },
    slow,
  );

  it(
    "runs the tour without the optional parts, leaving out neural training and the report with their install lines",
    () => {
      const tour = run(process.execPath, [join(consumer, "node_modules", ".bin", "iterlab"), "tour"], consumer);
      expect(tour.status).toBe(0);
      expect(tour.stdout).toContain(
        "neural training left out: TensorFlow.js is not installed; to add it:\n  npm install @tensorflow/tfjs-core@^4.22.0",
      );
      expect(tour.stdout).toContain(
        "no report: chart rendering is not installed; to add it:\n  npm install vega@^6.4.0",
      );
      expect(tour.stdout).not.toContain("neural network, Adam");
    },
    slow,
  );
});
