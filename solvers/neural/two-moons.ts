import { InvalidOptionError, Random } from "../../src/index.js";
import {
  anyValue,
  integerAtLeast,
  numberAtLeast,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** Options of {@link twoMoons}. */
export interface TwoMoonsOptions {
  /**
   * Points in all, an integer >= 2; labels alternate 0, 1, so the classes differ by at most one point.
   * @defaultValue `400`
   */
  readonly samples?: number | undefined;
  /**
   * Standard deviation of the Gaussian noise added to each coordinate, a finite number >= 0.
   * @defaultValue `0.15`
   */
  readonly noise?: number | undefined;
  /**
   * Seed of the generator (an integer in [0, 2^32 - 1]): the same seed gives the same points.
   * @defaultValue `7`
   */
  readonly seed?: number | undefined;
}

/** Points of a classification problem and their class labels. */
export interface ClassifiedPoints {
  /** The points, one row of features each. */
  readonly x: number[][];
  /** The class of each point (0 or 1 for two moons). */
  readonly y: number[];
}

/**
 * Two interleaved half-moons in the plane, the classic small problem that no linear classifier solves
 * (scikit-learn's `make_moons`): class 0 on the upper arc `(cos t, sin t)`, class 1 on the lower arc
 * `(1 - cos t, 1/2 - sin t)`, `t` uniform in `[0, pi]`, plus Gaussian noise.
 *
 * @param options - Number of points, noise and seed.
 * @returns Rows of two features and their class labels, in generation order (labels alternate), ready for
 *   {@link trainNetwork}.
 * @throws `InvalidOptionError` for options out of range.
 * @example
 * ```ts
 * const moons = twoMoons({ samples: 400, noise: 0.15, seed: 7 });
 * await trainNetwork(neuralNetwork({ layers: [{ units: 16, activation: "relu" }, { units: 2 }], validationSplit: 0.25 }), moons);
 * ```
 */
export function twoMoons(options: TwoMoonsOptions = {}): ClassifiedPoints {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  const rules = {
    samples: optional(integerAtLeast(2)),
    noise: optional(numberAtLeast(0)),
    seed: anyValue,
  } satisfies OptionSchemaOf<TwoMoonsOptions>;
  validateStrictOptions(options, rules, "twoMoons");
  const { samples = 400, noise = 0.15, seed = 7 } = options;
  const random = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < samples; i++) {
    const label = i % 2;
    const t = Math.PI * random.float();
    const [px, py] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    x.push([px + random.normal(0, noise), py + random.normal(0, noise)]);
    y.push(label);
  }
  return { x, y };
}
