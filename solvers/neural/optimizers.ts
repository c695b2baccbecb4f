/**
 * First-order optimisers written on TensorFlow.js ops (not `tf.train.*`), so that the update rules, their
 * defaults and the disposal of every tensor are ours: SGD, momentum and Nesterov, Adam, AdamW, RMSProp.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { InvalidOptionError } from "../../src/index.js";
import {
  compileWasm,
  isBoolean,
  numberAbove,
  numberAtLeast,
  numberBetween,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchema, OptionSchemaOf } from "../../src/engine/internals.js";
import { adamWasmBase64 } from "./wasm/adam-wasm-bytes.js";
import { heapOffset, heapOutput, wasmHeap } from "./wasm-heap.js";
import type { WasmBackendView } from "./wasm-heap.js";

/**
 * One optimiser's per-run state (step count and slot tensors such as moments), created for a list of
 * variables by {@link OptimizerFactory.create}.
 */
export interface Optimizer {
  /** The factory's name, with its parameters. */
  readonly name: string;
  /**
   * Applies one update with this step's learning rate. The gradients are not disposed (the caller owns
   * them). Runs its own `tf.tidy`, updates the variables in place with `variable.assign`, and reads nothing
   * back from the device.
   *
   * @param variables - The variables the optimiser was created for, in the same order.
   * @param gradients - One gradient per variable, with the variable's shape.
   * @param learningRate - The learning rate for this update.
   */
  applyGradients(variables: readonly tf.Variable[], gradients: readonly tf.Tensor[], learningRate: number): void;
  /** Updates applied so far. */
  readonly steps: number;
  /**
   * Copies of the slot tensors, in a fixed order: for each variable in turn, its slots in the order the
   * factory's TSDoc lists them. The caller disposes the copies.
   */
  getSlots(): tf.Tensor[];
  /**
   * Sets the slots back from tensors in the order {@link Optimizer.getSlots} returns them (copied: the
   * caller keeps ownership of `slots`), and the number of updates applied so far.
   *
   * @param slots - The slot tensors.
   * @param steps - The number of updates they correspond to (drives Adam's bias correction).
   */
  setSlots(slots: readonly tf.Tensor[], steps: number): void;
  /** Disposes the slot tensors. The optimiser cannot be used afterwards. */
  dispose(): void;
}

/** An optimiser's configuration: plain data, reusable across runs. */
export interface OptimizerFactory {
  /** A readable description with the parameters, e.g. `Adam(beta1=0.9, beta2=0.999, epsilon=1e-7)`. */
  readonly name: string;
  /** The learning rate used when the caller gives none (Keras's defaults). */
  readonly defaultLearningRate: number;
  /**
   * Creates the per-run state for a list of variables: zero-filled slots, step 0.
   *
   * @param variables - The variables to train.
   * @returns The optimiser.
   */
  create(variables: readonly tf.Variable[]): Optimizer;
}

/**
 * The update of one variable: computes the new value and new slots (inside the caller's tidy) from the
 * variable, its gradient and its current slots. `shared` holds this step's scalars.
 */
type UpdateRule = (
  value: tf.Tensor,
  gradient: tf.Tensor,
  slots: readonly tf.Tensor[],
  shared: readonly tf.Scalar[],
) => { readonly value: tf.Tensor; readonly slots: readonly tf.Tensor[] };

/** How an optimiser kind plugs into {@link createOptimizer}. */
interface Rule {
  readonly name: string;
  readonly slotsPerVariable: number;
  /** Long-lived scalar constants (betas...), created once per optimiser and disposed with it. */
  readonly constants: readonly number[];
  /** This step's scalars as numbers, from the learning rate and the 1-based step number. */
  stepScalars(learningRate: number, step: number): readonly number[];
  readonly update: UpdateRule;
  /**
   * The scalar arguments of the one-pass wasm kernel computing exactly `update` (see
   * {@link HeapKernel}), from `constants` then this step's scalars; absent when the rule has no kernel.
   */
  readonly kernelScalars?: (numbers: readonly number[]) => readonly number[];
}

