import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { guideSnippets, withSourceImports, withValueChecks } from "./guide-snippets.js";

// The TypeScript blocks of these guides type-check against the sources under the project's strict options, and
// those not marked `ts check-only` run, with each `expression; // value` comment checked (test/docs/guide-snippets.ts).
const root = fileURLToPath(new URL("../..", import.meta.url));
const documents = ["docs/guides/studies.md", "docs/guides/collections.md"];
const snippets = documents.flatMap((document) => guideSnippets(readFileSync(join(root, document), "utf8"), document));
const scratch = mkdtempSync(join(tmpdir(), "iterlab-guide-snippets-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a value comment claims, checked against what the expression gives. */
function expectValue(evaluate: () => unknown, comment: string): void {
  const error = /^([A-Z][A-Za-z]*Error): (.+?)(?:,? \.\.\.)?$/.exec(comment);
  if (error !== null) {
    let thrown: unknown;
    try {
      evaluate();
    } catch (caught) {
      thrown = caught;
    }
    expect((thrown as Error | undefined)?.constructor.name, comment).toBe(error[1]);
    expect((thrown as Error).message.startsWith(error[2] as string), `${(thrown as Error).message} vs ${comment}`).toBe(
      true,
    );
    return;
  }
  const value = evaluate();
  const quoted = /^"([^"]*)"/.exec(comment);
  if (quoted !== null) return void expect(value, comment).toBe(quoted[1]);
  const word = /^(true|false)\b/.exec(comment);
  if (word !== null) return void expect(value, comment).toBe(word[1] === "true");
  const printed = /^-?[\d.]+(?:e[-+]?\d+)?/.exec(comment)?.[0] as string;
  const number = Number(printed);
  if (!printed.includes(".") && !printed.includes("e")) return void expect(value, comment).toBe(number);
  // To the printed digits: within one unit in the last one (the guides round or truncate).
  const digits = printed
    .replace(/^-|e.*$/g, "")
    .replace(".", "")
    .replace(/^0+/, "").length;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(number))) - digits + 1);
  expect(Math.abs((value as number) - number), `${String(value)} vs ${comment}`).toBeLessThanOrEqual(unit);
}

describe("the TypeScript blocks of the studies and collections guides", () => {
  it("are found: every guide has some, some run", () => {
    for (const document of documents) expect(snippets.some((snippet) => snippet.where.startsWith(document))).toBe(true);
    expect(snippets.filter((snippet) => snippet.runnable).length).toBeGreaterThanOrEqual(4);
  });

  it("type-check against the sources under the project's compiler options", { timeout: 240_000 }, () => {
    const files = snippets.map((snippet, index) => {
      const file = join(scratch, `check-${index}.mts`);
      writeFileSync(file, `${withSourceImports(snippet.code)}\nexport {};\n`);
      return file;
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    // Snippets show values by naming them (`symmetry;`) and keep names for the reader: unused ones are fine.
    const { rootDir: _rootDir, outDir: _outDir, ...projectOptions } = config?.options ?? {};
    const options = { ...projectOptions, noUnusedLocals: false, noEmit: true, declaration: false };
    const program = ts.createProgram(files, options);
    const problems = files.flatMap((file, index) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
        const line = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? 0;
        const snippet = snippets[index] as (typeof snippets)[number];
        const [document, start] = snippet.where.split(":");
        return `${document}:${Number(start) + line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
      }),
    );
    expect(problems).toEqual([]);
  });

  const runnable = snippets.filter((snippet) => snippet.runnable);
  it.each(runnable.map((snippet) => [snippet.where, snippet] as const))(
    "%s runs and every value its comments state holds",
    { timeout: 120_000 },
    async (_where, snippet) => {
      const file = join(scratch, `run-${snippets.indexOf(snippet)}.mts`);
      const prelude = "const expectValue = (globalThis as Record<string, unknown>).__guideExpectValue as never;\n";
      writeFileSync(file, `${prelude}${withValueChecks(withSourceImports(snippet.code))}\nexport {};\n`);
      (globalThis as Record<string, unknown>).__guideExpectValue = expectValue;
      try {
        await import(pathToFileURL(file).href);
      } finally {
        delete (globalThis as Record<string, unknown>).__guideExpectValue;
      }
    },
  );
});
