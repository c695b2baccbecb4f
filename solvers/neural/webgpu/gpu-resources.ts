/// <reference types="@webgpu/types" />
/**
 * The trainer's GPU objects: every buffer is made through a {@link BufferSet}, which counts the live ones
 * and destroys them all at the end; kernels are pipelines with an explicit layout (a dynamic-offset
 * uniform slot at binding 0, then storage buffers), created once per run.
 *
 * @packageDocumentation
 */
import { slotBytes } from "./wgsl-common.js";

/**
 * WebGPU's usage and stage flags by value (they are fixed by the standard), so that nothing here needs the
 * `GPUBufferUsage` globals a browser has and Node has only after the `webgpu` package installs them.
 */
export const usage = { mapRead: 0x1, copySrc: 0x4, copyDst: 0x8, uniform: 0x40, storage: 0x80 } as const;
const computeStage = 0x4;

/** Buffers made for one owner (a run or a prepared problem), destroyed together. */
export interface BufferSet {
  /** A storage buffer of `floats` 32-bit values (at least 4 bytes), optionally filled with `data`. */
  storage(floats: number, data?: Float32Array | Uint32Array): GPUBuffer;
  /** Any buffer. */
  create(descriptor: GPUBufferDescriptor): GPUBuffer;
  /** Buffers made and not yet destroyed. */
  readonly live: number;
  /** Destroys every buffer of the set (idempotent). */
  destroyAll(): void;
}

/** Makes a {@link BufferSet} on a device; its buffers carry `label` (tools and tests find them by it). */
export function bufferSet(device: GPUDevice, label: string): BufferSet {
  const buffers = new Set<GPUBuffer>();
  const create = (descriptor: GPUBufferDescriptor): GPUBuffer => {
    const buffer = device.createBuffer({ label, ...descriptor });
    buffers.add(buffer);
    return buffer;
  };
  return {
    create,
    storage(floats, data) {
      const size = Math.max(4, floats * 4);
      const flags = usage.storage | usage.copySrc | usage.copyDst;
      const buffer = create({ size, usage: flags, mappedAtCreation: data !== undefined });
      if (data !== undefined) {
        const view =
          data instanceof Float32Array
            ? new Float32Array(buffer.getMappedRange())
            : new Uint32Array(buffer.getMappedRange());
        view.set(data);
        buffer.unmap();
      }
      return buffer;
    },
    get live() {
      return buffers.size;
    },
    destroyAll() {
      for (const buffer of buffers) buffer.destroy();
      buffers.clear();
    },
  };
}

/** A compute pipeline and the layout of its bind group. */
export interface Kernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/**
 * Compiles a kernel: binding 0 is the step's uniform slot (dynamic offset), bindings 1.. are storage
 * buffers, read-only where `access` says `"read"`.
 */
export function createKernel(device: GPUDevice, code: string, access: readonly ("read" | "write")[]): Kernel {
  const entries: GPUBindGroupLayoutEntry[] = [
    {
      binding: 0,
      visibility: computeStage,
      buffer: { type: "uniform", hasDynamicOffset: true, minBindingSize: 80 },
    },
    ...access.map((kind, index) => ({
      binding: index + 1,
      visibility: computeStage,
      buffer: { type: kind === "read" ? ("read-only-storage" as const) : ("storage" as const) },
    })),
  ];
  const layout = device.createBindGroupLayout({ entries });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module: device.createShaderModule({ code }), entryPoint: "main" },
  });
  return { pipeline, layout };
}

/** A kernel bound to its buffers: what a dispatch needs. */
export interface BoundKernel {
  readonly pipeline: GPUComputePipeline;
  readonly group: GPUBindGroup;
}

/** Binds a kernel to the slot buffer and its storage buffers (in binding order). */
export function bindKernel(
  device: GPUDevice,
  kernel: Kernel,
  slots: GPUBuffer,
  buffers: readonly GPUBuffer[],
): BoundKernel {
  const entries: GPUBindGroupEntry[] = [
    { binding: 0, resource: { buffer: slots, size: slotBytes } },
    ...buffers.map((buffer, index) => ({ binding: index + 1, resource: { buffer } })),
  ];
  return { pipeline: kernel.pipeline, group: device.createBindGroup({ layout: kernel.layout, entries }) };
}

/** Records one dispatch of a bound kernel with the parameters of slot `slotIndex`. */
export function dispatch(
  pass: GPUComputePassEncoder,
  bound: BoundKernel,
  slotIndex: number,
  [x, y]: readonly [number, number],
): void {
  pass.setPipeline(bound.pipeline);
  pass.setBindGroup(0, bound.group, [slotIndex * slotBytes]);
  pass.dispatchWorkgroups(x, y);
}