/** The compiled Adam kernel (wasm/adam.wat), or null without WebAssembly SIMD. */
const adamModule = compileWasm(adamWasmBase64);

/**
 * Adam's update of one variable in one pass (wasm/adam.wat) on the wasm backend's own heap: the kernel
 * imports tfjs's memory, reads the variable, gradient and moments where tfjs keeps them and writes three
 * tensors tfjs allocated. It replaces about a dozen element-wise kernels (each a pass over the variable and
 * a dispatch through tfjs) with one, and computes the same float32 operations in the same order, so the
 * results are the same bits (tests compare).
 */
interface HeapKernel {
  readonly memory: unknown;
  readonly backend: WasmBackendView;
  readonly run: (...args: number[]) => void;
}

/** A {@link HeapKernel} for tfjs's current backend when it is wasm and exposes what the kernel needs, else undefined. */
function heapKernel(previous: HeapKernel | undefined): HeapKernel | undefined {
  const heap = adamModule === null ? undefined : wasmHeap();
  if (adamModule === null || heap === undefined) return undefined;
  const { backend, memory } = heap;
  if (previous !== undefined && previous.memory === memory && previous.backend === backend) return previous;
  const wasm = (
    globalThis as unknown as {
      WebAssembly: {
        Instance: new (module: object, imports: object) => { exports: { adam: (...args: number[]) => void } };
      };
    }
  ).WebAssembly;
  try {
    const instance = new wasm.Instance(adamModule, { env: { memory } });
    return { memory, backend, run: instance.exports.adam };
  } catch {
    return undefined; // e.g. a shared memory (threaded build): the element-wise kernels do the work
  }
}

