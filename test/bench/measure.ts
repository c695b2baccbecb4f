/** One contender in a side-by-side benchmark: a name and a function that runs the whole workload once. */
export interface Contender {
  readonly name: string;
  readonly run: () => unknown;
}

/** Median wall time of each contender, measured in interleaved rounds so that machine noise hits all alike. */
export interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
}

/**
 * Runs every contender `rounds` times, interleaved (A B C A B C ...), after `warmup` unmeasured rounds,
 * and returns the median time of each. Ratios between medians measured this way, in one process, are what
 * the benchmark reports: absolute times on a 2-core shared machine drift between runs.
 */
export function measureSideBySide(contenders: readonly Contender[], rounds: number, warmup = 3): Measurement[] {
  const samples = contenders.map(() => [] as number[]);
  let sink: unknown;
  for (let round = 0; round < warmup + rounds; round++) {
    contenders.forEach((contender, index) => {
      const started = performance.now();
      sink = contender.run();
      const elapsed = performance.now() - started;
      if (round >= warmup) samples[index]?.push(elapsed);
    });
  }
  if (sink === Symbol.for("never")) console.log(sink); // keeps results alive so nothing is optimised away
  return contenders.map((contender, index) => {
    const sorted = [...(samples[index] ?? [])].sort((a, b) => a - b);
    return { name: contender.name, medianMs: sorted[sorted.length >> 1] ?? NaN, samplesMs: samples[index] ?? [] };
  });
}

/** Formats measurements as a table of median times and ratios to the first (the reference). */
export function formatMeasurements(title: string, measurements: readonly Measurement[]): string {
  const reference = measurements[0]?.medianMs ?? NaN;
  const width = Math.max(...measurements.map((m) => m.name.length));
  const lines = measurements.map(
    (m) =>
      `  ${m.name.padEnd(width)}  ${m.medianMs.toFixed(1).padStart(8)} ms  ${(m.medianMs / reference).toFixed(3)}x`,
  );
  return [`${title}`, ...lines].join("\n");
}
