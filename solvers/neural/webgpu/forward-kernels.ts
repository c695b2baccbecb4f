/**
 * WGSL of the forward pass: the batch gathered from the resident data through the epoch's shuffled order,
 * and one dense layer as a tiled product with its bias, activation and dropout fused.
 *
 * @packageDocumentation
 */
import {
  activationWgsl,
  f32Literal,
  flatIndexWgsl,
  philoxWgsl,
  stepStruct,
  tile,
  workgroupSize,
} from "./wgsl-common.js";
import type { GpuActivation } from "./wgsl-common.js";
import { blockedProductShader } from "./blocked-product.js";
import type { ProductBlocking } from "./blocked-product.js";

/**
 * Gathers rows `order[start + r]`, `r < rows`, of the features (`columns` wide) and targets (`yWidth`
 * wide) into the batch buffers. Bindings: 1 features, 2 targets, 3 order (read); 4 batch features, 5 batch
 * targets (written). One invocation per copied value.
 */
export function gatherShader(columns: number, yWidth: number): string {
  return /* wgsl */ `${stepStruct}${flatIndexWgsl}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read> order: array<u32>;
@group(0) @binding(4) var<storage, read_write> bx: array<f32>;
@group(0) @binding(5) var<storage, read_write> by: array<f32>;
const D = ${columns}u;
const W = ${yWidth}u;
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flatIndex(wg, groups, lid);
  let xCount = step.rows * D;
  if (i < xCount) {
    let r = i / D;
    bx[i] = x[order[step.start + r] * D + i % D];
  } else if (i < xCount + step.rows * W) {
    let j = i - xCount;
    let r = j / W;
    by[j] = y[order[step.start + r] * W + j % W];
  }
}
`;
}

/** One dense layer as the forward kernel sees it. */
export interface DenseKernelLayer {
  /** Input width. */
  readonly inputs: number;
  /** Output width (units). */
  readonly units: number;
  /** Offset of the kernel `[inputs, units]` (row-major) in the parameter buffer; the bias follows it. */
  readonly offset: number;
  /** The activation (a softmax output trained with cross-entropy runs as linear: its outputs are logits). */
  readonly activation: GpuActivation;
  /** Dropout rate applied to the outputs, 0 for none. */
  readonly dropout: number;
  /** Index of this layer's dropout seed in the slot (when `dropout > 0`). */
  readonly dropoutIndex: number;
}

/**
 * `out = dropout(activation(input W + b))` for `step.rows` rows. At blocking 1, 16 x 16 tiles (one output
 * per invocation, the shared dimension in steps of 16 through workgroup memory); at 2 or 4, the
 * register-blocked product of `blocked-product.ts` with the same epilogue. Dropout (inverted: kept values
 * scaled by `1 / (1 - rate)`) only when `step.training` is 1. Bindings: 1 input, 2 parameters (read); 3
 * output (written). Dispatch `productGroups(blocking, rows, units)` (`[ceil(units / 16), ceil(rows / 16)]`
 * at blocking 1).
 */
export function denseForwardShader(layer: DenseKernelLayer, blocking: ProductBlocking = 1): string {
  const { inputs, units, offset, activation, dropout, dropoutIndex } = layer;
  const dropped =
    dropout > 0
      ? `if (step.training == 1u) {
      if (keep(${dropoutIndex}u, r * N + n, ${f32Literal(dropout)})) { a = a * ${f32Literal(1 / (1 - dropout))}; } else { a = 0.0; }
    }`
      : "";
  const declarations = /* wgsl */ `${stepStruct}${dropout > 0 ? philoxWgsl : ""}
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read_write> output: array<f32>;
const K = ${inputs}u;
const N = ${units}u;
const W_OFFSET = ${offset}u;
const B_OFFSET = ${offset + inputs * units}u;`;
  const epilogue = `let z = sum + params[B_OFFSET + n];
    var a = ${activationWgsl(activation, "z")};
    ${dropped}
    output[r * N + n] = a;`;
  if (blocking !== 1) {
    return blockedProductShader({
      blocking,
      declarations,
      rows: "step.rows",
      columns: "N",
      depth: "K",
      left: "return input[i * K + p];",
      leftContiguous: "p",
      right: "return params[W_OFFSET + p * N + j];",
      rightContiguous: "j",
      store: `let r = i; let n = j;
    ${epilogue}`,
    });
  }
  return /* wgsl */ `${declarations}
const T = ${tile}u;
var<workgroup> tileA: array<f32, ${tile * tile}>;
var<workgroup> tileW: array<f32, ${tile * tile}>;
@compute @workgroup_size(${tile}, ${tile})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
  let r = wg.y * T + l.y;
  let n = wg.x * T + l.x;
  var sum = 0.0;
  for (var k0 = 0u; k0 < K; k0 += T) {
    var a = 0.0;
    if (r < step.rows && k0 + l.x < K) { a = input[r * K + k0 + l.x]; }
    tileA[l.y * T + l.x] = a;
    var w = 0.0;
    if (n < N && k0 + l.y < K) { w = params[W_OFFSET + (k0 + l.y) * N + n]; }
    tileW[l.y * T + l.x] = w;
    workgroupBarrier();
    for (var k = 0u; k < T; k++) { sum += tileA[l.y * T + k] * tileW[k * T + l.x]; }
    workgroupBarrier();
  }
  if (r < step.rows && n < N) {
    ${epilogue}
  }
}
`;
}
