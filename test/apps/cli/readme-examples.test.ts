import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";
import { documentedCommands, shellWords } from "./documented-commands.js";

// Every `iterlab ...` line in a code block of the README and the guides runs as written, in a folder that
// holds the files the examples name (test/fixtures/readme/), and exits 0. A new example is picked up here
// without touching this file.

const root = fileURLToPath(new URL("../../..", import.meta.url));
const documents = [
  "README.md",
  ...readdirSync(join(root, "docs", "guides"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/guides/${name}`),
];
const examples = documents.flatMap((document) =>
  documentedCommands(readFileSync(join(root, document), "utf8")).map((line) => [document, line] as const),
);
const scratch = mkdtempSync(join(tmpdir(), "iterlab-readme-"));
const startedIn = process.cwd();

beforeAll(() => {
  cpSync(join(root, "test", "fixtures", "readme"), scratch, { recursive: true });
  process.chdir(scratch);
});

afterAll(() => {
  process.chdir(startedIn);
});

describe("the documented iterlab commands", () => {
  it("are found in the README: every command of the CLI section", () => {
    const readme = examples.filter(([document]) => document === "README.md").map(([, line]) => line.split(" ")[1]);
    expect(examples.length).toBeGreaterThanOrEqual(16);
    for (const command of ["tour", "solvers", "problems", "run", "step", "compare", "train"])
      expect(readme).toContain(command);
  });

  it.each(examples)("%s: `%s` runs as written and exits 0", { timeout: 180_000 }, async (_document, line) => {
    const [program, ...argv] = shellWords(line);
    expect(program).toBe("iterlab");
    let stdout = "";
    let stderr = "";
    const code = await runCli(argv, {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
    });
    expect(stderr).not.toMatch(/^error:/m);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(0);
  });
});

describe("shellWords", () => {
  it("splits at spaces, keeps quoted words whole and drops a trailing comment", () => {
    expect(shellWords(`iterlab run newton --f "x^3 - 2x - 5" --x0 2   # a "comment"`)).toEqual([
      "iterlab",
      "run",
      "newton",
      "--f",
      "x^3 - 2x - 5",
      "--x0",
      "2",
    ]);
    expect(shellWords("iterlab compare 'a b'#not-a-comment c")).toEqual([
      "iterlab",
      "compare",
      "a b#not-a-comment",
      "c",
    ]);
  });
});

describe("documentedCommands", () => {
  it("takes the iterlab lines of code blocks only, not those in the text", () => {
    const markdown = [
      "Run `iterlab tour` to see it.",
      "```sh",
      "iterlab solvers   # list",
      "npm test",
      "  iterlab problems",
      "```",
      "iterlab run x",
    ].join("\n");
    expect(documentedCommands(markdown)).toEqual(["iterlab solvers   # list", "iterlab problems"]);
  });
});
