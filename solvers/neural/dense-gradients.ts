/**
 * Hand-written backward pass for sequential stacks of dense layers: the common MLP case, without tfjs's tape.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import type { ForwardPlan } from "./forward.js";
import { heapCrossEntropy } from "./heap-cross-entropy.js";
import { threadedMatMul } from "./threaded-matmul.js";
import type { TrainingLoss } from "./types.js";
import type { KernelBinding } from "../../src/engine/internals.js";

/** Activations whose derivative {@link denseGradients} writes from the layer's output; `logits` is none at all. */
type DenseActivation = "linear" | "relu" | "sigmoid" | "tanh" | "elu" | "logits";

/** One dense layer of a {@link DenseStack}. */
interface DenseLayer {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | undefined;
  readonly activation: DenseActivation;
  /** Positions of the kernel and bias in the optimiser's variable list. */
  readonly kernelIndex: number;
  readonly biasIndex: number | undefined;
}

/** A `tf.Sequential` of trainable dense layers only, as {@link denseGradients} reads it. */
export interface DenseStack {
  /** The layers, input first. */
  readonly layers: readonly DenseLayer[];
  /** The number of trainable variables (each layer's kernel and bias). */
  readonly variables: number;
}

/** What one micro-batch gives: gradients in the optimiser's order and the device sums of the loss and hits. */
export interface DenseStep {
  /** One gradient per variable, already scaled as asked. */
  readonly gradients: tf.Tensor[];
  /** The sum over the batch's rows of each row's loss. */
  readonly lossSum: tf.Scalar;
  /** The output: logits (cross-entropy) or predictions (mse). */
  readonly output: tf.Tensor2D;
  /** Correct predictions of the batch (cross-entropy on the wasm backend, computed with the loss), else undefined. */
  readonly correct: tf.Scalar | undefined;
}

const supported: ReadonlySet<string> = new Set(["linear", "relu", "sigmoid", "tanh", "elu"]);

/**
 * The plan's model as a {@link DenseStack}, or undefined when a layer is not a trainable dense layer with a
 * supported activation (dropout, frozen layers, functional models, softmax outside the output, a softmax
 * output read as probabilities): those train through tfjs's automatic differentiation.
 *
 * @param plan - How the forward pass reads the model.
 * @param variables - The variables the optimiser updates, in its order.
 */
export function denseStack(plan: ForwardPlan, variables: readonly tf.Variable[]): DenseStack | undefined {
  if (plan.layers === undefined || plan.outputIsProbability) return undefined;
  const position = new Map<tf.Variable, number>(variables.map((variable, i) => [variable, i]));
  const layers: DenseLayer[] = [];
  const last = plan.layers.length - 1;
  for (const [i, layer] of plan.layers.entries()) {
    if (layer.getClassName() !== "Dense" || !layer.trainable || layer.weights.length !== layer.trainableWeights.length)
      return undefined;
    const config = layer.getConfig() as { activation?: unknown };
    let activation = typeof config.activation === "string" ? config.activation : "";
    if (i === last && plan.logitsFromLastDense) activation = "logits";
    else if (!supported.has(activation)) return undefined;
    const [kernel, bias] = layer.trainableWeights.map((weight) => weight.read() as tf.Variable);
    const kernelIndex = kernel === undefined ? undefined : position.get(kernel);
    const biasIndex = bias === undefined ? undefined : position.get(bias);
    if (
      kernel === undefined ||
      kernel.rank !== 2 ||
      kernelIndex === undefined ||
      (bias !== undefined && biasIndex === undefined)
    )
      return undefined;
    layers.push({ kernel, bias, activation: activation as DenseActivation, kernelIndex, biasIndex });
  }
  const count = layers.reduce((sum, layer) => sum + (layer.bias === undefined ? 1 : 2), 0);
  return count === variables.length ? { layers, variables: count } : undefined;
}

/** `dy * f'(z)` from the activation's output `a = f(z)`. */
function activationBackward(activation: DenseActivation, dy: tf.Tensor, a: tf.Tensor): tf.Tensor {
  switch (activation) {
    case "relu":
      return tf.mul(dy, tf.step(a)); // a > 0 exactly where z > 0
    case "sigmoid":
      return tf.mul(dy, tf.mul(a, tf.sub(1, a)));
    case "tanh":
      return tf.mul(dy, tf.sub(1, tf.square(a)));
    case "elu":
      return tf.mul(dy, tf.add(tf.minimum(a, 0), 1)); // 1 for z > 0, e^z = a + 1 otherwise
    default:
      return dy;
  }
}

