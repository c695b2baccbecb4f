import { Random } from "../../../src/index.js";
import { loadBackend, trainNetwork } from "../../../solvers/neural/index.js";
import { mlpBenchOptions } from "../mlp-workload.js";
import { measureSideBySideAsync } from "./measure-async.js";
import type { PeerContext } from "./context.js";
import type { PeerResult } from "./python-peers.js";
import { peerFigure, threadLabel } from "./context.js";
import { writeDataSet } from "./data-files.js";
import type { PeerRow } from "./table.js";

/** The target: at least half of PyTorch's samples per second, so a step takes at most 2x as long. */

/**
 * One training step of an MLP 784-128-10 with Adam (learning rate 1e-3) at batch 128 and 1024, on the same
 * seeded rows (uniform pixels, random labels: the time does not depend on the values): iterlab's
 * `trainNetwork` on its wasm backend with `context.threads` threads, per step = (a run of 1 + `span` epochs
 * - a run of 1 epoch) / (`span` x steps per epoch), so model building and data conversion stay out; PyTorch's
 * CPU loop with its default threads, with one and with iterlab's, per step = the median epoch over its steps.
 */
export async function neuralRows(context: PeerContext): Promise<PeerRow[]> {
  const rows = 8192;
  const random = new Random(7);
  const values = Float32Array.from({ length: rows * 784 }, () => random.float());
  const labels = Int32Array.from({ length: rows }, () => random.int(10));
  const batchSizes = [128, 1024];
  const rounds = context.quick ? 1 : 3;
  const span = context.quick ? 1 : 2;
  const manifest = await writeDataSet(context.directory, "mlp", {
    params: { rows, batchSizes, repeats: rounds + 1 },
    arrays: { x: values, y: labels },
  });
  let backendNote: string | undefined;
  try {
    const info = await loadBackend({ prefer: "wasm" });
    backendNote = info.choice === "wasm" ? undefined : `wasm not loaded (got ${info.choice})`;
  } catch (error) {
    backendNote = `wasm backend not available: ${(error as Error).message.split("\n")[0]}`;
  }
  const iterlabMs = new Map<number, number>();
  const stepMs = async (batchSize: number, backend: "wasm" | "webgpu") => {
    const train = (epochs: number) => async () => {
      const { solver, run } = mlpBenchOptions(batchSize, epochs, backend, context.threads);
      const result = await trainNetwork(solver, { x: { values, shape: [rows, 784] }, y: labels }, run);
      result.model.dispose();
    };
    const [low = Number.NaN, high = Number.NaN] = await measureSideBySideAsync([train(1), train(1 + span)], rounds, 1);
    return (high - low) / (span * Math.ceil(rows / batchSize));
  };
  for (const batchSize of batchSizes) {
    if (backendNote !== undefined) break;
    context.log(`MLP batch ${batchSize}: iterlab wasm (${rounds} rounds)`);
    iterlabMs.set(batchSize, await stepMs(batchSize, "wasm"));
  }
  context.log("MLP: PyTorch");
  const peers = await context.peer("torch_mlp.py", manifest, ["torch"], ["default", 1, context.threads]);
  const result: PeerRow[] = [];
  const threadCount = `${context.threads} threads`;
  for (const batchSize of batchSizes) {
    for (const [threads, peer] of peers) {
      const version = typeof peer === "object" ? `PyTorch ${peer.versions.torch ?? "?"}` : "PyTorch";
      const ms = iterlabMs.get(batchSize);
      result.push({
        workload: `MLP 784-128-10 training step, Adam, batch ${batchSize} (iterlab wasm backend, ${threadCount})`,
        peer: `${version} CPU, ${threadLabel(threads, peer)}`,
        peerFigure: peerFigure(peer, `step-${batchSize}`),
        iterlabFigure: ms === undefined ? { missing: backendNote ?? "not run" } : { ms },
      });
    }
  }
  const cuda = peers.get("default");
  if (typeof cuda === "object" && cuda.figures["cuda-step-128"] !== undefined) {
    result.push(...(await cudaRows(context, cuda, batchSizes, (batchSize) => stepMs(batchSize, "webgpu"))));
  }
  return result;
}

/**
 * Where PyTorch found CUDA: the same step on iterlab's WGSL trainer (a hardware WebGPU adapter; a software
 * one such as lavapipe is no GPU and gives no figure) beside PyTorch's CUDA loop. The targets: at
 * least 1.0x PyTorch's samples/s at batch 128, 0.5x at batch 1024.
 */
async function cudaRows(
  context: PeerContext,
  peer: PeerResult,
  batchSizes: readonly number[],
  stepMs: (batchSize: number) => Promise<number>,
): Promise<PeerRow[]> {
  let missing: string | undefined;
  try {
    const info = await loadBackend({ prefer: "webgpu" });
    if (/llvmpipe|lavapipe|swiftshader/i.test(info.device)) missing = `software adapter only (${info.device})`;
  } catch (error) {
    missing = `no WebGPU: ${(error as Error).message.split("\n")[0]}`;
  }
  const rows: PeerRow[] = [];
  for (const batchSize of batchSizes) {
    context.log(`MLP batch ${batchSize}: iterlab WGSL trainer on WebGPU`);
    const ms = missing === undefined ? await stepMs(batchSize) : undefined;
    rows.push({
      workload: `MLP 784-128-10 training step, Adam, batch ${batchSize} (iterlab WGSL trainer on WebGPU)`,
      peer: `PyTorch ${peer.versions.torch ?? "?"} CUDA ${peer.versions.cuda ?? ""}`.trim(),
      peerFigure: peerFigure(peer, `cuda-step-${batchSize}`),
      iterlabFigure: ms === undefined ? { missing: missing ?? "not run" } : { ms },
    });
  }
  return rows;
}
