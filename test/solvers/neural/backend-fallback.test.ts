import * as tf from "../../../solvers/neural/tfjs.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BackendUnavailableError, loadBackend } from "../../../solvers/neural/backend.js";

// Stand-ins for the optional packages (not installed here), to check how loadBackend reads a machine that
// has them but no usable GPU. Both mocks apply to this file only (vitest isolates test files).

// tfjs-node-gpu without CUDA 11 libraries registers the "tensorflow" backend and silently runs on the CPU.
vi.mock("@tensorflow/tfjs-node-gpu", async () => {
  await tf.ready();
  const CpuBackend = (tf.findBackend("cpu") as object).constructor as new () => tf.KernelBackend;
  tf.registerBackend("tensorflow", () => Object.assign(new CpuBackend(), { isUsingGpuDevice: false }));
  return {};
});

// The webgpu (Dawn) package on a machine whose Vulkan loader finds no GPU: requestAdapter gives null.
vi.mock("webgpu", () => ({ create: () => ({ requestAdapter: async () => null }), globals: {} }));

beforeAll(async () => {
  await tf.setBackend("cpu");
});

afterAll(async () => {
  await tf.setBackend("cpu");
});

describe("loadBackend on a machine with the GPU packages but no usable GPU", () => {
  it("skips tensorflow-gpu because it runs on the CPU, and webgpu because there is no adapter", async () => {
    const info = await loadBackend();
    expect(info.skipped).toEqual([
      {
        choice: "tensorflow-gpu",
        reason:
          "loaded, but runs on the CPU (libtensorflow found no usable CUDA GPU: it needs CUDA 11.2 and cuDNN 8.1 " +
          "libraries on the library path)",
      },
      { choice: "webgpu", reason: "no GPU adapter found (is a Vulkan driver installed?)" },
    ]);
    // The libtensorflow backend that tfjs-node-gpu registered is then used as the CPU backend.
    expect(info.choice).toBe("tensorflow");
    expect(info.device).toBe("CPU (libtensorflow)");
  });

  it("throws when tensorflow-gpu is forced", async () => {
    await expect(loadBackend({ prefer: "tensorflow-gpu" })).rejects.toThrow(BackendUnavailableError);
  });

  it("throws when webgpu is forced, naming the reason", async () => {
    await expect(loadBackend({ prefer: "webgpu" })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[BackendUnavailableError: backend "webgpu" is unavailable: no GPU adapter found (is a Vulkan driver installed?)]`,
    );
  });
});