/**
 * Forward and backward pass of a {@link DenseStack} over one batch, in plain kernels: each layer's
 * `tf.fused.matMul` (with bias and relu) forward, then `dW = h^T d`, `db = sum(d)` and `d <- d W^T` with
 * explicit transposes (plain matMuls stay on XNNPACK on wasm; see `useFastMatMulGradient`). On the wasm
 * backend with a products kernel (bound by the prepared problem on 2 or more threads), the large products (forward and `h^T d`) run on {@link threadedMatMul}; on
 * the wasm backend cross-entropy's loss, gradient and correct count come from one pass
 * ({@link heapCrossEntropy}).
 *
 * @remarks The gradient is that of `scale * (sum of the rows' losses)`: with `scale = 1 / samples` it is
 * the mean loss's over a step of `samples` rows, so micro-batch gradients add up unweighted. Cross-entropy
 * reads the logits: row loss `logsumexp(z) - z[label]`, computed shifted by the row maximum (no overflow),
 * gradient `softmax(z) - onehot`. Mse: row loss `mean_j (o_j - t_j)^2`, gradient `2 (o - t) / outputs`.
 * Must run inside a `tf.tidy`.
 *
 * @param stack - The layers.
 * @param loss - The loss.
 * @param x - The batch's inputs, `[rows, features]`.
 * @param target - One-hot float rows (cross-entropy) or target rows (mse), `[rows, outputs]`.
 * @param scale - The factor on the summed loss that the gradients are of.
 * @param products - The kernel for the large products (`bindProducts`), or undefined: tfjs's kernels only.
 */
export function denseGradients(
  stack: DenseStack,
  loss: TrainingLoss,
  x: tf.Tensor2D,
  target: tf.Tensor2D,
  scale: number,
  products: KernelBinding<unknown> | undefined = undefined,
): DenseStep {
  const inputs: tf.Tensor2D[] = [];
  let h = x;
  for (const layer of stack.layers) {
    inputs.push(h);
    // Bias and relu fused into the matMul (one kernel); other activations applied after it.
    const activation = layer.activation === "relu" ? "relu" : "linear";
    const kernel = layer.kernel as tf.Tensor2D;
    const product =
      threadedMatMul(h, kernel, {
        kernel: products,
        bias: layer.bias as tf.Tensor1D | undefined,
        relu: activation === "relu",
      }) ??
      (layer.bias === undefined
        ? tf.fused.matMul({ a: h, b: kernel, activation })
        : tf.fused.matMul({ a: h, b: kernel, bias: layer.bias, activation }));
    h = product as tf.Tensor2D;
    if (layer.activation === "sigmoid") h = tf.sigmoid(h);
    else if (layer.activation === "tanh") h = tf.tanh(h);
    else if (layer.activation === "elu") h = tf.elu(h);
  }
  const output = h;
  const outputs = output.shape[1] as number;
  let d: tf.Tensor;
  let lossSum: tf.Scalar;
  let correct: tf.Scalar | undefined;
  const fused = loss === "crossEntropy" ? heapCrossEntropy(output, target, scale) : undefined;
  if (fused !== undefined) ({ d, lossSum, correct } = fused);
  else if (loss === "crossEntropy") {
    const shifted = tf.sub(output, tf.max(output, 1, true));
    const exp = tf.exp(shifted);
    const total = tf.sum(exp, 1, true);
    lossSum = tf.sum(tf.sub(tf.log(total), tf.sum(tf.mul(target, shifted), 1, true)));
    d = tf.mul(tf.sub(tf.div(exp, total), target), scale);
  } else {
    const difference = tf.sub(output, target);
    lossSum = tf.mul(tf.sum(tf.square(difference)), 1 / outputs);
    d = tf.mul(difference, (2 * scale) / outputs);
  }
  const gradients: tf.Tensor[] = new Array<tf.Tensor>(stack.variables);
  // Column sums as a product by a row of ones: on wasm the matMul reuses the weights XNNPACK packed from
  // `d` for the kernel's gradient just before, and skips the transpose a sum over axis 0 makes.
  const ones = tf.ones([1, x.shape[0]]) as tf.Tensor2D;
  for (let i = stack.layers.length - 1; i >= 0; i--) {
    const layer = stack.layers[i] as DenseLayer;
    const output = i === stack.layers.length - 1 ? h : (inputs[i + 1] as tf.Tensor);
    d = activationBackward(layer.activation, d, output);
    const input = inputs[i] as tf.Tensor2D;
    gradients[layer.kernelIndex] =
      threadedMatMul(input, d as tf.Tensor2D, { kernel: products, transposeA: true }) ??
      tf.matMul(tf.transpose(input), d as tf.Tensor2D);
    if (layer.biasIndex !== undefined)
      gradients[layer.biasIndex] = tf.reshape(tf.matMul(ones, d as tf.Tensor2D), [d.shape[1] as number]);
    if (i > 0) d = tf.matMul(d as tf.Tensor2D, tf.transpose(layer.kernel as tf.Tensor2D));
  }
  return { gradients, lossSum, output, correct };
}
