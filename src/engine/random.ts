import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { CheckpointError, InvalidOptionError } from "./errors.js";
import { integerAtLeast, validateOption } from "./validate.js";

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

/** Anything {@link Random.shuffle} can shuffle in place: an array or a typed array. */
export interface IndexedCollection {
  /** The number of items. */
  readonly length: number;
  /** The items, by index. */
  [index: number]: unknown;
}

/** The saved state of a {@link Random}: four 32-bit words. Plain data, safe to serialise. */
export type RandomState = readonly [number, number, number, number];

const seedRule = integerAtLeast(0, MAX_SEED);

/**
 * A seeded pseudo-random generator (xoroshiro128+ from `pure-rand`), the one source of randomness for the
 * engine and every solver.
 *
 * @remarks The seed is spread over the 128-bit state by SplitMix32, so neighbouring seeds give unrelated
 * streams. Floats use the generator's high bits (its low bits are its weakest). The whole state is
 * {@link Random.state}, so a run can be checkpointed and resumed exactly.
 *
 * @example
 * ```ts
 * const random = new Random(42);
 * random.float();          // in [0, 1)
 * random.int(10);          // in {0, ..., 9}
 * random.shuffle([1, 2, 3]);
 * ```
 */
export class Random {
  /** Made on first use from `#seed`: most runs never draw, and making it is a good part of a short run's set-up. */
  #generator: JumpableRandomGenerator | undefined;
  readonly #seed: number;

  /**
   * @param seed - An integer in [0, 2^32 - 1].
   * @throws {@link InvalidOptionError} when the seed is not such an integer.
   */
  constructor(seed: number) {
    validateOption("seed", seed, seedRule);
    this.#seed = seed;
  }

  /**
   * Recreates a generator from {@link Random.state}.
   *
   * @param state - A state saved earlier.
   * @returns A generator that continues exactly where the saved one was.
   * @throws {@link CheckpointError} when the state is not four 32-bit integers.
   */
  static fromState(state: readonly number[]): Random {
    if (state.length !== 4 || !state.every((word) => Number.isInteger(word) && Math.abs(word) <= 0xffff_ffff)) {
      throw new CheckpointError(`random state must be four 32-bit integers, got [${state.join(", ")}]`);
    }
    const random = new Random(0);
    random.#generator = xoroshiro128plusFromState(state);
    return random;
  }

  /** The generator, made from the seed on first use (the same state it would have had from the start). */
  #source(): JumpableRandomGenerator {
    this.#generator ??= xoroshiro128plusFromState(seedToState(this.#seed));
    return this.#generator;
  }

  /** @returns The generator's state, to save and pass to {@link Random.fromState}. */
  state(): RandomState {
    const [a = 0, b = 0, c = 0, d = 0] = this.#source().getState();
    return [a, b, c, d];
  }

  /** @returns An independent copy that produces the same sequence from here on. */
  clone(): Random {
    return Random.fromState(this.state());
  }

  /** @returns A uniform float in [0, 1), a multiple of 2^-53. */
  float(): number {
    const generator = this.#source();
    const high = generator.next() >>> 5; // 27 bits
    const low = generator.next() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /**
   * @param n - The number of possible values, an integer >= 1.
   * @returns A uniform integer in {0, ..., n - 1}, without modulo bias.
   * @throws {@link InvalidOptionError} when `n` is not an integer >= 1 (there is nothing to draw from).
   */
  int(n: number): number {
    if (!(Number.isSafeInteger(n) && n >= 1)) throw new InvalidOptionError("n", "an integer >= 1", n);
    return uniformInt(this.#source(), 0, n - 1);
  }

  /**
   * @param mean - The mean.
   * @param standardDeviation - The standard deviation.
   * @returns A normally distributed number (Box-Muller transform).
   */
  normal(mean = 0, standardDeviation = 1): number {
    const u = 1 - this.float(); // in (0, 1], so the logarithm is finite
    const v = this.float();
    return mean + standardDeviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Shuffles in place (Fisher-Yates), so every permutation is equally likely.
   *
   * @param items - The array (or typed array) to shuffle.
   * @returns The same array, shuffled.
   */
  shuffle<T extends IndexedCollection>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }

  /**
   * @param n - The number of items.
   * @returns A uniformly random permutation of 0, ..., n - 1.
   */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }

  /**
   * Draws an index with probability proportional to its weight.
   *
   * @param weights - Non-negative weights with a positive sum.
   * @returns An index `i` with probability `weights[i] / sum(weights)`.
   */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
    let target = this.float() * total;
    let last = 0;
    for (let i = 0; i < weights.length; i++) {
      const weight = weights[i] ?? 0;
      if (weight > 0) {
        last = i;
        target -= weight;
        if (target < 0) return i;
      }
    }
    return last; // rounding left a sliver of probability at the end
  }
}

/**
 * Derives the seed of the `index`-th of several related runs (restarts, repeated comparisons) from one
 * base seed, so each can be reproduced alone.
 *
 * @param seed - The base seed.
 * @param index - The run's index, an integer >= 0.
 * @returns A seed in [0, 2^32 - 1].
 */
export function deriveSeed(seed: number, index: number): number {
  validateOption("seed", seed, seedRule);
  validateOption("index", index, integerAtLeast(0));
  return splitMix32(splitMix32(seed) ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
}

function seedToState(seed: number): [number, number, number, number] {
  let x = seed >>> 0;
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    words[i] = splitMix32(x);
  }
  if (words.every((word) => word === 0)) words[0] = 1; // the all-zero state is a fixed point
  return words;
}

function splitMix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}
