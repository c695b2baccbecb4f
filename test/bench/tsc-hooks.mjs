// Module hooks for tsc-loader.mjs: `.js` specifiers that name a `.ts` source resolve to it, and `.ts` files
// are transpiled one at a time with TypeScript's transpileModule (types erased, nothing renamed or wrapped).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const options = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
  sourceMap: false,
  inlineSourceMap: true,
};

export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? "";
  if (specifier.startsWith(".") && specifier.endsWith(".js") && parent.endsWith(".ts")) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, format: "module", shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return next(url, context);
  const path = fileURLToPath(url);
  const output = ts.transpileModule(readFileSync(path, "utf8"), { compilerOptions: options, fileName: path });
  return { format: "module", source: output.outputText, shortCircuit: true };
}
