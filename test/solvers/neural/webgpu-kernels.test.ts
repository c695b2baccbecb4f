import { beforeAll, describe, expect, it } from "vitest";
import { updateRules } from "./webgpu-update-checks.js";
import type { KernelResults } from "./webgpu-kernel-checks.js";
import { productCheck, productShapes } from "./webgpu-product-checks.js";
import { runGpuChild } from "./webgpu-run-child.js";

type Outcome = { readonly adapter: string; readonly results: KernelResults } | { readonly skip: string };
let outcome: Outcome = { skip: "not run" };
let results: KernelResults = {};

describe("WebGPU trainer kernels against float64 references (random shapes off the 16 and 256 multiples)", () => {
  beforeAll(async () => {
    outcome = await runGpuChild<Outcome>("kernels", 540_000);
    if ("skip" in outcome) console.log(`skipping the WebGPU kernel checks: ${outcome.skip}`);
    else results = outcome.results;
  }, 600_000);
  const check = (name: string, test: () => void) =>
    it(name, (context) => {
      if ("skip" in outcome) context.skip(outcome.skip);
      test();
    });

  for (const activation of ["linear", "relu", "tanh", "sigmoid"]) {
    check(`computes a dense layer's forward pass with bias and ${activation} fused (37 x 23 by 23 x 19)`, () =>
      expect(results[`forward ${activation}`]).toBeLessThan(2e-6),
    );
  }
  check("applies inverted dropout with the Philox mask the host reference draws, in training mode only", () => {
    expect(results["dropout error"]).toBeLessThan(1e-6);
    expect(results["dropout kept fraction"]).toBeGreaterThan(0.5);
    expect(results["dropout kept fraction"]).toBeLessThan(0.7);
  });
  check("computes dW = A^T dZ and db = sum dZ, overwriting or accumulating", () => {
    expect(results["weight gradient accumulate 0"]).toBeLessThan(2e-6);
    expect(results["weight gradient accumulate 1"]).toBeLessThan(2e-6);
  });
  check("computes dZ_prev = dZ W^T times tanh', sigmoid' and relu' through the dropout mask", () => {
    for (const name of ["tanh", "sigmoid", "relu"]) expect(results[`input gradient ${name}`]).toBeLessThan(1e-5);
  });
  check("fuses softmax cross-entropy with its gradient, the loss sums and the correct count (300 rows)", () => {
    expect(results["cross-entropy gradient"]).toBeLessThan(1e-6);
    expect(results["cross-entropy window sum error"]).toBeLessThan(1e-5);
    expect(results["cross-entropy epoch sum error"]).toBeLessThan(1e-5);
    expect(results["cross-entropy correct difference"]).toBe(0);
  });
  check("computes mean squared error through a sigmoid output; evaluation mode writes no gradient", () => {
    expect(results["mse gradient"]).toBeLessThan(1e-6);
    expect(results["mse training sum error"]).toBeLessThan(1e-5);
    expect(results["mse evaluation sum error"]).toBeLessThan(1e-5);
    expect(results["mse evaluation writes"]).toBe(0);
  });
  check("reduces the global norm of value-clipped gradients into the clipping factor (1000 values)", () =>
    expect(results["norm factor error"]).toBeLessThan(1e-6),
  );
  for (const name of Object.keys(updateRules)) {
    check(`updates 1,000 parameters (clipped by value, scaled by the norm factor) with ${name} in one dispatch`, () =>
      expect(results[`update ${name}`]).toBeLessThan(1e-5),
    );
  }
  check("gathers shuffled rows of features and targets exactly", () => expect(results["gather mismatches"]).toBe(0));
  for (const blocking of [1, 2, 4] as const) {
    const outputs = blocking === 1 ? "16 x 16 tiles" : `${blocking} x ${blocking} outputs per invocation`;
    for (const shape of productShapes) {
      const [rows, k, n] = shape;
      check(`${outputs}: forward (tanh, dropout), dW and db, dX (sigmoid', mask) on ${rows} rows, ${k} -> ${n}`, () => {
        expect(results[productCheck("forward", blocking, shape)]).toBeLessThan(4e-6);
        expect(results[productCheck("weight gradient accumulate 0", blocking, shape)]).toBeLessThan(4e-6);
        expect(results[productCheck("weight gradient accumulate 1", blocking, shape)]).toBeLessThan(4e-6);
        expect(results[productCheck("input gradient", blocking, shape)]).toBeLessThan(4e-6);
      });
    }
  }
});
