import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

/** The TensorFlow.js backends the neural page falls back along, fastest usual choice first. */
export const browserBackends = ["wasm", "webgl", "cpu"] as const;

/** Whether this browser has WebGPU (`navigator.gpu`); the page offers the webgpu backend only then. */
export function hasWebGpu(): boolean {
  return typeof navigator !== "undefined" && (navigator as { gpu?: unknown }).gpu !== undefined;
}

/** The backends the page offers here: webgpu first where the browser has WebGPU, then {@link browserBackends}. */
export function offeredBackends(): string[] {
  return hasWebGpu() ? ["webgpu", ...browserBackends] : [...browserBackends];
}

/**
 * Loads TensorFlow.js's WebGPU backend (its own chunk of the bundle, fetched from the lab's server only when
 * asked for) where the browser has `navigator.gpu`.
 * @returns Why webgpu cannot run, or undefined when it is registered and may be tried.
 */
async function loadWebGpu(): Promise<string | undefined> {
  if (!hasWebGpu()) return "navigator.gpu is not available in this browser";
  try {
    await import("@tensorflow/tfjs-backend-webgpu");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Switches TensorFlow.js to the preferred backend, falling back along {@link browserBackends} to the pure
 * JavaScript one; webgpu is tried only when preferred and present (no adapter, as in headless Chromium
 * without a GPU, falls back with the reason). The wasm binaries and the webgpu backend come from the bundle
 * (nothing is fetched from elsewhere).
 * @returns The backend that runs and why the ones before it were skipped.
 */
export async function useBrowserBackend(preferred: string): Promise<{ backend: string; skipped: string[] }> {
  setWasmPaths({
    "tfjs-backend-wasm.wasm": wasmPlain,
    "tfjs-backend-wasm-simd.wasm": wasmSimd,
    "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
  });
  const order = [preferred, ...browserBackends.filter((name) => name !== preferred)];
  const skipped: string[] = [];
  for (const name of order) {
    if (name === "webgpu") {
      const reason = await loadWebGpu();
      if (reason !== undefined) {
        skipped.push(`webgpu: ${reason}`);
        continue;
      }
    }
    if (tf.getBackend() === name) return { backend: name, skipped };
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { backend: name, skipped };
      }
      skipped.push(`${name}: did not initialise`);
    } catch (error) {
      skipped.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { backend: tf.getBackend(), skipped };
}

/** Class-1 probabilities of a model on a `size x size` grid over `box` (rows from the top). */
export function boundaryGrid(
  model: LayersModel,
  box: readonly [number, number, number, number],
  size: number,
): Float32Array {
  const [x0, x1, y0, y1] = box;
  const coordinates = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      coordinates[2 * (r * size + c)] = x0 + ((c + 0.5) / size) * (x1 - x0);
      coordinates[2 * (r * size + c) + 1] = y1 - ((r + 0.5) / size) * (y1 - y0);
    }
  }
  return tf.tidy(() => {
    const output = model.predict(tf.tensor2d(coordinates, [size * size, 2])) as tf.Tensor;
    return tf.slice(output, [0, 1], [size * size, 1]).dataSync() as Float32Array;
  });
}
