/**
 * Gradient clipping by global norm and by value, on tensors, without reading anything back from the device.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { numberAbove, validateOption } from "../../src/engine/internals.js";

/**
 * The global L2 norm of a list of gradients: `sqrt(sum over tensors of sum(g^2))`.
 *
 * @param gradients - The gradients (not disposed).
 * @returns A new scalar tensor (the caller disposes it); 0 for an empty list.
 * @example
 * ```ts
 * globalNorm([tf.tensor1d([3]), tf.tensor1d([4])]).dataSync(); // [5]
 * ```
 */
export function globalNorm(gradients: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    if (gradients.length === 0) return tf.scalar(0);
    const squares = gradients.map((gradient) => tf.sum(tf.square(gradient)));
    return tf.sqrt(squares.length === 1 ? (squares[0] as tf.Scalar) : tf.addN(squares)) as tf.Scalar;
  });
}

/** What {@link clipByGlobalNorm} returns; the caller disposes every tensor in it. */
export interface ClippedGradients {
  /** The scaled gradients, one new tensor per input, in the same order. */
  readonly clipped: tf.Tensor[];
  /** The global norm before clipping, as a scalar tensor (read it when you need it, not every step). */
  readonly globalNorm: tf.Scalar;
}

/**
 * Scales all gradients together by `min(1, maxNorm / globalNorm)`, keeping their direction.
 *
 * @remarks Computed as `g * maxNorm / max(globalNorm, maxNorm)` (as TensorFlow's `clip_by_global_norm`), so
 * a zero gradient stays zero. Cost: one pass over the gradients for the norm and one to scale them.
 *
 * @param gradients - The gradients (not disposed).
 * @param maxNorm - The largest allowed global norm; a finite number > 0.
 * @returns New tensors and the global norm before clipping; the caller disposes them.
 * @throws `InvalidOptionError` when `maxNorm` is not a finite number > 0.
 * @example
 * ```ts
 * const { clipped, globalNorm } = clipByGlobalNorm(gradients, 1);
 * ```
 * @see Pascanu, R., Mikolov, T. and Bengio, Y. (2013). On the difficulty of training recurrent neural networks. ICML.
 */
export function clipByGlobalNorm(gradients: readonly tf.Tensor[], maxNorm: number): ClippedGradients {
  validateOption("maxNorm", maxNorm, numberAbove(0));
  return tf.tidy(() => {
    const norm = globalNorm(gradients);
    const limit = tf.scalar(maxNorm);
    const scale = tf.div(limit, tf.maximum(norm, limit));
    return { clipped: gradients.map((gradient) => tf.mul(gradient, scale)), globalNorm: norm };
  });
}

/**
 * Caps each element of each gradient to `[-limit, limit]`.
 *
 * @remarks Unlike {@link clipByGlobalNorm} this changes the direction of the gradient.
 *
 * @param gradients - The gradients (not disposed).
 * @param limit - The largest allowed absolute value; a finite number > 0.
 * @returns New tensors, one per input; the caller disposes them.
 * @throws `InvalidOptionError` when `limit` is not a finite number > 0.
 * @example
 * ```ts
 * clipByValue([tf.tensor1d([-3, 0.5, 2])], 1)[0]?.dataSync(); // [-1, 0.5, 1]
 * ```
 */
export function clipByValue(gradients: readonly tf.Tensor[], limit: number): tf.Tensor[] {
  validateOption("limit", limit, numberAbove(0));
  return gradients.map((gradient) => tf.clipByValue(gradient, -limit, limit));
}
