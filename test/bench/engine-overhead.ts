import { below, iterate, iterateAsync, iterations } from "../../src/index.js";
import { formatMeasurements, measureSideBySide } from "./measure.js";

/**
 * Engine overhead against a hand-written loop running the same trivial update, x = cos x, side by side in
 * one process (the target: at most 1.10x with tracing off).
 */
export async function engineOverhead(steps = 10_000_000, rounds = 9): Promise<string> {
  const update = (x: number) => Math.cos(x);
  const never = below(() => 1, 0, { name: "never" });
  const handWritten = () => {
    let x = 1;
    for (let i = 0; i < steps; i++) x = Math.cos(x);
    return x;
  };
  const sync = measureSideBySide(
    [
      { name: "hand-written for loop", run: handWritten },
      { name: "iterate, trace off", run: () => iterate(1, { update, maxIterations: steps, trace: false }).state },
      {
        name: "iterate, trace every step (bounded, thinned)",
        run: () => iterate(1, { update, maxIterations: steps }).state,
      },
      {
        name: "iterate, one convergence test, trace off",
        run: () => iterate(1, { update, maxIterations: steps, converged: never, trace: false }).state,
      },
    ],
    rounds,
  );

  const fullSteps = 1_000_000;
  const full = measureSideBySide(
    [
      {
        name: `hand-written for loop (${fullSteps} steps)`,
        run: () => {
          let x = 1;
          for (let i = 0; i < fullSteps; i++) x = Math.cos(x);
          return x;
        },
      },
      {
        name: "iterate, every step kept in the trace",
        run: () => iterate(1, { update, maxIterations: fullSteps, trace: { maxLength: fullSteps + 1 } }).state,
      },
      {
        name: "iterations() generator, consumer loop",
        run: () => {
          let last = 0;
          for (const event of iterations(1, { update, maxIterations: fullSteps, trace: false })) last = event.state;
          return last;
        },
      },
    ],
    rounds,
  );

  // The async driver is measured on its own (it cannot run inside the synchronous harness).
  const asyncSamples: number[] = [];
  const handSamples: number[] = [];
  for (let round = 0; round < rounds + 2; round++) {
    let started = performance.now();
    handWritten();
    const hand = performance.now() - started;
    started = performance.now();
    await iterateAsync(1, { update, maxIterations: steps, trace: false });
    const asynchronous = performance.now() - started;
    if (round >= 2) {
      handSamples.push(hand);
      asyncSamples.push(asynchronous);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

  return [
    formatMeasurements(`Engine overhead, x = cos x, ${steps} steps (median of ${rounds} interleaved rounds)`, sync),
    "",
    formatMeasurements(`Full traces and step-through, ${fullSteps} steps`, full),
    "",
    `Async driver (yields to the event loop every 10 ms), ${steps} steps`,
    `  hand-written for loop  ${median(handSamples).toFixed(1).padStart(8)} ms  1.000x`,
    `  iterateAsync, trace off ${median(asyncSamples).toFixed(1).padStart(7)} ms  ${(median(asyncSamples) / median(handSamples)).toFixed(3)}x`,
  ].join("\n");
}
