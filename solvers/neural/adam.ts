/**
 * Adam and AdamW (decoupled weight decay), written on TensorFlow.js ops with a WebAssembly SIMD kernel on
 * the wasm backend.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import {
  numberAbove,
  numberAtLeast,
  numberBetween,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchema, OptionSchemaOf } from "../../src/engine/internals.js";
import { createOptimizer } from "./create-optimizer.js";
import type { OptimizerFactory, Rule } from "./create-optimizer.js";

/** Options of {@link adam}. */
export interface AdamOptions {
  /**
   * Decay rate of the first-moment estimate; a number in [0, 1).
   *
   * @defaultValue `0.9`
   */
  readonly beta1?: number | undefined;
  /**
   * Decay rate of the second-moment estimate; a number in [0, 1).
   *
   * @defaultValue `0.999`
   */
  readonly beta2?: number | undefined;
  /**
   * Added to the denominator; a finite number > 0. Keras and tfjs use 1e-7, PyTorch 1e-8.
   *
   * @defaultValue `1e-7`
   */
  readonly epsilon?: number | undefined;
}

/** Options of {@link adamW}. */
export interface AdamWOptions extends AdamOptions {
  /**
   * Decoupled weight decay coefficient `lambda`; a finite number >= 0.
   *
   * @defaultValue `0.01` (PyTorch)
   */
  readonly weightDecay?: number | undefined;
}

/** The Adam rule, with decoupled weight decay when `weightDecay > 0`. */
function adamRule(name: string, beta1: number, beta2: number, epsilon: number, weightDecay: number): Rule {
  return {
    name,
    slotsPerVariable: 2,
    constants: [beta1, 1 - beta1, beta2, 1 - beta2],
    stepScalars: (learningRate, step) => {
      // m_hat / (sqrt(v_hat) + eps) = m * (sqrt(c2) / c1) / (sqrt(v) + eps * sqrt(c2)), with c1 = 1 - beta1^t
      // and c2 = 1 - beta2^t: the bias corrections fold into two scalars, computed here in double precision.
      const c1 = 1 - beta1 ** step;
      const root = Math.sqrt(1 - beta2 ** step);
      return [(learningRate * root) / c1, epsilon * root, 1 - learningRate * weightDecay];
    },
    update: (value, gradient, [m, v], [b1, oneMinusB1, b2, oneMinusB2, stepSize, epsHat, decay]) => {
      const newM = tf.add(tf.mul(m as tf.Tensor, b1 as tf.Scalar), tf.mul(gradient, oneMinusB1 as tf.Scalar));
      const newV = tf.add(
        tf.mul(v as tf.Tensor, b2 as tf.Scalar),
        tf.mul(tf.square(gradient), oneMinusB2 as tf.Scalar),
      );
      const update = tf.div(tf.mul(newM, stepSize as tf.Scalar), tf.add(tf.sqrt(newV), epsHat as tf.Scalar));
      const base = weightDecay > 0 ? tf.mul(value, decay as tf.Scalar) : value;
      return { value: tf.sub(base, update), slots: [newM, newV] };
    },
    // adam.wat's arguments after the offsets and size: b1, 1 - b1, b2, 1 - b2, step size, epsilon, keep.
    kernelScalars: ([b1, oneMinusB1, b2, oneMinusB2, stepSize, epsHat, decay]) => [
      b1 as number,
      oneMinusB1 as number,
      b2 as number,
      oneMinusB2 as number,
      stepSize as number,
      epsHat as number,
      weightDecay > 0 ? (decay as number) : 1,
    ],
  };
}

/**
 * Adam with bias correction.
 *
 * @remarks `m <- b1 m + (1 - b1) g`, `v <- b2 v + (1 - b2) g^2`,
 * `p <- p - lr * m_hat / (sqrt(v_hat) + eps)` with `m_hat = m / (1 - b1^t)`, `v_hat = v / (1 - b2^t)`
 * (Kingma and Ba's Algorithm 1; also `tf.train.adam` and PyTorch). The first update moves each parameter by
 * about `lr` whatever the gradient's scale. Two slots per variable, in order `m`, `v`. Defaults beta1 0.9,
 * beta2 0.999, epsilon 1e-7 (Keras; PyTorch uses 1e-8), learning rate 0.001. About ten element-wise ops per
 * variable per step; on the wasm backend one WebAssembly SIMD pass per variable instead, with the same
 * float32 results bit for bit.
 *
 * @param options - See {@link AdamOptions}.
 * @returns The factory.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const optimizer = adam().create(model.trainableWeights.map((w) => w.read() as tf.Variable));
 * ```
 * @see Kingma, D. P. and Ba, J. (2015). Adam: A Method for Stochastic Optimization. ICLR.
 */
export function adam(options: AdamOptions = {}): OptimizerFactory {
  const { beta1, beta2, epsilon } = adamDefaults(options, "adam");
  const rule = adamRule(`Adam(beta1=${beta1}, beta2=${beta2}, epsilon=${epsilon})`, beta1, beta2, epsilon, 0);
  return {
    name: rule.name,
    defaultLearningRate: 0.001,
    create: (variables) => createOptimizer(rule, variables),
    rule: { kind: "adam", beta1, beta2, epsilon, weightDecay: 0 },
  };
}

/**
 * AdamW: Adam with decoupled weight decay, as PyTorch's `AdamW`.
 *
 * @remarks Each step first shrinks the weights, `p <- p * (1 - lr * weightDecay)`, then applies the Adam
 * update of {@link adam}; the decay does not pass through the moments (unlike L2 regularisation added to the
 * loss). Two slots per variable (`m`, `v`). Defaults as {@link adam}, weightDecay 0.01, learning rate 0.001.
 * On the wasm backend it runs as {@link adam} does, one SIMD pass per variable.
 * The decay applies to every variable given, biases included; create a second optimiser for variables that
 * should not decay.
 *
 * @param options - See {@link AdamWOptions}.
 * @returns The factory.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const factory = adamW({ weightDecay: 0.05 });
 * ```
 * @see Loshchilov, I. and Hutter, F. (2019). Decoupled Weight Decay Regularization. ICLR.
 */
export function adamW(options: AdamWOptions = {}): OptimizerFactory {
  const rules = { ...adamRules, weightDecay: optional(numberAtLeast(0)) } satisfies OptionSchemaOf<AdamWOptions>;
  const { beta1, beta2, epsilon } = adamDefaults(options, "adamW", rules);
  const weightDecay = options.weightDecay ?? 0.01;
  const rule = adamRule(
    `AdamW(beta1=${beta1}, beta2=${beta2}, epsilon=${epsilon}, weightDecay=${weightDecay})`,
    beta1,
    beta2,
    epsilon,
    weightDecay,
  );
  return {
    name: rule.name,
    defaultLearningRate: 0.001,
    create: (variables) => createOptimizer(rule, variables),
    rule: { kind: "adam", beta1, beta2, epsilon, weightDecay },
  };
}

const adamRules = {
  beta1: optional(numberBetween(0, 1, "[)")),
  beta2: optional(numberBetween(0, 1, "[)")),
  epsilon: optional(numberAbove(0)),
} satisfies OptionSchemaOf<AdamOptions>;

/** Validates (every name in `rules`, for the factory `owner`) and fills Adam's options. */
function adamDefaults(
  options: AdamOptions,
  owner: string,
  rules: OptionSchema = adamRules,
): { beta1: number; beta2: number; epsilon: number } {
  validateStrictOptions(options, rules, owner);
  return { beta1: options.beta1 ?? 0.9, beta2: options.beta2 ?? 0.999, epsilon: options.epsilon ?? 1e-7 };
}
