/**
 * The machinery every optimiser shares: the {@link Optimizer} and {@link OptimizerFactory} contracts, and
 * {@link createOptimizer}, which turns an update rule into an optimiser (slots, tidy, disposal, validation,
 * and the WebAssembly Adam kernel on the wasm backend).
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { InvalidOptionError } from "../../src/index.js";
import { compileWasm } from "../../src/engine/internals.js";
import { adamWasmBase64 } from "./wasm/adam-wasm-bytes.js";
import { heapOffset, heapOutput, wasmHeap } from "./wasm-heap.js";
import type { WasmBackendView } from "./wasm-heap.js";
import type { GpuUpdateRule } from "./webgpu/update-kernels.js";

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
  /**
   * The update rule as data, for trainers that run it themselves (the WebGPU trainer runs it in one fused
   * kernel over every parameter); a factory without it trains on TensorFlow.js.
   */
  readonly rule?: GpuUpdateRule | undefined;
}

/**
 * The update of one variable: computes the new value and new slots (inside the caller's tidy) from the
 * variable, its gradient and its current slots. `shared` holds this step's scalars.
 */
export type UpdateRule = (
  value: tf.Tensor,
  gradient: tf.Tensor,
  slots: readonly tf.Tensor[],
  shared: readonly tf.Scalar[],
) => { readonly value: tf.Tensor; readonly slots: readonly tf.Tensor[] };

/** How an optimiser kind plugs into {@link createOptimizer}. */
export interface Rule {
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
export function createOptimizer(rule: Rule, variables: readonly tf.Variable[]): Optimizer {
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
