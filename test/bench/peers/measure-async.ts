/**
 * The async counterpart of `measureSideBySide` (test/bench/measure.ts): runs every contender `rounds` times,
 * interleaved, after `warmup` unmeasured rounds, and returns each one's median wall time in ms.
 */
export async function measureSideBySideAsync(
  contenders: readonly (() => Promise<unknown>)[],
  rounds: number,
  warmup = 1,
): Promise<number[]> {
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      const started = performance.now();
      await contender();
      if (round >= warmup) samples[index]?.push(performance.now() - started);
    }
  }
  return samples.map((times) => [...times].sort((a, b) => a - b)[times.length >> 1] ?? Number.NaN);
}
