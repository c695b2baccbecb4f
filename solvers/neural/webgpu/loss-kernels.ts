/**
 * WGSL of the losses, each fused with its gradient and its statistics: softmax cross-entropy from logits
 * (loss, gradient and correct predictions in one pass over each row) and mean squared error. One workgroup
 * of 256 sums its rows in a fixed order (a tree in workgroup memory), so the sums are deterministic.
 *
 * @packageDocumentation
 */
import type { GpuActivation } from "./wgsl-common.js";
import { derivativeWgsl, stepStruct, workgroupSize } from "./wgsl-common.js";

/**
 * Where the loss kernels add their sums, in 32-bit floats: training loss since the last read, the epoch's
 * training loss and correct predictions, then the evaluation's loss and correct predictions.
 */
export const sumIndex = { window: 0, epochLoss: 1, epochCorrect: 2, evaluationLoss: 3, evaluationCorrect: 4 } as const;

/** Floats in the sums buffer. */
export const sumCount = 8;

const reduction = /* wgsl */ `
var<workgroup> lossParts: array<f32, ${workgroupSize}>;
var<workgroup> correctParts: array<f32, ${workgroupSize}>;
fn addSums(lid: u32, loss: f32, correct: f32) {
  lossParts[lid] = loss;
  correctParts[lid] = correct;
  workgroupBarrier();
  for (var half = ${workgroupSize / 2}u; half > 0u; half = half / 2u) {
    if (lid < half) {
      lossParts[lid] = lossParts[lid] + lossParts[lid + half];
      correctParts[lid] = correctParts[lid] + correctParts[lid + half];
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    if (step.training == 1u) {
      sums[0] = sums[0] + lossParts[0];
      sums[1] = sums[1] + lossParts[0];
      sums[2] = sums[2] + correctParts[0];
    } else {
      sums[3] = sums[3] + lossParts[0];
      sums[4] = sums[4] + correctParts[0];
    }
  }
}
`;

/**
 * Softmax cross-entropy of `step.rows` rows of `classes` logits against class indices (stored as floats):
 * per row `logsumexp(z) - z[y]`, whether the first largest logit is `y`, and (training) the gradient of the
 * step's mean loss, `(softmax(z) - onehot(y)) * step.scale`. Bindings: 1 logits, 2 labels (read); 3
 * gradient, 4 sums (read-write). Dispatch `[1, 1]`.
 */
export function crossEntropyShader(classes: number): string {
  return /* wgsl */ `${stepStruct}
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<f32>;
@group(0) @binding(3) var<storage, read_write> dz: array<f32>;
@group(0) @binding(4) var<storage, read_write> sums: array<f32>;
const C = ${classes}u;
${reduction}
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(local_invocation_index) lid: u32) {
  var loss = 0.0;
  var correct = 0.0;
  for (var r = lid; r < step.rows; r += ${workgroupSize}u) {
    let base = r * C;
    var largest = logits[base];
    var best = 0u;
    for (var j = 1u; j < C; j++) {
      let z = logits[base + j];
      if (z > largest) { largest = z; best = j; }
    }
    var total = 0.0;
    for (var j = 0u; j < C; j++) { total += exp(logits[base + j] - largest); }
    let label = u32(labels[r]);
    loss += largest + log(total) - logits[base + label];
    if (best == label) { correct += 1.0; }
    if (step.training == 1u) {
      for (var j = 0u; j < C; j++) {
        let p = exp(logits[base + j] - largest) / total;
        dz[base + j] = (p - select(0.0, 1.0, j == label)) * step.scale;
      }
    }
  }
  addSums(lid, loss, correct);
}
`;
}

/**
 * Mean squared error of `step.rows` rows of `outputs` values (after the output activation) against
 * targets: per row `mean_j (a - t)^2`, and (training) the gradient of the step's mean loss with respect to
 * the output layer's pre-activation, `2 (a - t) / outputs * step.scale * activation'(a)`. Bindings as
 * {@link crossEntropyShader}.
 */
export function meanSquaredErrorShader(outputs: number, activation: GpuActivation): string {
  return /* wgsl */ `${stepStruct}
@group(0) @binding(1) var<storage, read> output: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read_write> dz: array<f32>;
@group(0) @binding(4) var<storage, read_write> sums: array<f32>;
const C = ${outputs}u;
${reduction}
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(local_invocation_index) lid: u32) {
  var loss = 0.0;
  for (var r = lid; r < step.rows; r += ${workgroupSize}u) {
    var row = 0.0;
    for (var j = 0u; j < C; j++) {
      let a = output[r * C + j];
      let e = a - targets[r * C + j];
      row += e * e;
      if (step.training == 1u) { dz[r * C + j] = 2.0 * e / f32(C) * step.scale * ${derivativeWgsl(activation, "a")}; }
    }
    loss += row / f32(C);
  }
  addSums(lid, loss, 0.0);
}
`;
}
