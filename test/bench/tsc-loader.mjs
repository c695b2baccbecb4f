// Runs the benchmarks on TypeScript's own output, as a user's build would see the library. tsx transpiles with
// esbuild's keepNames, which wraps every named function expression in a call to Object.defineProperty: on
// Node 20 that costs about a microsecond per closure created, so a solver that builds a small closure per
// step (or an engine that builds one per run) would be charged for an artefact of the runner, not for its
// code. Usage: node --import ./test/bench/tsc-loader.mjs test/bench/peers/run.ts
import { register } from "node:module";

register("./tsc-hooks.mjs", import.meta.url);
