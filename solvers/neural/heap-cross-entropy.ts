/**
 * Softmax cross-entropy from logits, its gradient and the batch's correct predictions in one pass over the
 * logits, for tfjs's wasm backend: the logits are already in the backend's heap (its kernels run
 * synchronously), so a loop reads them there and writes three tensors the backend allocated. It replaces
 * about sixteen small tfjs kernels a step (max, subtract, exp, sums, log, division, the arg-max and
 * comparison of the accuracy), each a dispatch costing more than its arithmetic on a 128 x 10 batch.
 *
 * @packageDocumentation
 */
import type * as tf from "./tfjs.js";
import { heapOffset, heapOutput, wasmHeap } from "./wasm-heap.js";

/** What {@link heapCrossEntropy} gives: as `denseGradients` computes them with tfjs kernels. */
export interface HeapCrossEntropy {
  /** `(softmax(z) - t) * scale`, the gradient of `scale * lossSum` with respect to the logits. */
  readonly d: tf.Tensor2D;
  /** The sum over rows of `log(sum_j exp(z_j - m)) - sum_j t_j (z_j - m)`, `m` the row's maximum. */
  readonly lossSum: tf.Scalar;
  /** Rows whose first largest logit is at the target's first largest entry (the one-hot label). */
  readonly correct: tf.Scalar;
}

/**
 * The fused pass on the wasm backend, or undefined elsewhere (the caller then uses tfjs's kernels). The
 * arithmetic is float64, each result rounded once to float32 (tfjs's kernels round every intermediate):
 * the two agree within float32 rounding. A NaN or infinite logit gives a NaN loss, as it does with tfjs's
 * kernels, so divergence is noticed the same way. Call inside a `tf.tidy`.
 *
 * @param logits - `[rows, classes]`.
 * @param target - One-hot rows (or any rows of weights summing to 1), `[rows, classes]`.
 * @param scale - The factor on the summed loss that `d` is the gradient of.
 * @returns The gradient, loss sum and correct count, or undefined.
 */
export function heapCrossEntropy(
  logits: tf.Tensor2D,
  target: tf.Tensor2D,
  scale: number,
): HeapCrossEntropy | undefined {
  const wasm = wasmHeap();
  if (wasm === undefined) return undefined;
  const { backend, memory } = wasm;
  const [rows, classes] = logits.shape;
  const zAt = heapOffset(backend, logits);
  const tAt = heapOffset(backend, target);
  if (zAt === undefined || tAt === undefined || target.shape[0] !== rows || target.shape[1] !== classes)
    return undefined;
  // Allocated before the heap views are taken: an allocation may grow the heap (a new buffer).
  const d = heapOutput<tf.Rank.R2>(backend, [rows, classes]);
  const lossSum = heapOutput<tf.Rank.R0>(backend, []);
  const correct = heapOutput<tf.Rank.R0>(backend, []);
  const buffer = memory.buffer;
  const z = new Float32Array(buffer, zAt, rows * classes);
  const t = new Float32Array(buffer, tAt, rows * classes);
  const out = new Float32Array(buffer, heapOffset(backend, d) as number, rows * classes);
  const exps = new Float64Array(classes); // a row's exp(z_j - m), kept for the gradient
  let loss = 0;
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * classes;
    let m = -Infinity;
    let predicted = 0;
    let label = 0;
    let labelWeight = -Infinity;
    for (let j = 0; j < classes; j++) {
      const value = z[row + j] as number;
      // NaN never wins (the first largest, as tf.argMax); a NaN row still makes the loss NaN below.
      if (value > m) {
        m = value;
        predicted = j;
      }
      const weight = t[row + j] as number;
      if (weight > labelWeight) {
        labelWeight = weight;
        label = j;
      }
    }
    let total = 0;
    let targetDot = 0;
    for (let j = 0; j < classes; j++) {
      const shifted = (z[row + j] as number) - m;
      const e = Math.exp(shifted);
      exps[j] = e;
      total += e;
      targetDot += (t[row + j] as number) * shifted;
    }
    for (let j = 0; j < classes; j++) out[row + j] = ((exps[j] as number) / total - (t[row + j] as number)) * scale;
    loss += Math.log(total) - targetDot;
    if (predicted === label) hits++;
  }
  new Float32Array(buffer, heapOffset(backend, lossSum) as number, 1)[0] = loss;
  new Float32Array(buffer, heapOffset(backend, correct) as number, 1)[0] = hits;
  return { d, lossSum, correct };
}
