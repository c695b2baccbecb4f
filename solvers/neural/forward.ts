import * as tf from "./tfjs.js";
import type { TrainingLoss } from "./types.js";

/** How the loss reads a model's output: logits, or probabilities from a softmax it cannot see through. */
export interface ForwardPlan {
  /** The model. */
  readonly model: tf.LayersModel;
  /** The layers in order when the model is a `tf.Sequential` (the forward pass walks them), else undefined. */
  readonly layers: readonly tf.layers.Layer[] | undefined;
  /** Dropout layers among `layers` (each gets a seeded mask per micro-batch). */
  readonly dropoutLayers: number;
  /** The loss. */
  readonly loss: TrainingLoss;
  /**
   * Sequential model whose last layer is a softmax dense layer trained with cross-entropy: the forward pass
   * stops at its pre-activation (the logits), so the loss uses log-softmax, which cannot overflow.
   */
  readonly logitsFromLastDense: boolean;
  /** Cross-entropy on a model whose output is already a softmax (functional models): log of clipped probabilities. */
  readonly outputIsProbability: boolean;
}

/** The activations computed by hand in {@link forward}, by tfjs-layers' serialised names. */
const activations: Readonly<Record<string, (x: tf.Tensor) => tf.Tensor>> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x),
  elu: (x) => tf.elu(x),
};

/** Works out how to run a model's forward pass and read its output. */
export function forwardPlan(model: tf.LayersModel, loss: TrainingLoss): ForwardPlan {
  const layers = model instanceof tf.Sequential ? model.layers : undefined;
  const last = model.layers[model.layers.length - 1];
  const softmaxOutput = last !== undefined && (last.getConfig() as { activation?: unknown }).activation === "softmax";
  const logitsFromLastDense =
    loss === "crossEntropy" && layers !== undefined && softmaxOutput && last?.getClassName() === "Dense";
  return {
    model,
    layers,
    dropoutLayers: layers === undefined ? 0 : layers.filter((layer) => layer.getClassName() === "Dropout").length,
    loss,
    logitsFromLastDense,
    outputIsProbability: loss === "crossEntropy" && softmaxOutput && !logitsFromLastDense,
  };
}

/**
 * The forward pass: logits (or, see {@link ForwardPlan}, probabilities) for a batch.
 *
 * @remarks Training-mode dropout in a `tf.Sequential` uses its own inverted-dropout mask drawn by
 * `tf.randomUniform` with one seed per layer and micro-batch from the run's generator (tfjs's dropout layer
 * with a fixed seed would reuse one mask every step). Functional models run with `training: true` and
 * their dropout layers draw from tfjs's unseeded generator.
 */
export function forward(
  plan: ForwardPlan,
  x: tf.Tensor,
  training: boolean,
  dropoutSeeds: readonly number[] = [],
): tf.Tensor {
  if (plan.layers === undefined) return plan.model.apply(x, { training }) as tf.Tensor;
  let h = x;
  let dropout = 0;
  const lastIndex = plan.layers.length - 1;
  plan.layers.forEach((layer, i) => {
    if (layer.getClassName() === "Dropout") {
      const rate = (layer.getConfig() as { rate: number }).rate;
      const seed = dropoutSeeds[dropout++];
      if (training && rate > 0 && seed !== undefined) {
        const keep = tf.greaterEqual(tf.randomUniform(h.shape, 0, 1, "float32", seed), rate);
        h = tf.div(tf.mul(h, tf.cast(keep, "float32")), 1 - rate);
      }
      return;
    }
    const activation =
      layer.getClassName() === "Dense" && h.rank === 2
        ? (layer.getConfig() as { activation?: unknown }).activation
        : undefined;
    if (typeof activation === "string" && activation in activations && layer.trainableWeights.length > 0) {
      // Dense by hand: a plain matMul, whose gradient (unlike tf.fused.matMul's) can be the fast one on wasm.
      const [kernel, bias] = layer.trainableWeights.map((weight) => weight.read());
      h = tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
      if (bias !== undefined) h = tf.add(h, bias);
      if (!(i === lastIndex && plan.logitsFromLastDense))
        h = (activations[activation] as (x: tf.Tensor) => tf.Tensor)(h);
      return;
    }
    h = layer.apply(h, { training }) as tf.Tensor;
  });
  return h;
}

/** The mean loss of a batch, a scalar. `y` holds int32 class indices (cross-entropy) or target rows (mse). */
export function meanLoss(plan: ForwardPlan, output: tf.Tensor, y: tf.Tensor): tf.Scalar {
  if (plan.loss === "mse") return tf.mean(tf.squaredDifference(output, y));
  const oneHot = tf.cast(tf.oneHot(y as tf.Tensor1D, output.shape[1] as number), "float32");
  // log-softmax of logits is x - logsumexp(x): never overflows. Probabilities are clipped as Keras does.
  const logProbabilities = plan.outputIsProbability
    ? tf.log(tf.clipByValue(output, 1e-7, 1 - 1e-7))
    : tf.logSoftmax(output);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbabilities), -1)));
}

/** The number of rows whose largest output is at the label (cross-entropy only), a scalar. */
export function correctCount(output: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(output, -1), y), "float32"));
}
