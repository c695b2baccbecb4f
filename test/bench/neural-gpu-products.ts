/// <reference types="@webgpu/types" />
import { denseForwardShader } from "../../solvers/neural/webgpu/forward-kernels.js";
import { chooseBlocking, productGroups } from "../../solvers/neural/webgpu/blocked-product.js";
import type { ProductBlocking } from "../../solvers/neural/webgpu/blocked-product.js";
import { bindKernel, bufferSet, createKernel, dispatch, usage } from "../../solvers/neural/webgpu/gpu-resources.js";
import { slot, slotBytes } from "../../solvers/neural/webgpu/wgsl-common.js";

/** Microseconds per dispatch of one forward product at each blocking, and the blocking the trainer chooses. */
export interface ProductTimes {
  readonly shape: string;
  readonly chosen: ProductBlocking;
  readonly microseconds: Readonly<Record<ProductBlocking, number>>;
}

/**
 * Times the forward product `rows x inputs` by `inputs x units` (relu, bias) at blockings 1, 2 and 4:
 * `repeats` dispatches in one command buffer, wall time to completion over `repeats`, after one warm-up
 * submit (which also compiles). On a software adapter this is CPU time of the emulated kernel.
 */
export async function forwardProductTimes(
  device: GPUDevice,
  [rows, inputs, units]: readonly [number, number, number],
  repeats: number,
): Promise<ProductTimes> {
  const buffers = bufferSet(device, "iterlab bench products");
  const slots = buffers.create({ size: slotBytes, usage: usage.uniform | usage.copyDst });
  const words = new Uint32Array(slotBytes / 4);
  words[slot.rows] = rows;
  device.queue.writeBuffer(slots, 0, words);
  const input = buffers.storage(rows * inputs, new Float32Array(rows * inputs).fill(0.5));
  const params = buffers.storage(inputs * units + units, new Float32Array(inputs * units + units).fill(0.01));
  const output = buffers.storage(rows * units);
  const microseconds = {} as Record<ProductBlocking, number>;
  const layer = { inputs, units, offset: 0, activation: "relu" as const, dropout: 0, dropoutIndex: 0 };
  for (const blocking of [1, 2, 4] as const) {
    const kernel = createKernel(device, denseForwardShader(layer, blocking), ["read", "read", "write"]);
    const bound = bindKernel(device, kernel, slots, [input, params, output]);
    const run = async (count: number) => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let i = 0; i < count; i++) dispatch(pass, bound, 0, productGroups(blocking, rows, units));
      pass.end();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
    };
    await run(1);
    const begin = performance.now();
    await run(repeats);
    microseconds[blocking] = ((performance.now() - begin) * 1000) / repeats;
  }
  buffers.destroyAll();
  return { shape: `${rows} x ${inputs} by ${inputs} x ${units}`, chosen: chooseBlocking(rows, units), microseconds };
}

/** One line per shape: `1024 x 784 by 784 x 128: 16x16 812 us, 2x2 401 us, 4x4 380 us (chosen: 2x2)`. */
export function formatProductTimes(times: ProductTimes): string {
  const names = { 1: "16x16", 2: "2x2", 4: "4x4" } as const;
  const parts = ([1, 2, 4] as const).map((b) => `${names[b]} ${times.microseconds[b].toFixed(0)} us`);
  return `${times.shape}: ${parts.join(", ")} (chosen by shape: ${names[times.chosen]})`;
}
