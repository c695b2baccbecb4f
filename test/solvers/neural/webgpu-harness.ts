/// <reference types="@webgpu/types" />
import { bindKernel, createKernel, dispatch, usage } from "../../../solvers/neural/webgpu/gpu-resources.js";
import { slotBytes } from "../../../solvers/neural/webgpu/wgsl-common.js";

/** A WebGPU device from the `webgpu` package (Dawn), or why there is none (the tests then skip and say so). */
export async function testDevice(): Promise<
  { device: GPUDevice; adapter: string; keep: readonly object[] } | { reason: string }
> {
  try {
    const { create } = (await import("webgpu")) as { create: (flags: string[]) => GPU };
    // Kept with the device: Dawn's instance must outlive it (a collected instance stops mapAsync resolving).
    const gpu = create([]);
    const adapter = await gpu.requestAdapter();
    if (adapter === null) return { reason: "no WebGPU adapter (install mesa-vulkan-drivers >= 25 for lavapipe)" };
    const device = await adapter.requestDevice();
    return { device, adapter: `${adapter.info.vendor} ${adapter.info.device}`, keep: [gpu, adapter] };
  } catch (error) {
    return { reason: `WebGPU unavailable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** One slot's words: integers by index, or floats where given as such. */
export interface SlotValues {
  readonly u32?: Readonly<Record<number, number>>;
  readonly f32?: Readonly<Record<number, number>>;
}

/**
 * Runs one kernel once: `inputs` are uploaded (binding 1 onwards), the kernel dispatched over `groups`,
 * and every buffer read back.
 */
export async function runKernel(
  device: GPUDevice,
  code: string,
  access: readonly ("read" | "write")[],
  inputs: readonly (Float32Array | Uint32Array)[],
  values: SlotValues,
  groups: readonly [number, number],
): Promise<Float32Array[]> {
  const slotData = new ArrayBuffer(slotBytes);
  const words = new Uint32Array(slotData);
  const floats = new Float32Array(slotData);
  for (const [key, value] of Object.entries(values.u32 ?? {})) words[Number(key)] = value;
  for (const [key, value] of Object.entries(values.f32 ?? {})) floats[Number(key)] = value;
  const slots = device.createBuffer({ size: slotBytes, usage: usage.uniform | usage.copyDst });
  device.queue.writeBuffer(slots, 0, slotData);
  const buffers = inputs.map((data) => {
    const buffer = device.createBuffer({
      size: Math.max(4, data.byteLength),
      usage: usage.storage | usage.copySrc | usage.copyDst,
    });
    device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  });
  const kernel = createKernel(device, code, access);
  const bound = bindKernel(device, kernel, slots, buffers);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  dispatch(pass, bound, 0, groups);
  pass.end();
  const staging = buffers.map((buffer) => {
    const copy = device.createBuffer({ size: buffer.size, usage: usage.mapRead | usage.copyDst });
    encoder.copyBufferToBuffer(buffer, 0, copy, 0, buffer.size);
    return copy;
  });
  device.queue.submit([encoder.finish()]);
  const results = await Promise.all(
    staging.map(async (copy) => {
      await copy.mapAsync(0x1);
      const values = new Float32Array(copy.getMappedRange().slice(0));
      copy.unmap();
      return values;
    }),
  );
  for (const buffer of [slots, ...buffers, ...staging]) buffer.destroy();
  return results;
}

/** Philox4x32-10 on the host (BigInt products), the reference of the kernels' dropout masks. */
export function philoxKeep(seed: number, layer: number, index: number, rate: number): boolean {
  const mulHiLo = (a: number, b: number): [number, number] => {
    const product = BigInt(a) * BigInt(b);
    return [Number(product >> 32n), Number(product & 0xffffffffn)];
  };
  let c = [index >>> 0, layer >>> 0, 0, 0];
  let k = [seed >>> 0, 0x1bd11bda];
  for (let round = 0; round < 10; round++) {
    const [hi0, lo0] = mulHiLo(0xd2511f53, c[0] as number);
    const [hi1, lo1] = mulHiLo(0xcd9e8d57, c[2] as number);
    c = [
      (hi1 ^ (c[1] as number) ^ (k[0] as number)) >>> 0,
      lo1,
      (hi0 ^ (c[3] as number) ^ (k[1] as number)) >>> 0,
      lo0,
    ];
    k = [((k[0] as number) + 0x9e3779b9) >>> 0, ((k[1] as number) + 0xbb67ae85) >>> 0];
  }
  return ((c[0] as number) >>> 8) * 2 ** -24 >= Math.fround(rate);
}

/** A float64 array rounded to float32, as the kernels read it. */
export const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);
