#!/usr/bin/env node
import { runCli } from "./run-cli.js";

/** One key press from a terminal's standard input, in raw mode (so Enter and `q` need no line editing). */
function readKey(): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    stdin.setRawMode(true);
    stdin.resume();
    stdin.once("data", (data: Buffer) => {
      stdin.setRawMode(false);
      stdin.pause();
      resolve(data.toString("utf8"));
    });
  });
}

// The composition root's entry point: the only place that touches the real process.
// A reader that leaves early (`iterlab tour | head`) is not an error: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progressOutput: process.stderr.isTTY ? process.stderr : undefined,
  readKey: process.stdin.isTTY ? readKey : undefined,
});
