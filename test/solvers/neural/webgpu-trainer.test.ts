import { beforeAll, describe, expect, it } from "vitest";
import type { TrainerResults } from "./webgpu-trainer-checks.js";
import { runGpuChild } from "./webgpu-run-child.js";

let outcome: TrainerResults | { readonly skip: string } = { skip: "not run" };

/** Largest relative difference between the losses the two paths read (they read at the same iterations). */
function lossDifference(wasm: readonly number[], webgpu: readonly number[]): number {
  expect(webgpu).toHaveLength(wasm.length);
  return Math.max(...wasm.map((loss, i) => Math.abs(loss - (webgpu[i] ?? NaN)) / Math.abs(loss)));
}

describe('the WebGPU trainer of dense networks (backend: "webgpu")', () => {
  beforeAll(async () => {
    outcome = await runGpuChild<TrainerResults>("trainer", 540_000);
    if ("skip" in outcome) console.log(`skipping the WebGPU trainer checks: ${outcome.skip}`);
  }, 600_000);
  const check = (name: string, test: (results: TrainerResults) => void) =>
    it(name, (context) => {
      if ("skip" in outcome) context.skip(outcome.skip);
      else test(outcome);
    });

  const cases = [
    "sgd",
    "momentum",
    "nesterov",
    "adam",
    "adamW",
    "rmsprop",
    "rmsprop centred with momentum",
    "cosine schedule with warmup, clipNorm and clipValue",
    "accumulation of 3 micro-batches of 10",
    "mse through a sigmoid hidden layer",
  ];
  for (const name of cases) {
    check(`matches the wasm path's losses and weights over 50 steps within float32 rounding: ${name}`, (results) => {
      const comparison = results.comparisons[name];
      expect(comparison?.usedTrainer).toBe(true);
      expect(comparison?.wasm).toHaveLength(5);
      expect(lossDifference(comparison?.wasm ?? [], comparison?.webgpu ?? [])).toBeLessThan(2e-6);
      expect(comparison?.weightDifference).toBeLessThan(2e-6);
    });
  }
  for (const blocking of [2, 4]) {
    check(
      `matches the wasm path over 50 steps with every product at blocking ${blocking} (2-70-33-2, batch 48)`,
      (results) => {
        const comparison = results.blocked[`blocking ${blocking}`];
        expect(comparison?.usedTrainer).toBe(true);
        expect(comparison?.wasm).toHaveLength(5);
        expect(lossDifference(comparison?.wasm ?? [], comparison?.webgpu ?? [])).toBeLessThan(2e-6);
        expect(comparison?.weightDifference).toBeLessThan(2e-6);
      },
    );
  }
  check("names the adapter in result.backend", (results) => expect(results.device).toMatch(/WebGPU via Dawn/));
  check('says which path trained: "wgsl-fused" for layer specs, "tfjs-webgpu" for a tf.LayersModel', (results) => {
    expect(results.trainers.specs).toBe("wgsl-fused");
    expect(results.trainers.model).toBe("tfjs-webgpu");
  });
  check("shows the trainer in iterlab train's output (--backend webgpu)", (results) =>
    expect(results.trainers.cliLine).toMatch(/^backend: webgpu \(GPU: .*WebGPU via Dawn\)\), trainer wgsl-fused$/),
  );
  check("gives identical weights, bit for bit, for the same seed", (results) =>
    expect(results.identicalWeights).toBe(true),
  );
  check("stops early and restores the weights of the best validation loss", (results) => {
    const { restoredFrom, best, restored, last } = results.earlyStopping;
    expect(restoredFrom).toBeGreaterThan(0);
    expect(last).toBeGreaterThan(best);
    expect(Math.abs(restored - best)).toBeLessThan(1e-5);
  });
  check("destroys every buffer it made once the runs end and their models are disposed", (results) => {
    expect(results.createdBuffers).toBeGreaterThan(30);
    expect(results.liveBuffers).toBe(0);
  });
});
