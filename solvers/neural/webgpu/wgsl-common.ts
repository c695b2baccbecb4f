/**
 * What every WGSL kernel of the WebGPU trainer shares: the per-micro-batch parameters (one 256-byte slot of
 * a uniform buffer, bound with a dynamic offset), the activations and their derivatives, and the Philox
 * counter-based generator behind the dropout masks.
 *
 * @packageDocumentation
 */

/** Bytes per parameter slot: WebGPU's minimum alignment of a dynamic uniform offset. */
export const slotBytes = 256;

/** 32-bit words per slot written by the host (the rest of the 256 bytes is padding). */
export const slotWords = 20;

/** The most dropout layers a network may have on the trainer (two vec4 of seeds per slot). */
export const maxDropoutLayers = 8;

/** Invocations of the one-dimensional and reduction kernels. */
export const workgroupSize = 256;

/** Side of the square tiles of the matrix-product kernels. */
export const tile = 16;

/** Word offsets in a slot, written by the host in this order. */
export const slot = {
  rows: 0,
  start: 1,
  accumulate: 2,
  training: 3,
  scale: 4,
  rate: 5,
  a: 6,
  b: 7,
  c: 8,
  clipValue: 9,
  clipNorm: 10,
  seeds: 12,
} as const;

/** The WGSL struct of a slot and its binding (group 0, binding 0, dynamic offset). */
export const stepStruct = /* wgsl */ `
struct Step {
  rows: u32, start: u32, accumulate: u32, training: u32,
  scale: f32, rate: f32, a: f32, b: f32,
  c: f32, clipValue: f32, clipNorm: f32, pad: u32,
  seeds: array<vec4<u32>, 2>,
}
@group(0) @binding(0) var<uniform> step: Step;
`;

/** The activations the trainer runs, by layer-spec name. */
export type GpuActivation = "linear" | "relu" | "sigmoid" | "tanh";

/** WGSL of `activation(z)`. */
export function activationWgsl(activation: GpuActivation, z: string): string {
  switch (activation) {
    case "relu":
      return `max(${z}, 0.0)`;
    case "sigmoid":
      return `(1.0 / (1.0 + exp(-${z})))`;
    case "tanh":
      return `tanh(${z})`;
    default:
      return z;
  }
}

/** WGSL of the activation's derivative written through its output `a` (relu: a > 0, tanh: 1 - a^2, ...). */
export function derivativeWgsl(activation: GpuActivation, a: string): string {
  switch (activation) {
    case "relu":
      return `select(0.0, 1.0, ${a} > 0.0)`;
    case "sigmoid":
      return `(${a} * (1.0 - ${a}))`;
    case "tanh":
      return `(1.0 - ${a} * ${a})`;
    default:
      return "1.0";
  }
}

/**
 * Philox4x32-10 (Salmon et al., SC'11) in WGSL, with the 32 x 32 -> 64 bit product built from 16-bit halves
 * (WGSL has no 64-bit integers), and `keep(layer, index, rate)`: whether dropout keeps element `index` of
 * the layer whose seed is `step.seeds[layer]`. The counter is (index, layer, 0, 0) and the key (seed,
 * 0x1BD11BDA), so each element draws independently and the backward pass recomputes the forward's mask.
 */
export const philoxWgsl = /* wgsl */ `
fn mulHiLo(a: u32, b: u32) -> vec2<u32> {
  let aLo = a & 0xffffu; let aHi = a >> 16u; let bLo = b & 0xffffu; let bHi = b >> 16u;
  let low = aLo * bLo; let mid1 = aHi * bLo; let mid2 = aLo * bHi;
  let carry = ((low >> 16u) + (mid1 & 0xffffu) + (mid2 & 0xffffu)) >> 16u;
  return vec2<u32>(aHi * bHi + (mid1 >> 16u) + (mid2 >> 16u) + carry, a * b);
}
fn philox(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter; var k = key;
  for (var round = 0u; round < 10u; round++) {
    let p0 = mulHiLo(0xD2511F53u, c.x); let p1 = mulHiLo(0xCD9E8D57u, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    k = k + vec2<u32>(0x9E3779B9u, 0xBB67AE85u);
  }
  return c;
}
fn keep(layer: u32, index: u32, rate: f32) -> bool {
  let seed = step.seeds[layer / 4u][layer % 4u];
  let bits = philox(vec4<u32>(index, layer, 0u, 0u), vec2<u32>(seed, 0x1BD11BDAu)).x;
  return f32(bits >> 8u) * (1.0 / 16777216.0) >= rate;
}
`;

/** WGSL of a flat index over a 2-D grid of 256-wide workgroups (grids wider than 65,535 wrap to y). */
export const flatIndexWgsl = /* wgsl */ `
fn flatIndex(wg: vec3<u32>, groups: vec3<u32>, lid: u32) -> u32 {
  return (wg.y * groups.x + wg.x) * ${workgroupSize}u + lid;
}
`;

/** Workgroup counts `[x, y]` covering `count` invocations of {@link workgroupSize}. */
export function grid(count: number): [number, number] {
  const groups = Math.max(1, Math.ceil(count / workgroupSize));
  const x = Math.min(groups, 65_535);
  return [x, Math.ceil(groups / x)];
}

/** WGSL float literal for a host number (always with a decimal point or exponent). */
export function f32Literal(value: number): string {
  const text = String(Math.fround(value));
  return /[.e]/.test(text) ? text : `${text}.0`;
}
