import { describe, expect, it } from "vitest";
import { chooseBlocking, fillWorkgroups, productGroups } from "../../../solvers/neural/webgpu/blocked-product.js";
import { gpuNetworkPlan } from "../../../solvers/neural/webgpu/gpu-network-plan.js";
import type { GpuNetworkPlan } from "../../../solvers/neural/webgpu/gpu-network-plan.js";

const mnist = (batchSize: number) =>
  gpuNetworkPlan([{ units: 128, activation: "relu" }, { units: 10 }], 784, "crossEntropy", batchSize) as GpuNetworkPlan;

describe("the WebGPU trainer's choice of product kernel by shape", () => {
  it("blocks outputs only while the product still gives fillWorkgroups workgroups", () => {
    expect(fillWorkgroups).toBe(128);
    // 1024 x 128 outputs: 32 x 4 = 128 tiles of 32 (blocking 2), only 16 x 2 of 64.
    expect(chooseBlocking(1024, 128)).toBe(2);
    // 4096 x 512: 64 x 8 = 512 tiles of 64.
    expect(chooseBlocking(4096, 512)).toBe(4);
    // 128 x 128: 16 tiles of 32, 64 of 16: the 16 x 16 kernel.
    expect(chooseBlocking(128, 128)).toBe(1);
    expect(chooseBlocking(1, 1)).toBe(1);
  });

  it("covers every output with its workgroups, sizes off the tile included", () => {
    expect(productGroups(1, 37, 19)).toEqual([2, 3]);
    expect(productGroups(2, 37, 19)).toEqual([1, 2]);
    expect(productGroups(4, 65, 129)).toEqual([3, 2]);
    expect(productGroups(4, 0, 0)).toEqual([1, 1]);
  });

  it("plans MNIST's 784-128-10 on 16 x 16 tiles at batch 128 and blocks the wide products at batch 1024", () => {
    const plain = { forward: 1, weightGradient: 1, inputGradient: 1 };
    expect(mnist(128).products).toEqual([plain, plain]);
    expect(mnist(1024).products).toEqual([
      { forward: 2, weightGradient: 1, inputGradient: 1 },
      { forward: 1, weightGradient: 1, inputGradient: 2 },
    ]);
  });
});
