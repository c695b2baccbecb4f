/**
 * WGSL of the backward pass of one dense layer: the parameter gradients `dW = A^T dZ` and `db = sum_r dZ`
 * (one kernel, the bias as a row of ones appended to `A`), and the input gradient `dZ_prev = (dZ W^T) *
 * activation'(A_prev)`, with the previous layer's dropout mask recomputed from its Philox counter.
 *
 * @packageDocumentation
 */
import type { DenseKernelLayer } from "./forward-kernels.js";
import { derivativeWgsl, f32Literal, philoxWgsl, stepStruct, tile } from "./wgsl-common.js";
import { blockedProductShader } from "./blocked-product.js";
import type { ProductBlocking } from "./blocked-product.js";

/**
 * The gradients of a layer's kernel and bias, summed over `step.rows` rows; written at the layer's offset
 * in the gradient buffer, added to what is there when `step.accumulate` is 1 (later micro-batches of an
 * accumulated step). Bindings: 1 the layer's input `A` (rows x inputs), 2 `dZ` (rows x units) (read); 3
 * gradients (read-write). Dispatch `productGroups(blocking, inputs + 1, units)` (at blocking 1
 * `[ceil(units / 16), ceil((inputs + 1) / 16)]`); blockings 2 and 4 are the register-blocked product.
 */
export function weightGradientShader(layer: DenseKernelLayer, blocking: ProductBlocking = 1): string {
  const { inputs, units, offset } = layer;
  const declarations = /* wgsl */ `${stepStruct}
@group(0) @binding(1) var<storage, read> input: array<f32>;
@group(0) @binding(2) var<storage, read> dz: array<f32>;
@group(0) @binding(3) var<storage, read_write> grads: array<f32>;
const K = ${inputs}u;
const N = ${units}u;
const OFFSET = ${offset}u;`;
  const epilogue = `let index = OFFSET + k * N + n;
    if (step.accumulate == 1u) { grads[index] = grads[index] + sum; } else { grads[index] = sum; }`;
  if (blocking !== 1) {
    return blockedProductShader({
      blocking,
      declarations,
      rows: "K + 1u",
      columns: "N",
      depth: "step.rows",
      left: "if (i == K) { return 1.0; } return input[p * K + i];",
      leftContiguous: "i",
      right: "return dz[p * N + j];",
      rightContiguous: "j",
      store: `let k = i; let n = j;
    ${epilogue}`,
    });
  }
  return /* wgsl */ `${declarations}
const T = ${tile}u;
var<workgroup> tileA: array<f32, ${tile * tile}>;
var<workgroup> tileD: array<f32, ${tile * tile}>;
@compute @workgroup_size(${tile}, ${tile})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
  let k = wg.y * T + l.y;
  let n = wg.x * T + l.x;
  let kLoad = wg.y * T + l.x;
  var sum = 0.0;
  for (var r0 = 0u; r0 < step.rows; r0 += T) {
    let r = r0 + l.y;
    var a = 0.0;
    if (r < step.rows) {
      if (kLoad < K) { a = input[r * K + kLoad]; } else if (kLoad == K) { a = 1.0; }
    }
    tileA[l.y * T + l.x] = a;
    var d = 0.0;
    if (r < step.rows && n < N) { d = dz[r * N + n]; }
    tileD[l.y * T + l.x] = d;
    workgroupBarrier();
    for (var i = 0u; i < T; i++) { sum += tileA[i * T + l.y] * tileD[i * T + l.x]; }
    workgroupBarrier();
  }
  if (k <= K && n < N) {
    ${epilogue}
  }
}
`;
}

/**
 * The gradient with respect to the previous layer's pre-activation: `(dZ W^T)[r, k]` times the previous
 * activation's derivative at its output, through its dropout mask (zero where dropped, `1 / (1 - rate)`
 * where kept). Bindings: 1 `dZ` (rows x units), 2 parameters, 3 the previous layer's output (read); 4 its
 * `dZ` (written). Dispatch `productGroups(blocking, rows, inputs)` (at blocking 1 `[ceil(inputs / 16),
 * ceil(rows / 16)]`); blockings 2 and 4 are the register-blocked product.
 */
export function inputGradientShader(
  layer: DenseKernelLayer,
  previous: DenseKernelLayer,
  blocking: ProductBlocking = 1,
): string {
  const { inputs, units, offset } = layer;
  const rate = previous.dropout;
  const keepRate = f32Literal(1 - rate);
  const through =
    rate > 0
      ? `if (keep(${previous.dropoutIndex}u, r * K + k, ${f32Literal(rate)})) {
      g = g * ${f32Literal(1 / (1 - rate))}; a = a * ${keepRate};
    } else { g = 0.0; }`
      : "";
  const declarations = /* wgsl */ `${stepStruct}${rate > 0 ? philoxWgsl : ""}
@group(0) @binding(1) var<storage, read> dz: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read> previous: array<f32>;
@group(0) @binding(4) var<storage, read_write> dzPrevious: array<f32>;
const K = ${inputs}u;
const N = ${units}u;
const W_OFFSET = ${offset}u;`;
  const epilogue = `var g = sum;
    var a = previous[r * K + k];
    ${through}
    dzPrevious[r * K + k] = g * ${derivativeWgsl(previous.activation, "a")};`;
  if (blocking !== 1) {
    return blockedProductShader({
      blocking,
      declarations,
      rows: "step.rows",
      columns: "K",
      depth: "N",
      left: "return dz[i * N + p];",
      leftContiguous: "p",
      right: "return params[W_OFFSET + j * N + p];",
      rightContiguous: "p",
      store: `let r = i; let k = j;
    ${epilogue}`,
    });
  }
  return /* wgsl */ `${declarations}
const T = ${tile}u;
var<workgroup> tileD: array<f32, ${tile * tile}>;
var<workgroup> tileW: array<f32, ${tile * tile}>;
@compute @workgroup_size(${tile}, ${tile})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
  let r = wg.y * T + l.y;
  let k = wg.x * T + l.x;
  let kLoad = wg.x * T + l.y;
  var sum = 0.0;
  for (var n0 = 0u; n0 < N; n0 += T) {
    var d = 0.0;
    if (r < step.rows && n0 + l.x < N) { d = dz[r * N + n0 + l.x]; }
    tileD[l.y * T + l.x] = d;
    var w = 0.0;
    if (kLoad < K && n0 + l.x < N) { w = params[W_OFFSET + kLoad * N + n0 + l.x]; }
    tileW[l.y * T + l.x] = w;
    workgroupBarrier();
    for (var i = 0u; i < T; i++) { sum += tileD[l.y * T + i] * tileW[l.x * T + i]; }
    workgroupBarrier();
  }
  if (r < step.rows && k < K) {
    ${epilogue}
  }
}
`;
}
