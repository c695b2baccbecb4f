import type * as tf from "../../../solvers/neural/tfjs.js";
import { Random } from "../../../src/index.js";

/** y = 2 x1 - 3 x2 + 1 + noise, x uniform in [-1, 1]^2, noise normal with this standard deviation. */
export function linearData(n: number, noise: number, seed = 7): { x: number[][]; y: number[] } {
  const random = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = 2 * random.float() - 1;
    const x2 = 2 * random.float() - 1;
    x.push([x1, x2]);
    y.push(2 * x1 - 3 * x2 + 1 + random.normal(0, noise));
  }
  return { x, y };
}

/** The model's weights as plain arrays (a copy). */
export function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((weight) => Array.from(weight.dataSync()));
}

/** The largest absolute difference between two weight lists of the same shapes. */
export function maxDifference(a: readonly number[][], b: readonly number[][]): number {
  let max = 0;
  a.forEach((row, i) => row.forEach((value, j) => (max = Math.max(max, Math.abs(value - (b[i]?.[j] ?? NaN))))));
  return max;
}
