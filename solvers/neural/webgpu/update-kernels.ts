/**
 * WGSL of the parameter update: the global gradient norm as a reduction, and one fused update per
 * optimiser over every parameter of the network (value clipping, norm scaling and the rule in one pass).
 * The float32 operations follow `optimizers.ts`, `adam.ts` and `rmsprop.ts` in the same order.
 *
 * @packageDocumentation
 */
import { f32Literal, flatIndexWgsl, stepStruct, workgroupSize } from "./wgsl-common.js";

/** An optimiser's update rule as data, for trainers that run it themselves (see each factory for the math). */
export type GpuUpdateRule =
  | {
      /** Plain SGD: `p <- p - lr g`. */
      readonly kind: "sgd";
    }
  | {
      /** Momentum: `v <- mu v + g`, `p <- p - lr v` (Nesterov: `p <- p - lr (g + mu v)`). */
      readonly kind: "momentum";
      /** The momentum coefficient `mu`. */
      readonly momentum: number;
      /** Whether the step looks ahead (Nesterov). */
      readonly nesterov: boolean;
    }
  | {
      /** Adam, with decoupled weight decay (AdamW) when `weightDecay > 0`. */
      readonly kind: "adam";
      /** Decay of the first moment. */
      readonly beta1: number;
      /** Decay of the second moment. */
      readonly beta2: number;
      /** Added to the root of the second moment. */
      readonly epsilon: number;
      /** Decoupled weight decay coefficient (0 for Adam). */
      readonly weightDecay: number;
    }
  | {
      /** RMSProp, optionally centred and with momentum. */
      readonly kind: "rmsprop";
      /** Decay of the mean square. */
      readonly rho: number;
      /** Added to the root mean square. */
      readonly epsilon: number;
      /** Momentum coefficient (0 for none). */
      readonly momentum: number;
      /** Whether the mean square is centred by the mean gradient. */
      readonly centered: boolean;
    };

/** Slot arrays (one float per parameter each) a rule keeps. */
export function slotCount(rule: GpuUpdateRule): number {
  switch (rule.kind) {
    case "sgd":
      return 0;
    case "momentum":
      return 1;
    case "adam":
      return 2;
    case "rmsprop":
      return 1 + (rule.centered ? 1 : 0) + (rule.momentum > 0 ? 1 : 0);
  }
}

/**
 * The step's scalars `[a, b, c]` of a rule, in double precision on the host: the rate for SGD, momentum
 * and RMSProp; for Adam the bias-corrected step size `lr sqrt(1 - beta2^t) / (1 - beta1^t)`, the scaled
 * epsilon `eps sqrt(1 - beta2^t)` and the decay factor `1 - lr wd`, as `adam.ts` folds them.
 */
export function stepScalars(rule: GpuUpdateRule, rate: number, step: number): [number, number, number] {
  if (rule.kind !== "adam") return [rate, 0, 0];
  const c1 = 1 - rule.beta1 ** step;
  const root = Math.sqrt(1 - rule.beta2 ** step);
  return [(rate * root) / c1, rule.epsilon * root, 1 - rate * rule.weightDecay];
}

/**
 * The global 2-norm of the (value-clipped) gradients, as the factor `clipNorm / max(norm, clipNorm)` the
 * update multiplies them by (1 without `clipNorm`). Bindings: 1 gradients (read); 2 factor (written).
 * Dispatch `[1, 1]`.
 */
export function globalNormShader(parameters: number): string {
  return /* wgsl */ `${stepStruct}
@group(0) @binding(1) var<storage, read> grads: array<f32>;
@group(0) @binding(2) var<storage, read_write> factor: array<f32>;
var<workgroup> parts: array<f32, ${workgroupSize}>;
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(local_invocation_index) lid: u32) {
  var sum = 0.0;
  for (var i = lid; i < ${parameters}u; i += ${workgroupSize}u) {
    var g = grads[i];
    if (step.clipValue > 0.0) { g = clamp(g, -step.clipValue, step.clipValue); }
    sum += g * g;
  }
  parts[lid] = sum;
  workgroupBarrier();
  for (var half = ${workgroupSize / 2}u; half > 0u; half = half / 2u) {
    if (lid < half) { parts[lid] = parts[lid] + parts[lid + half]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let norm = sqrt(parts[0]);
    factor[0] = select(1.0, step.clipNorm / max(norm, step.clipNorm), step.clipNorm > 0.0);
  }
}
`;
}

function ruleWgsl(rule: GpuUpdateRule): string {
  const f = f32Literal;
  switch (rule.kind) {
    case "sgd":
      return "p = p - g * step.a;";
    case "momentum":
      return `let v = s0[i] * ${f(rule.momentum)} + g; s0[i] = v;
    p = p - ${rule.nesterov ? `(g + v * ${f(rule.momentum)})` : "v"} * step.a;`;
    case "adam":
      return `let m = s0[i] * ${f(rule.beta1)} + g * ${f(1 - rule.beta1)};
    let v = s1[i] * ${f(rule.beta2)} + (g * g) * ${f(1 - rule.beta2)};
    s0[i] = m; s1[i] = v;
    let update = (m * step.a) / (sqrt(v) + step.b);
    p = ${rule.weightDecay > 0 ? "p * step.c" : "p"} - update;`;
    case "rmsprop": {
      const rho = f(rule.rho);
      const rest = f(1 - rule.rho);
      const centred = rule.centered
        ? `let mean = s1[i] * ${rho} + g * ${rest}; s1[i] = mean; let square = s - mean * mean;`
        : "let square = s;";
      const slot = rule.centered ? "s2" : "s1";
      const momentum =
        rule.momentum > 0 ? `direction = ${slot}[i] * ${f(rule.momentum)} + direction; ${slot}[i] = direction;` : "";
      return `let s = s0[i] * ${rho} + (g * g) * ${rest}; s0[i] = s;
    ${centred}
    var direction = g / (sqrt(square) + ${f(rule.epsilon)});
    ${momentum}
    p = p - direction * step.a;`;
    }
  }
}

/**
 * One update of every parameter: the gradient clipped to `[-clipValue, clipValue]` when set, scaled by the
 * norm factor, then the rule. Bindings: 1 parameters (read-write), 2 gradients, 3 norm factor (read), 4-6
 * slot arrays (read-write; unused ones bound to a small dummy). One invocation per parameter.
 */
export function updateShader(rule: GpuUpdateRule, parameters: number): string {
  return /* wgsl */ `${stepStruct}${flatIndexWgsl}
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read> factor: array<f32>;
@group(0) @binding(4) var<storage, read_write> s0: array<f32>;
@group(0) @binding(5) var<storage, read_write> s1: array<f32>;
@group(0) @binding(6) var<storage, read_write> s2: array<f32>;
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let i = flatIndex(wg, groups, lid);
  if (i >= ${parameters}u) { return; }
  var g = grads[i];
  if (step.clipValue > 0.0) { g = clamp(g, -step.clipValue, step.clipValue); }
  if (step.clipNorm > 0.0) { g = g * factor[0]; }
  var p = params[i];
  ${ruleWgsl(rule)}
  params[i] = p;
}
`;
}
