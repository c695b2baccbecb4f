/// <reference types="@webgpu/types" />
// The update kernel's checks, run last by kernelChecks (webgpu-kernel-checks.ts): every optimiser's rule
// against a float64 reference, with both clippings.
import { stepScalars, updateShader } from "../../../solvers/neural/webgpu/update-kernels.js";
import type { GpuUpdateRule } from "../../../solvers/neural/webgpu/update-kernels.js";
import { grid, slot } from "../../../solvers/neural/webgpu/wgsl-common.js";
import type { KernelResults } from "./webgpu-kernel-checks.js";
import { f32, runKernel } from "./webgpu-harness.js";

/** The optimisers' rules as the update kernel runs them, by name. */
export const updateRules: Readonly<Record<string, GpuUpdateRule>> = {
  sgd: { kind: "sgd" },
  momentum: { kind: "momentum", momentum: 0.9, nesterov: false },
  nesterov: { kind: "momentum", momentum: 0.8, nesterov: true },
  adam: { kind: "adam", beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 },
  adamW: { kind: "adam", beta1: 0.85, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.05 },
  rmsprop: { kind: "rmsprop", rho: 0.9, epsilon: 1e-7, momentum: 0, centered: false },
  "rmsprop centred with momentum": { kind: "rmsprop", rho: 0.8, epsilon: 1e-7, momentum: 0.5, centered: true },
};

/** One update of 1,000 parameters (not a multiple of 256) per rule, with both clippings, in float64. */
function updateReference(rule: GpuUpdateRule, p: number, g: number, s: number[], scalars: number[]): number[] {
  const [a = 0, b = 0, c = 0] = scalars;
  switch (rule.kind) {
    case "sgd":
      return [p - g * a];
    case "momentum": {
      const v = s[0]! * rule.momentum + g;
      return [p - (rule.nesterov ? g + v * rule.momentum : v) * a, v];
    }
    case "adam": {
      const m = s[0]! * rule.beta1 + g * (1 - rule.beta1);
      const v = s[1]! * rule.beta2 + g * g * (1 - rule.beta2);
      return [(rule.weightDecay > 0 ? p * c : p) - (m * a) / (Math.sqrt(v) + b), m, v];
    }
    case "rmsprop": {
      const ms = s[0]! * rule.rho + g * g * (1 - rule.rho);
      const mean = rule.centered ? s[1]! * rule.rho + g * (1 - rule.rho) : 0;
      let direction = g / (Math.sqrt(ms - mean * mean) + rule.epsilon);
      const slot = rule.centered ? 2 : 1;
      if (rule.momentum > 0) direction = s[slot]! * rule.momentum + direction;
      const next = [p - direction * a, ms];
      if (rule.centered) next.push(mean);
      if (rule.momentum > 0) next.push(direction);
      return next;
    }
  }
}

/**
 * Checks the update kernel for every rule in {@link updateRules}, against float64, into `results`; the
 * parameters, gradients and slots are drawn with `values` (the kernel checks' seeded stream, continued).
 */
export async function updateChecks(
  gpu: GPUDevice,
  results: KernelResults,
  values: (n: number, scale?: number) => Float64Array,
): Promise<void> {
  const count = 1000;
  for (const [name, rule] of Object.entries(updateRules)) {
    const params = values(count);
    const grads = values(count, 2);
    // Mean squares stay positive (and above the centred mean's square), as they do in training.
    const slots =
      rule.kind === "rmsprop"
        ? [Float64Array.from(values(count), (v) => 2 + Math.abs(v)), values(count, 0.5), values(count, 0.2)]
        : [values(count), Float64Array.from(values(count), Math.abs), values(count, 0.2)];
    const scalars = stepScalars(rule, 0.01, 3).map(Math.fround);
    const outputs = await runKernel(
      gpu,
      updateShader(rule, count),
      ["write", "read", "read", "write", "write", "write"],
      [f32(params), f32(grads), Float32Array.of(0.7), ...slots.map(f32)],
      {
        f32: {
          [slot.a]: scalars[0] ?? 0,
          [slot.b]: scalars[1] ?? 0,
          [slot.c]: scalars[2] ?? 0,
          [slot.clipValue]: 1.5,
          [slot.clipNorm]: 3,
        },
      },
      grid(count),
    );
    let worst = 0;
    for (let i = 0; i < count; i++) {
      const g = Math.min(1.5, Math.max(-1.5, Math.fround(grads[i] as number))) * Math.fround(0.7);
      const start = slots.map((array) => Math.fround(array[i] as number));
      const expected = updateReference(rule, Math.fround(params[i] as number), g, start, scalars);
      const got = [outputs[0]?.[i], outputs[3]?.[i], outputs[4]?.[i], outputs[5]?.[i]];
      expected.forEach((value, k) => {
        worst = Math.max(worst, Math.abs((got[k] as number) - value) / (1 + Math.abs(value)));
      });
    }
    results[`update ${name}`] = worst;
  }
}
