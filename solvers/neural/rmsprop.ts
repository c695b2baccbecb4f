/**
 * RMSProp (plain, centred, with momentum), written on TensorFlow.js ops.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { isBoolean, numberAbove, numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { createOptimizer } from "./create-optimizer.js";
import type { OptimizerFactory, Rule } from "./create-optimizer.js";

/** Options of {@link rmsprop}. */
export interface RMSPropOptions {
  /**
   * Decay rate of the mean square; a number in [0, 1).
   *
   * @defaultValue `0.9` (Keras; PyTorch's `alpha` defaults to 0.99)
   */
  readonly rho?: number | undefined;
  /**
   * Added to the root mean square; a finite number > 0.
   *
   * @defaultValue `1e-7` (Keras; PyTorch 1e-8)
   */
  readonly epsilon?: number | undefined;
  /**
   * Momentum coefficient; a number in [0, 1).
   *
   * @defaultValue `0`
   */
  readonly momentum?: number | undefined;
  /**
   * Whether to divide by the centred second moment (an estimate of the variance) instead of the raw one.
   *
   * @defaultValue `false`
   */
  readonly centered?: boolean | undefined;
}

/**
 * RMSProp, in PyTorch's form.
 *
 * @remarks `s <- rho s + (1 - rho) g^2`; with `centered`, also `a <- rho a + (1 - rho) g` and `s - a^2`
 * replaces `s`; `d = g / (sqrt(s) + eps)`; without momentum `p <- p - lr d`; with momentum
 * `b <- mu b + d; p <- p - lr b`. Keras 3 and PyTorch put epsilon outside the square root as here;
 * `tf.train.rmsprop` puts it inside (`sqrt(s + eps)`) and folds `lr` into its momentum buffer, which agree
 * to about `eps / sqrt(s)` relative and exactly for a constant rate respectively. Slots per variable, in
 * order: `s`, then `a` if centred, then `b` if momentum > 0. Default learning rate 0.001 (Keras).
 *
 * @param options - See {@link RMSPropOptions}.
 * @returns The factory.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const factory = rmsprop({ rho: 0.9, momentum: 0.9 });
 * ```
 * @see Tieleman, T. and Hinton, G. (2012). Lecture 6.5, RMSProp. COURSERA: Neural Networks for Machine Learning.
 */
export function rmsprop(options: RMSPropOptions = {}): OptimizerFactory {
  const rules = {
    rho: optional(numberBetween(0, 1, "[)")),
    epsilon: optional(numberAbove(0)),
    momentum: optional(numberBetween(0, 1, "[)")),
    centered: optional(isBoolean),
  } satisfies OptionSchemaOf<RMSPropOptions>;
  validateStrictOptions(options, rules, "rmsprop");
  const rho = options.rho ?? 0.9;
  const epsilon = options.epsilon ?? 1e-7;
  const mu = options.momentum ?? 0;
  const centered = options.centered ?? false;
  const useMomentum = mu > 0;
  const rule: Rule = {
    name: `RMSProp(rho=${rho}, epsilon=${epsilon}, momentum=${mu}, centered=${centered})`,
    slotsPerVariable: 1 + (centered ? 1 : 0) + (useMomentum ? 1 : 0),
    constants: [rho, 1 - rho, epsilon, mu],
    stepScalars: (learningRate) => [learningRate],
    update: (value, gradient, slots, [rhoS, oneMinusRho, eps, muS, lr]) => {
      const s = tf.add(
        tf.mul(slots[0] as tf.Tensor, rhoS as tf.Scalar),
        tf.mul(tf.square(gradient), oneMinusRho as tf.Scalar),
      );
      const next: tf.Tensor[] = [s];
      let meanSquare: tf.Tensor = s;
      if (centered) {
        const a = tf.add(tf.mul(slots[1] as tf.Tensor, rhoS as tf.Scalar), tf.mul(gradient, oneMinusRho as tf.Scalar));
        next.push(a);
        meanSquare = tf.sub(s, tf.square(a));
      }
      let direction = tf.div(gradient, tf.add(tf.sqrt(meanSquare), eps as tf.Scalar));
      if (useMomentum) {
        direction = tf.add(tf.mul(slots[next.length] as tf.Tensor, muS as tf.Scalar), direction);
        next.push(direction);
      }
      return { value: tf.sub(value, tf.mul(direction, lr as tf.Scalar)), slots: next };
    },
  };
  return {
    name: rule.name,
    defaultLearningRate: 0.001,
    create: (variables) => createOptimizer(rule, variables),
    rule: { kind: "rmsprop", rho, epsilon, momentum: mu, centered },
  };
}
