import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

/** The TensorFlow.js backends the neural page can ask for, fastest usual choice first. */
export const browserBackends = ["wasm", "webgl", "cpu"] as const;

/**
 * Switches TensorFlow.js to the preferred backend, falling back along {@link browserBackends} to the pure
 * JavaScript one; the wasm binaries come from the bundle (nothing is fetched from elsewhere).
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
