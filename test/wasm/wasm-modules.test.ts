import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateWasmModule, wasmKernelSources } from "./build-wasm.js";

describe("WebAssembly kernel modules", () => {
  it.each(
    wasmKernelSources.map((source) => [source.module.slice(source.module.lastIndexOf("/") + 1), source] as const),
  )("the committed %s is the compilation of its .wat file (regenerate with npm run build:wasm)", async (_, source) => {
    expect(readFileSync(source.module, "utf8")).toBe(await generateWasmModule(source));
  });
});
