/**
 * The node side of `test/bench/gpu-check.sh` (issue 17's device check): on the WebGPU adapter, samples/s of
 * an MLP 784-128-10 with Adam on iterlab's WGSL trainer at batch 128 and 1024 (seeded random rows: the time
 * does not depend on the values), the CPU time to record one step, and the forward product at each
 * blocking; printed as one line `GPU-CHECK {json}` for the script to set beside PyTorch's CUDA loop.
 *
 * Samples/s are the steady state of an epoch: (a run of 1 + `span` epochs - a run of 1 epoch) over `span`
 * epochs, so building, uploading and compiling stay out; medians of `rounds` interleaved rounds.
 */
import { Random } from "../../src/index.js";
import { loadBackend, trainNetwork } from "../../solvers/neural/index.js";
import { mlpBenchOptions } from "./mlp-workload.js";
import { webgpuDevice } from "../../solvers/neural/backend.js";
import type { Session } from "../../solvers/neural/training-session.js";
import { forwardProductTimes } from "./neural-gpu-products.js";

const rows = Number(process.env.GPU_CHECK_ROWS ?? 16_384);
const span = 4;
const rounds = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

async function main(): Promise<void> {
  const info = await loadBackend({ prefer: "webgpu" });
  const random = new Random(7);
  const values = Float32Array.from({ length: rows * 784 }, () => random.float());
  const labels = Int32Array.from({ length: rows }, () => random.int(10));
  const report: Record<string, unknown> = { device: info.device, rows };
  const samplesPerSecond: Record<string, number> = {};
  const encodeMicroseconds: Record<string, number> = {};
  for (const batchSize of [128, 1024]) {
    let encodeMs = 0;
    let steps = 0;
    const run = async (epochs: number) => {
      const begin = performance.now();
      const { solver, run } = mlpBenchOptions(batchSize, epochs, "webgpu");
      const result = await trainNetwork(
        solver,
        { x: { values, shape: [rows, 784] }, y: labels },
        {
          ...run,
          hooks: {
            onStart({ state }) {
              const trainer = (state.session as Session).gpu;
              if (trainer === undefined) throw new Error("the WGSL trainer did not run");
              const step = trainer.step.bind(trainer);
              (trainer as { step: typeof step }).step = (...args) => {
                const started = performance.now();
                step(...args);
                encodeMs += performance.now() - started;
                steps += 1;
              };
            },
          },
        },
      );
      result.model.dispose();
      return performance.now() - begin;
    };
    await run(1);
    const perEpoch: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const short = await run(1);
      const long = await run(1 + span);
      perEpoch.push((long - short) / span);
    }
    samplesPerSecond[batchSize] = rows / (median(perEpoch) / 1000);
    encodeMicroseconds[batchSize] = (encodeMs * 1000) / steps;
  }
  report.samplesPerSecond = samplesPerSecond;
  report.encodeMicroseconds = encodeMicroseconds;
  const device = webgpuDevice();
  if (device !== undefined) {
    report.forwardProducts = [
      await forwardProductTimes(device, [128, 784, 128], 200),
      await forwardProductTimes(device, [1024, 784, 128], 200),
    ];
  }
  process.stdout.write(`GPU-CHECK ${JSON.stringify(report)}\n`);
}

await main();
// Dawn's threads may outlive the event loop.
process.exit(0);
