import { fileURLToPath } from "node:url";

/** One fenced TypeScript block of a guide. */
export interface GuideSnippet {
  /** Where it starts, `docs/guides/studies.md:42`. */
  readonly where: string;
  /** Its code. */
  readonly code: string;
  /** Whether the test may run it (the info string `ts check-only` says it needs files the guide made elsewhere). */
  readonly runnable: boolean;
}

/**
 * The ` ```ts ` blocks of a Markdown document, in order.
 *
 * @param markdown - The document.
 * @param document - Its path, for {@link GuideSnippet.where}.
 */
export function guideSnippets(markdown: string, document: string): GuideSnippet[] {
  const snippets: GuideSnippet[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const info = /^```(ts|typescript)(\s+check-only)?\s*$/.exec((lines[i] as string).trim());
    if (info === null) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] as string).trim().startsWith("```")) end++;
    snippets.push({
      where: `${document}:${start}`,
      code: lines.slice(start, end).join("\n"),
      runnable: info[2] === undefined,
    });
    i = end;
  }
  return snippets;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The source file behind each package subpath the guides import. */
const subpaths: Readonly<Record<string, string>> = {
  iterlab: "src/index.js",
  "iterlab/report": "src/report/index.js",
  "iterlab/internals": "src/engine/internals.js",
  "iterlab/study": "src/apps/study/index.js",
  "iterlab/collections": "src/apps/collections/index.js",
};

/**
 * Rewrites a snippet's `iterlab` imports to the source files (`iterlab/solvers/x` to `solvers/x/index.js`), so
 * it type-checks and runs against this checkout, not a build.
 *
 * @param code - The snippet.
 */
export function withSourceImports(code: string): string {
  return code.replace(/from "(iterlab(?:\/[a-z-/]+)?)"/g, (_match, specifier: string) => {
    const solver = /^iterlab\/solvers\/([a-z-]+)$/.exec(specifier);
    const target = solver === null ? subpaths[specifier] : `solvers/${solver[1]}/index.js`;
    if (target === undefined) throw new Error(`a guide imports ${specifier}, which no source file provides`);
    return `from "${root}${target}"`;
  });
}

/**
 * Turns each line `expression; // value` whose comment begins with a value into a check of that value:
 * `// 154`, `// 1.39976e-6 (...)` (to the printed digits), `// true`, `// "symmetric"`, and
 * `// InvalidOptionError: message, ...` (the call throws that error with a message starting so). Other lines and
 * comments are left as they are. The checks call `expectValue(() => expression, comment)`.
 *
 * @param code - The snippet (imports already rewritten).
 */
export function withValueChecks(code: string): string {
  return code
    .split("\n")
    .map((line) => {
      const match = /^(\S[^/]*[^\s;]);\s*\/\/\s*(.+)$/.exec(line);
      if (match === null) return line;
      const [, expression, comment] = match as unknown as [string, string, string];
      if (/^\s*(const|let|import|export|return|await\s+study)\b/.test(expression)) return line;
      if (!/^(-?\d|true\b|false\b|"|[A-Z][A-Za-z]*Error:)/.test(comment)) return line;
      return `expectValue(() => (${expression}), ${JSON.stringify(comment)});`;
    })
    .join("\n");
}
