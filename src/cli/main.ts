#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// The composition root's entry point: the only place that touches the real process.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
