/**
 * Chooses and loads a TensorFlow.js backend at run time: a CUDA GPU through tfjs-node-gpu, any GPU through
 * WebGPU (Dawn), libtensorflow on the CPU, WebAssembly, or pure JavaScript, the first that works.
 *
 * @packageDocumentation
 */
/// <reference types="@webgpu/types" />
import * as tf from "./tfjs.js";
import { IterlabError } from "../../src/index.js";
import { oneOf, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { attempts } from "./backend-attempts.js";

/** The backends {@link loadBackend} knows, from the fastest usual choice to the slowest. */
export type BackendChoice = "tensorflow-gpu" | "webgpu" | "tensorflow" | "wasm" | "cpu";

/** Which backend runs, on which device, and why the ones before it were skipped. */
export interface BackendInfo {
  /** Which backend runs. */
  readonly choice: BackendChoice;
  /** `tf.getBackend()` after setup, e.g. `"wasm"` or `"tensorflow"`. */
  readonly tfBackend: string;
  /**
   * The device in words: `CPU (pure JavaScript)`, `CPU (WebAssembly, SIMD, 1 thread)`,
   * `GPU: nvidia-h100-80gb-hbm3; NVIDIA: 580.159.04 (WebGPU via Dawn)`, `GPU (CUDA, libtensorflow 2.9.1)`, `CPU (libtensorflow 2.9.1)`.
   */
  readonly device: string;
  /** The backends tried before this one (with `prefer: "auto"`) and why each failed, in order. */
  readonly skipped: readonly {
    /** The backend that was tried. */
    readonly choice: BackendChoice;
    /** Why it was skipped, in one line (for a missing package, how to install it). */
    readonly reason: string;
  }[];
}

/**
 * The code that computes a training step: `"wgsl-fused"` for iterlab's own WebGPU trainer (fused WGSL
 * kernels, dense layer specs on the `webgpu` backend), else `"tfjs-"` and the TensorFlow.js backend whose
 * kernels run it: `"tfjs-webgpu"`, `"tfjs-wasm"`, `"tfjs-tensorflow"` (libtensorflow, CPU or CUDA: the
 * device says which), `"tfjs-cpu"`, or in a browser `"tfjs-webgl"`.
 */
export type TrainerPath = "wgsl-fused" | `tfjs-${string}`;

/** {@link BackendInfo} of a training run, with the code path that trained it. */
export interface TrainingBackend extends BackendInfo {
  /**
   * Which code path ran the steps: `"wgsl-fused"` (the WebGPU trainer), or `"tfjs-"` and the TensorFlow.js
   * backend (e.g. `"tfjs-webgpu"` for a `tf.LayersModel` on WebGPU, `"tfjs-wasm"`). See {@link TrainerPath}.
   */
  readonly trainer: TrainerPath;
}

/** Options of {@link loadBackend}. */
export interface LoadBackendOptions {
  /**
   * A backend to force, or `"auto"` to try {@link backendOrder} in order and take the first that works.
   *
   * @defaultValue `"auto"`
   */
  readonly prefer?: BackendChoice | "auto" | undefined;
}

/** The order in which `prefer: "auto"` tries the backends. */
export const backendOrder: readonly BackendChoice[] = Object.freeze([
  "tensorflow-gpu",
  "webgpu",
  "tensorflow",
  "wasm",
  "cpu",
] as const);

/**
 * A backend forced with `prefer` could not be loaded.
 *
 * @remarks The message names the backend and the reason; when the package is missing or fails to load, the
 * reason says how to install it. With `prefer: "auto"` no error
 * is thrown: failures are listed in {@link BackendInfo.skipped} and the pure JavaScript backend always works.
 */
export class BackendUnavailableError extends IterlabError {
  /**
   * Always `"backendUnavailable"`.
   */
  readonly code = "backendUnavailable" as const;
  /** The backend that was forced. */
  readonly backend: BackendChoice;
  /** Why it could not be loaded. */
  readonly reason: string;

  /**
   * @param backend - The backend that was forced.
   * @param reason - Why it could not be loaded.
   */
  constructor(backend: BackendChoice, reason: string) {
    super(`backend "${backend}" is unavailable: ${reason}`);
    this.name = "BackendUnavailableError";
    this.backend = backend;
    this.reason = reason;
  }
}

/**
 * Loads a TensorFlow.js backend and makes it tfjs's current backend.
 *
 * @remarks With `prefer: "auto"` it tries {@link backendOrder}: `@tensorflow/tfjs-node-gpu` (CUDA; rejected
 * when it silently runs on the CPU), WebGPU (`@tensorflow/tfjs-backend-webgpu` on the `webgpu` Dawn
 * package), `@tensorflow/tfjs-node` (libtensorflow CPU), `@tensorflow/tfjs-backend-wasm` (SIMD, one thread),
 * then the pure JavaScript `cpu` backend, which always works. All but wasm and cpu are opt-in packages the
 * user installs. A forced backend that fails throws.
 *
 * The backend is process-wide state of TensorFlow.js, so this affects every tfjs user in the process. Calling
 * it again is cheap (modules load once, tfjs keeps initialised backends) and switches back if something else
 * changed the backend. Choosing wasm also installs {@link useFastMatMulGradient} (a process-wide gradient
 * registration). WebGPU sets `navigator.gpu` and WebGPU's classes on `globalThis`, as a browser has them.
 *
 * @param options - See {@link LoadBackendOptions}.
 * @returns Which backend runs, on which device, and what was skipped.
 * @throws `InvalidOptionError` when `prefer` is not a known backend or `"auto"`.
 * @throws {@link BackendUnavailableError} when a forced backend cannot be loaded.
 * @example
 * ```ts
 * const info = await loadBackend();
 * console.log(`${info.choice} on ${info.device}`); // e.g. "wasm on CPU (WebAssembly, SIMD, 1 thread)"
 * ```
 */
export async function loadBackend(options: LoadBackendOptions = {}): Promise<BackendInfo> {
  const rules = { prefer: optional(oneOf(["auto", ...backendOrder])) } satisfies OptionSchemaOf<LoadBackendOptions>;
  validateStrictOptions(options, rules, "loadBackend");
  const prefer = options.prefer ?? "auto";
  if (prefer !== "auto") {
    const attempt = await attempts[prefer](true);
    if (!attempt.ok) throw new BackendUnavailableError(prefer, attempt.reason);
    return { choice: prefer, tfBackend: tf.getBackend(), device: attempt.device, skipped: [] };
  }
  const skipped: { choice: BackendChoice; reason: string }[] = [];
  for (const choice of backendOrder) {
    const attempt = await attempts[choice](false);
    if (attempt.ok) return { choice, tfBackend: tf.getBackend(), device: attempt.device, skipped };
    skipped.push({ choice, reason: attempt.reason });
  }
  // Unreachable in practice: the cpu backend ships with @tensorflow/tfjs.
  throw new BackendUnavailableError("cpu", skipped.map((entry) => `${entry.choice}: ${entry.reason}`).join("; "));
}

/**
 * The GPU device of TensorFlow.js's WebGPU backend when it is the current backend, else undefined: the
 * device the WebGPU trainer of dense networks runs on.
 */
export function webgpuDevice(): GPUDevice | undefined {
  if (tf.getBackend() !== "webgpu") return undefined;
  return (tf.backend() as unknown as { device?: GPUDevice }).device;
}
