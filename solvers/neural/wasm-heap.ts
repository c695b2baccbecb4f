// Internal: direct access to the float32 tensors of tfjs's wasm backend, in its heap (tfjs-backend-wasm
// 4.x internals), for iterlab's own kernels on that backend: the one-pass Adam, the threaded products and
// the fused cross-entropy. Everything here returns undefined where the internals are not as expected, and
// the callers then use tfjs's own kernels.
import * as tf from "./tfjs.js";

/** What the kernels need of tfjs's wasm backend. */
export interface WasmBackendView {
  readonly wasm: { readonly asm?: { readonly memory?: { readonly buffer: ArrayBufferLike } } };
  readonly dataIdMap: { get(dataId: object): { readonly memoryOffset?: unknown } | undefined };
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
}

/** The current backend as a {@link WasmBackendView} with its heap, when it is wasm and exposes them; else undefined. */
export function wasmHeap():
  | { readonly backend: WasmBackendView; readonly memory: { readonly buffer: ArrayBufferLike } }
  | undefined {
  if (tf.getBackend() !== "wasm") return undefined;
  const backend = tf.backend() as unknown as Partial<WasmBackendView>;
  const memory = backend.wasm?.asm?.memory;
  if (memory === undefined || backend.dataIdMap === undefined || typeof backend.makeOutput !== "function")
    return undefined;
  return { backend: backend as WasmBackendView, memory };
}

/** Where a float32 tensor's data starts in the wasm heap (bytes), or undefined. */
export function heapOffset(backend: WasmBackendView, tensor: tf.Tensor): number | undefined {
  if (tensor.dtype !== "float32") return undefined;
  const offset = backend.dataIdMap.get(tensor.dataId)?.memoryOffset;
  return typeof offset === "number" ? offset : undefined;
}

/** A new float32 tensor of `shape` allocated by the wasm backend (contents undefined until written). */
export function heapOutput<R extends tf.Rank>(backend: WasmBackendView, shape: number[]): tf.Tensor<R> {
  return tf.engine().makeTensorFromTensorInfo(backend.makeOutput(shape, "float32")) as tf.Tensor<R>;
}
