/**
 * Logging is a hook: a progress bar on a terminal, compact lines, or JSON lines for machines.
 *
 * Run: npx tsx examples/logging.ts            (lines and JSON to the terminal)
 *      npx tsx examples/logging.ts | jq .     (the JSON lines are on stdout, the rest on stderr)
 *
 * The library never prints by itself: you choose a logger and pass it in `hooks`, with `every(n, ...)`
 * or the logger's own `every` option to thin the output.
 */
import { jsonLinesLogger, lineLogger, progressBar, solve } from "../src/index.js";
import type { LogOutput } from "../src/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const output: LogOutput = { write: (chunk: string) => print(chunk.trimEnd()) };
  const problem = {
    f: ([x = 0, y = 0]: Float64Array) => 100 * (y - x * x) ** 2 + (1 - x) ** 2,
    gradient: ([x = 0, y = 0]: Float64Array) => [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)],
    x0: [-1.2, 1],
  };
  const result = solve(gradientDescent({ maxIterations: 30_000 }), problem, {
    hooks: [
      lineLogger({ every: 5_000, fields: (state) => ({ f: state.f }), output }),
      jsonLinesLogger({ every: 10_000, output }),
      progressBar(), // draws only when stderr is a terminal
    ],
  });
  return { iterations: result.iterations };
}

runIfMain(import.meta.url, main);
