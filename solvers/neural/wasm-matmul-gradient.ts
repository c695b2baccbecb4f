/**
 * A faster gradient for matMul on the wasm backend.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";

/** Swaps the last two axes (a matrix transpose, batched over leading axes). */
function swapLastAxes(x: tf.Tensor): tf.Tensor {
  const rank = x.rank;
  if (rank === 2) return tf.transpose(x);
  const perm = Array.from({ length: rank }, (_, axis) => axis);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return tf.transpose(x, perm);
}

/**
 * The BatchMatMul gradient with explicit transposes: for `C = op(a) op(b)` it returns the same values as
 * tfjs's own gradient, but every matMul it calls has `transposeA = transposeB = false`.
 */
const fastBatchMatMulGradient: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ["a", "b"],
  gradFunc: (dy, saved, attrs) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    const upstream = dy as tf.Tensor;
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) {
      // C = a b: da = dy b^T, db = a^T dy.
      return { a: () => tf.matMul(upstream, swapLastAxes(b)), b: () => tf.matMul(swapLastAxes(a), upstream) };
    }
    if (!transposeA && transposeB) {
      // C = a b^T: da = dy b, db = dy^T a.
      return { a: () => tf.matMul(upstream, b), b: () => tf.matMul(swapLastAxes(upstream), a) };
    }
    if (transposeA && !transposeB) {
      // C = a^T b: da = b dy^T, db = a dy.
      return { a: () => tf.matMul(b, swapLastAxes(upstream)), b: () => tf.matMul(a, upstream) };
    }
    // C = a^T b^T: da = b^T dy^T, db = dy^T a^T.
    return {
      a: () => tf.matMul(swapLastAxes(b), swapLastAxes(upstream)),
      b: () => tf.matMul(swapLastAxes(upstream), swapLastAxes(a)),
    };
  },
};

/**
 * Re-registers the gradient of TensorFlow.js's `BatchMatMul` kernel (the kernel behind `tf.matMul`) so that
 * it transposes explicitly and calls plain matMuls. Idempotent.
 *
 * @remarks Why: on the wasm backend a matMul with `transposeA` or `transposeB` set leaves XNNPACK for a
 * slow generic kernel, and tfjs's own matMul gradient uses exactly those flags. Explicit `tf.transpose`
 * copies cost one pass over each matrix, far less than the matMul they speed up. The values are the same
 * (the same products, summed in the same order up to the kernel's blocking; tests check equality within
 * float32 rounding).
 *
 * This is a process-wide registration in tfjs's gradient registry (which is global to tfjs): it applies to
 * every backend once installed, and is harmless there, but `loadBackend` installs it only when it
 * chooses wasm. It does not reach `tf.fused.matMul` (used by tfjs-layers' `Dense` layer with a linear
 * activation), whose gradient is inlined in tfjs-core and cannot be replaced.
 *
 * @example
 * ```ts
 * useFastMatMulGradient();
 * const grads = tf.grads((x, w) => tf.matMul(x, w).sum())([x, w]);
 * ```
 */
export function useFastMatMulGradient(): void {
  if (tf.getGradient(tf.BatchMatMul) === fastBatchMatMulGradient) return;
  tf.registerGradient(fastBatchMatMulGradient);
}