/** Builds an {@link Optimizer} from a rule: the slot bookkeeping, tidy, disposal and validation live here. */
function createOptimizer(rule: Rule, variables: readonly tf.Variable[]): Optimizer {
  const count = variables.length;
  const slots: tf.Variable[] = [];
  for (const variable of variables) {
    for (let k = 0; k < rule.slotsPerVariable; k += 1) {
      // tidy disposes the zeros tensor; the variable keeps its storage (tidy never disposes variables).
      slots.push(tf.tidy(() => tf.variable(tf.zerosLike(variable), false)));
    }
  }
  const constants = rule.constants.map((value) => tf.keep(tf.scalar(value)));
  let steps = 0;
  let disposed = false;
  const checkAlive = (): void => {
    if (disposed) throw new InvalidOptionError("optimizer", "an optimizer that has not been disposed", rule.name);
  };
  /**
   * Runs the rule's one-pass kernel for every variable; false, with nothing changed, when a tensor is not
   * float32 on the wasm heap (then the element-wise kernels run instead). Call inside a tidy.
   */
  function updateOnHeap(
    heap: HeapKernel,
    vars: readonly tf.Variable[],
    gradients: readonly tf.Tensor[],
    numbers: readonly number[],
  ): boolean {
    const per = rule.slotsPerVariable;
    const inputs: number[][] = [];
    for (let i = 0; i < count; i += 1) {
      const offsets = [vars[i] as tf.Variable, gradients[i] as tf.Tensor, ...slots.slice(i * per, i * per + per)].map(
        (tensor) => heapOffset(heap.backend, tensor),
      );
      if (offsets.some((offset) => offset === undefined)) return false;
      inputs.push(offsets as number[]);
    }
    const scalars = rule.kernelScalars?.([...rule.constants, ...numbers]) ?? [];
    for (let i = 0; i < count; i += 1) {
      const variable = vars[i] as tf.Variable;
      const shape = variable.shape as number[];
      // New tensors for the results (tfjs tensors are immutable; the backend caches packed matMul weights
      // by tensor): allocated before the call, so no allocation moves memory while the kernel runs.
      const outputs = Array.from({ length: 1 + per }, () => heapOutput(heap.backend, shape));
      const outputOffsets = outputs.map((tensor) => heapOffset(heap.backend, tensor) as number);
      heap.run(...(inputs[i] as number[]), ...outputOffsets, variable.size, ...scalars);
      variable.assign(outputs[0] as tf.Tensor);
      for (let k = 0; k < per; k += 1) (slots[i * per + k] as tf.Variable).assign(outputs[k + 1] as tf.Tensor);
    }
    return true;
  }
  let kernel: HeapKernel | undefined;
  return {
    name: rule.name,
    get steps() {
      return steps;
    },
    applyGradients(vars, gradients, learningRate) {
      checkAlive();
      if (vars.length !== count) {
        throw new InvalidOptionError(
          "variables",
          `an array of the ${count} variables the optimizer was created for`,
          vars,
        );
      }
      if (gradients.length !== count) {
        throw new InvalidOptionError("gradients", `an array of ${count} tensors, one per variable`, gradients);
      }
      for (let i = 0; i < count; i += 1) {
        const variable = vars[i] as tf.Variable;
        const gradient = gradients[i] as tf.Tensor;
        // Broadcasting would otherwise accept a wrongly shaped gradient silently; comparing shapes is cheap.
        if (!tf.util.arraysEqual(variable.shape, gradient.shape)) {
          throw new InvalidOptionError(
            `gradients[${i}]`,
            `a tensor of the variable's shape [${variable.shape.join(", ")}]`,
            `shape [${gradient.shape.join(", ")}]`,
          );
        }
      }
      if (!Number.isFinite(learningRate) || learningRate < 0) {
        throw new InvalidOptionError("learningRate", "a finite number >= 0", learningRate);
      }
      steps += 1;
      const numbers = rule.stepScalars(learningRate, steps);
      if (rule.kernelScalars !== undefined) {
        kernel = heapKernel(kernel);
        if (kernel !== undefined && tf.tidy(() => updateOnHeap(kernel as HeapKernel, vars, gradients, numbers))) return;
      }
      tf.tidy(() => {
        const shared = [...constants, ...numbers.map((value) => tf.scalar(value))];
        const per = rule.slotsPerVariable;
        for (let i = 0; i < count; i += 1) {
          const variable = vars[i] as tf.Variable;
          const own = slots.slice(i * per, i * per + per);
          const next = rule.update(variable, gradients[i] as tf.Tensor, own, shared);
          variable.assign(next.value);
          for (let k = 0; k < per; k += 1) (own[k] as tf.Variable).assign(next.slots[k] as tf.Tensor);
        }
      });
    },
    getSlots() {
      checkAlive();
      return slots.map((slot) => tf.clone(slot));
    },
    setSlots(given, stepCount) {
      checkAlive();
      if (given.length !== slots.length) {
        throw new InvalidOptionError(
          "slots",
          `an array of ${slots.length} tensors (${rule.slotsPerVariable} per variable)`,
          given,
        );
      }
      if (!Number.isInteger(stepCount) || stepCount < 0) {
        throw new InvalidOptionError("steps", "an integer >= 0", stepCount);
      }
      slots.forEach((slot, index) => {
        const tensor = given[index] as tf.Tensor;
        if (!tf.util.arraysEqual(tensor.shape, slot.shape)) {
          throw new InvalidOptionError(
            `slots[${index}]`,
            `a tensor of shape [${slot.shape.join(", ")}]`,
            `shape [${tensor.shape.join(", ")}]`,
          );
        }
      });
      tf.tidy(() => slots.forEach((slot, index) => slot.assign(tf.clone(given[index] as tf.Tensor))));
      steps = stepCount;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const slot of slots) slot.dispose();
      for (const constant of constants) constant.dispose();
    },
  };
}

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
  return { name: rule.name, defaultLearningRate: 0.01, create: (variables) => createOptimizer(rule, variables) };
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
  return { name: rule.name, defaultLearningRate: 0.01, create: (variables) => createOptimizer(rule, variables) };
}

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
  return { name: rule.name, defaultLearningRate: 0.001, create: (variables) => createOptimizer(rule, variables) };
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
  return { name: rule.name, defaultLearningRate: 0.001, create: (variables) => createOptimizer(rule, variables) };
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
  return { name: rule.name, defaultLearningRate: 0.001, create: (variables) => createOptimizer(rule, variables) };
}
