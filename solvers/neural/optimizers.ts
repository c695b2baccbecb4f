/**
 * First-order optimisers written on TensorFlow.js ops (not `tf.train.*`), so that the update rules, their
 * defaults and the disposal of every tensor are ours: SGD and momentum (Nesterov) here; Adam and AdamW in `adam.ts`, RMSProp in `rmsprop.ts`.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { isBoolean, numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { createOptimizer } from "./create-optimizer.js";
import type { OptimizerFactory, Rule } from "./create-optimizer.js";

/**
 * Plain stochastic gradient descent: `p <- p - lr * g`.
 *
 * @remarks No slots. Cost per variable: two element-wise ops. Default learning rate 0.01 (Keras).
 *
 * @returns The factory.
 * @example
 * ```ts
 * const optimizer = sgd().create([weights]);
 * optimizer.applyGradients([weights], [gradient], 0.01);
 * ```
 */
export function sgd(): OptimizerFactory {
  const rule: Rule = {
    name: "SGD",
    slotsPerVariable: 0,
    constants: [],
    stepScalars: (learningRate) => [learningRate],
    update: (value, gradient, _slots, [lr]) => ({ value: tf.sub(value, tf.mul(gradient, lr as tf.Scalar)), slots: [] }),
  };
  return {
    name: rule.name,
    defaultLearningRate: 0.01,
    create: (variables) => createOptimizer(rule, variables),
    rule: { kind: "sgd" },
  };
}

/** Options of {@link momentum}. */
export interface MomentumOptions {
  /**
   * The momentum coefficient `mu`; a number in [0, 1).
   *
   * @defaultValue `0.9`
   */
  readonly momentum?: number | undefined;
  /**
   * Whether to use Nesterov's accelerated gradient.
   *
   * @defaultValue `false`
   */
  readonly nesterov?: boolean | undefined;
}

/**
 * SGD with momentum (heavy ball), optionally Nesterov, in PyTorch's convention.
 *
 * @remarks `v <- mu * v + g`, then `p <- p - lr * v`; with Nesterov `p <- p - lr * (g + mu * v)` using the
 * new `v`. This is also `tf.train.momentum`'s rule. Keras's `SGD(momentum)` instead keeps
 * `v <- mu * v - lr * g; p <- p + v`, which is the same while the learning rate is constant and differs when
 * a schedule changes it (Keras's velocity remembers old rates, PyTorch's does not). One slot per variable
 * (`v`, zero at start). Default learning rate 0.01 (Keras).
 *
 * @param options - See {@link MomentumOptions}.
 * @returns The factory.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const factory = momentum({ momentum: 0.9, nesterov: true });
 * ```
 * @see Sutskever, I. et al. (2013). On the importance of initialization and momentum in deep learning. ICML.
 */
export function momentum(options: MomentumOptions = {}): OptimizerFactory {
  const rules = {
    momentum: optional(numberBetween(0, 1, "[)")),
    nesterov: optional(isBoolean),
  } satisfies OptionSchemaOf<MomentumOptions>;
  validateStrictOptions(options, rules, "momentum");
  const mu = options.momentum ?? 0.9;
  const nesterov = options.nesterov ?? false;
  const rule: Rule = {
    name: `${nesterov ? "Nesterov" : "Momentum"}(momentum=${mu})`,
    slotsPerVariable: 1,
    constants: [mu],
    stepScalars: (learningRate) => [learningRate],
    update: (value, gradient, [velocity], [muScalar, lr]) => {
      const mu_ = muScalar as tf.Scalar;
      const v = tf.add(tf.mul(velocity as tf.Tensor, mu_), gradient);
      const direction = nesterov ? tf.add(gradient, tf.mul(v, mu_)) : v;
      return { value: tf.sub(value, tf.mul(direction, lr as tf.Scalar)), slots: [v] };
    },
  };
  return {
    name: rule.name,
    defaultLearningRate: 0.01,
    create: (variables) => createOptimizer(rule, variables),
    rule: { kind: "momentum", momentum: mu, nesterov },
  };
}
