/// <reference types="@webgpu/types" />
/**
 * The training and validation rows resident on the GPU, uploaded once per prepared problem.
 *
 * @packageDocumentation
 */
import { bufferSet } from "./gpu-resources.js";
import type { BufferSet } from "./gpu-resources.js";

/** Rows on the host, as `prepare` checked them. */
export interface HostRows {
  /** Row-major features, `rows * columns`. */
  readonly x: Float32Array;
  /** Class indices, or `rows * yWidth` targets. */
  readonly y: Int32Array | Float32Array;
  /** Rows. */
  readonly rows: number;
}

/** The data of a prepared problem on the GPU; its `buffers` are destroyed by the problem's `dispose`. */
export interface GpuData {
  /** The device holding them. */
  readonly device: GPUDevice;
  /** Features per row. */
  readonly columns: number;
  /** Targets per row (1 for class indices, stored as floats). */
  readonly yWidth: number;
  /** Training features and targets. */
  readonly trainX: GPUBuffer;
  readonly trainY: GPUBuffer;
  readonly trainRows: number;
  /** Validation features, targets and the order `0, 1, ...` they are read in (undefined without validation). */
  readonly validation:
    | { readonly x: GPUBuffer; readonly y: GPUBuffer; readonly order: GPUBuffer; readonly rows: number }
    | undefined;
  /** Every buffer above. */
  readonly buffers: BufferSet;
  /**
   * The runs' trainers using these buffers: {@link releaseGpuData} has them submit their recorded work
   * before the buffers go (a run's last steps may still be recorded when the prepared problem is disposed).
   */
  readonly users: Set<{ flush(): void }>;
}

/** Submits what the runs recorded on the data, then destroys its buffers. */
export function releaseGpuData(data: GpuData): void {
  for (const user of data.users) user.flush();
  data.buffers.destroyAll();
}

/** Uploads the training rows and the validation rows (if any). */
export function uploadGpuData(
  device: GPUDevice,
  columns: number,
  yWidth: number,
  train: HostRows,
  validation: HostRows | undefined,
): GpuData {
  const buffers = bufferSet(device, "iterlab WebGPU trainer data");
  const targets = (y: Int32Array | Float32Array) => (y instanceof Float32Array ? y : Float32Array.from(y));
  return {
    device,
    columns,
    yWidth,
    trainX: buffers.storage(train.x.length, train.x),
    trainY: buffers.storage(train.y.length, targets(train.y)),
    trainRows: train.rows,
    validation:
      validation === undefined
        ? undefined
        : {
            x: buffers.storage(validation.x.length, validation.x),
            y: buffers.storage(validation.y.length, targets(validation.y)),
            order: buffers.storage(
              validation.rows,
              Uint32Array.from({ length: validation.rows }, (_, i) => i),
            ),
            rows: validation.rows,
          },
    buffers,
    users: new Set(),
  };
}
