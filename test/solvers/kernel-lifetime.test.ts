import { describe, expect, it, vi } from "vitest";
import { DisposedError, InvalidOptionError, prepareProblem, Random, solve } from "../../src/index.js";
import type { PrepareContext, Solver } from "../../src/index.js";
import { gaussianMixture } from "../../solvers/gaussian-mixture/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import type { PreparedKMeans } from "../../solvers/kmeans/index.js";
import { randomMdp, valueIteration } from "../../solvers/mdp/index.js";
import type { KernelBinding } from "../../src/engine/internals.js";

// The kernels and worker threads of a prepared problem live exactly as long as it: bound by `prepare` on
// the run option `threads`, ended by `dispose` (at the end of `solve`, or by the caller for a handle).

const n = 4000;
const d = 8;
const random = new Random(5);
const values = Float64Array.from({ length: n * d }, (_, p) => 6 * (Math.floor(p / d) % 4) + random.normal());
const problem = { data: { values, rows: n } }; // 32,000 coordinates: the WebAssembly kernels
const init = givenCentroids(Array.from({ length: 4 }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d))));

/** The solver with its `prepare` recording what it made and which context it got. */
function watched<P, S, R, Q>(solver: Solver<P, S, R, Q>) {
  const seen: { prepared: Q[]; contexts: PrepareContext[] } = { prepared: [], contexts: [] };
  const prepare = solver.prepare?.bind(solver);
  return {
    seen,
    solver: {
      ...solver,
      prepare(problem: P, context: PrepareContext): Q {
        seen.contexts.push(context);
        const prepared = (prepare as NonNullable<typeof prepare>)(problem, context);
        seen.prepared.push(prepared);
        return prepared;
      },
    } as Solver<P, S, R, Q>,
  };
}

describe("kernel lifetime", () => {
  it("solve passes threads to prepare and ends the kernel's workers when the run is over", async () => {
    for (const factory of [kmeans, hamerlyKMeans]) {
      const { solver, seen } = watched(factory({ k: 4, init }));
      const result = solve(solver, problem, { threads: 2 });
      expect(result.converged).toBe(true);
      expect(seen.contexts.map((context) => context.threads)).toEqual([2]);
      const binding = (seen.prepared[0] as PreparedKMeans).kernels?.binding as KernelBinding<unknown>;
      expect(binding.threads).toBe(2);
      expect(binding.disposed).toBe(true);
      await vi.waitFor(() => expect(binding.liveWorkers).toBe(0));
    }
  });

  it("a handle keeps its kernel and workers across runs; its dispose ends them, and the disposed handle is refused with a typed error", async () => {
    const solver = kmeans({ k: 4, init });
    const prepared = prepareProblem(solver, problem, { threads: 2 });
    const first = solve(solver, prepared);
    const kernels = prepared.prepared.kernels;
    const binding = kernels?.binding as KernelBinding<unknown>;
    expect(binding.liveWorkers).toBe(0); // a short run starts none (worker-start-policy.test.ts)
    binding.startWorkers();
    expect(binding.liveWorkers).toBe(1);
    const second = solve(solver, prepared);
    expect(prepared.prepared.kernels?.binding).toBe(binding);
    expect(second.state.inertia).toBe(first.state.inertia);
    expect(binding.disposed).toBe(false);
    prepared.dispose();
    expect(binding.disposed).toBe(true);
    await vi.waitFor(() => expect(binding.liveWorkers).toBe(0));
    expect(() => solve(solver, prepared)).toThrow(InvalidOptionError);
    expect(() => solve(solver, prepared)).toThrow("problem is a prepared problem that was disposed");
    expect(() => kernels?.assign(new Float64Array(4 * d), null, false)).toThrow(DisposedError);
  });

  it("threads is given once: to prepareProblem for a handle, not again to solve", () => {
    const solver = kmeans({ k: 4, init });
    using prepared = prepareProblem(solver, problem, { threads: 1 });
    expect(prepared.prepared.kernels?.threads).toBe(1);
    expect(prepared.prepared.kernels?.binding.liveWorkers).toBe(0);
    expect(() => solve(solver, prepared, { threads: 2 })).toThrow(
      "threads shapes the preparation, and problem is already prepared: pass it to prepareProblem(solver, problem, { threads }) instead",
    );
    expect(() => prepareProblem(solver, problem, { threads: 0 })).toThrow("threads must be an integer >= 1, got 0");
    expect(() => prepareProblem(solver, problem, { thread: 2 } as never)).toThrow(/did you mean threads\?/);
  });

  it("the same bits with threads 1, 2 and 3 through a handle", () => {
    const solver = hamerlyKMeans({ k: 4, init });
    const results = [1, 2, 3].map((threads) => {
      using prepared = prepareProblem(solver, problem, { threads });
      return solve(solver, prepared);
    });
    for (const result of results.slice(1)) {
      expect(result.state.inertia).toBe(results[0]?.state.inertia);
      expect(Array.from(result.state.labels)).toEqual(Array.from(results[0]?.state.labels ?? []));
    }
  });

  it("value iteration binds its sweep kernel in prepare and solve disposes it", async () => {
    const model = randomMdp({ states: 4000, actions: 3, successors: 6, seed: 12, discount: 0.9 });
    const { solver, seen } = watched(valueIteration());
    solve(solver, model, { threads: 2, maxIterations: 5 });
    const sweeps = seen.prepared[0]?.sweeps;
    expect(sweeps).toBeDefined();
    const S = 4000;
    const sweep = () => sweeps?.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S));
    expect(sweep).toThrow(DisposedError);
  });

  it("the Gaussian mixture binds its kernel for large data in prepare and solve disposes it", () => {
    const { solver, seen } = watched(gaussianMixture({ k: 4 }));
    solve(solver, problem, { maxIterations: 3 });
    const kernel = seen.prepared[0]?.kernel;
    expect(kernel).toBeDefined();
    expect(kernel?.disposed).toBe(true);
    const small = watched(gaussianMixture({ k: 2 }));
    solve(small.solver, { data: [[0], [1], [5], [6]] });
    expect(small.seen.prepared[0]?.kernel).toBeUndefined();
  });
});
