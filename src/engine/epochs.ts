import { InvalidOptionError } from "./errors.js";
import type { OptionSchemaOf } from "./validate.js";
import { anyValue, integerAtLeast, rejectUnknownOptions, validateOption } from "./validate.js";

/** Options of {@link iterationsPerEpoch}. */
export interface IterationsPerEpochOptions {
  /**
   * Drop the last, incomplete batch, so every update sees exactly `batchSize` samples.
   * @defaultValue `false`
   */
  readonly dropLast?: boolean;
  /**
   * Mini-batches accumulated into one update (gradient accumulation): an iteration is one optimizer step.
   * @defaultValue `1`
   */
  readonly accumulationSteps?: number;
}

/** The names of {@link IterationsPerEpochOptions} (checked where the option is read). */
const epochOptionNames = {
  dropLast: anyValue,
  accumulationSteps: anyValue,
} satisfies OptionSchemaOf<IterationsPerEpochOptions>;

/**
 * The number of iterations (parameter updates) in one epoch (one pass over the data):
 * `ceil(samples / batchSize)` batches, or `floor(...)` with `dropLast`, divided by the accumulation steps
 * (rounded up: a last, partial accumulation still makes an update).
 *
 * @param samples - Training samples, an integer >= 1.
 * @param batchSize - Samples per mini-batch, an integer >= 1.
 * @param options - Drop-last and gradient accumulation.
 * @returns Iterations per epoch, >= 1.
 * @throws {@link InvalidOptionError} for invalid counts, or when `dropLast` leaves no complete batch.
 * @example
 * ```ts
 * iterationsPerEpoch(60000, 128);                    // 469
 * iterationsPerEpoch(60000, 128, { dropLast: true }); // 468
 * ```
 */
export function iterationsPerEpoch(
  samples: number,
  batchSize: number,
  options: IterationsPerEpochOptions = {},
): number {
  rejectUnknownOptions(options, epochOptionNames, "iterationsPerEpoch");
  validateOption("samples", samples, integerAtLeast(1));
  validateOption("batchSize", batchSize, integerAtLeast(1));
  const accumulation = options.accumulationSteps ?? 1;
  validateOption("accumulationSteps", accumulation, integerAtLeast(1));
  const batches = options.dropLast === true ? Math.floor(samples / batchSize) : Math.ceil(samples / batchSize);
  if (batches === 0)
    throw new InvalidOptionError("batchSize", `at most samples (${samples}) when dropLast is true`, batchSize);
  return Math.ceil(batches / accumulation);
}
