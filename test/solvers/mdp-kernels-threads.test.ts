// The MDP sweep kernels on several threads, their workers' lifetime and the dense kernel (the same describe as mdp-kernels.test.ts).
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { prepareProblem, solve } from "../../src/index.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { inPlaceSweep, randomMdp, synchronousSweep, valueIteration } from "../../solvers/mdp/index.js";
import type { SweepOrder, WasmSweep } from "../../solvers/mdp/index.js";
import { bindWasmSweeps, createWasmSweep } from "../../solvers/mdp/wasm-sweep.js";
import { reserveDenseSweepKernel } from "../../solvers/mdp/sweep-reservation.js";
import { prepareMdp } from "../../solvers/mdp/prepare-mdp.js";
import { sparseModel, bits, denseModel, expectSweepsLikeBellman } from "../fixtures/mdp-kernels.js";

describe("the WebAssembly sparse Bellman sweep", () => {
  it("value iteration gives the same bits with the run option threads: 1, 2 and 3, and rejects threads < 1", () => {
    const model = randomMdp({ states: 4000, actions: 3, successors: 6, seed: 12, discount: 0.9 });
    const [one, two, three] = [1, 2, 3].map((threads) =>
      solve(valueIteration({ sweep: synchronousSweep() }), model, { threads }),
    );
    for (const other of [two, three]) {
      expect(other?.iterations).toBe(one?.iterations);
      expect(bits(other?.state.values ?? new Float64Array())).toBe(bits(one?.state.values ?? new Float64Array()));
      expect(Array.from(other?.state.policy ?? [])).toEqual(Array.from(one?.state.policy ?? []));
    }
    expect(() => solve(valueIteration(), model, { threads: 0 })).toThrow(/threads must be an integer >= 1/);
    expect(() => synchronousSweep({ threads: 2 } as never)).toThrow(/threads is a run option now/);
  });

  it.each([1, 2, 3, 4, 5, 8, 9])(
    "dense, A = %i: values, policy and statistics bit-for-bit those of bellmanSweep over 20 sweeps",
    (A) => {
      const model = denseModel(37, A, A, 0.3);
      const last = expectSweepsLikeBellman(model, createWasmSweep(model, 2, 5)?.sweep, false); // chunks of 5 states, two threads
      expect(last.values[3]).toBe(0); // terminal
    },
  );

  it.each([
    ["sparse", 1],
    ["sparse", 3],
    ["sparse", 4],
    ["sparse", 9],
    ["dense", 1],
    ["dense", 2],
    ["dense", 5],
  ] as const)(
    "in place, %s, A = %i: values, policy and statistics bit-for-bit those of bellmanSweep's in-place sweep over 20 sweeps",
    (kind, A) => {
      const model = kind === "sparse" ? sparseModel(41, A, 50 + A) : denseModel(41, A, 50 + A, 0.4);
      expectSweepsLikeBellman(model, createWasmSweep(model, 2, 5)?.sweepInPlace, true);
    },
  );

  it.each([
    ["sparse", { states: 3000, actions: 3, successors: 6, seed: 21, discount: 0.9 }],
    ["dense", { states: 80, actions: 3, seed: 22, discount: 0.9 }],
  ] as const)(
    "inPlaceSweep() on a large %s model (the WebAssembly kernel) gives the JavaScript in-place sweep's run, bit for bit",
    (_kind, shape) => {
      const model = randomMdp(shape);
      const javascript: SweepOrder = {
        name: "JavaScript in place",
        sweep: (m, c, n, p, q) => bellmanSweep(m, c, n, true, p, q),
      };
      const reference = solve(valueIteration({ sweep: javascript }), model);
      const result = solve(valueIteration({ sweep: inPlaceSweep() }), model);
      expect(result.iterations).toBe(reference.iterations);
      expect(bits(result.state.values)).toBe(bits(reference.state.values));
      expect(Array.from(result.state.policy)).toEqual(Array.from(reference.state.policy));
      expect(result.trace.entries.map((entry) => entry.record.bellmanResidual)).toEqual(
        reference.trace.entries.map((entry) => entry.record.bellmanResidual),
      );
    },
  );

  it("the dense sweep on two threads with its worker up: bellmanSweep's bits whichever thread ran which chunk", async () => {
    const model = denseModel(300, 4, 3, 0.2); // 360,000 entries, chunks of 7 states: 43 chunks a sweep
    const sweeps = createWasmSweep(model, 2, 7);
    if (sweeps === undefined) throw new Error("no WebAssembly shared memory");
    sweeps.kernel.startWorkers();
    await sleep(200); // the worker up and watching for jobs
    let workerChunks = 0;
    const sweep: WasmSweep = (current, next, previous, policy) => {
      sweeps.kernel.wake(50);
      const statistics = sweeps.sweep(current, next, previous, policy);
      workerChunks += 43 - sweeps.kernel.callerChunks;
      return statistics;
    };
    expectSweepsLikeBellman(model, sweep, false, 40);
    expect(workerChunks).toBeGreaterThan(0);
    sweeps.dispose();
    await vi.waitFor(() => expect(sweeps.kernel.liveWorkers).toBe(0));
  });

  it("a one-off dense solve with its workers started ends them and drops its kernel when it is over; a handle's dispose does the same", async () => {
    const problem = randomMdp({ states: 300, actions: 4, seed: 6, discount: 0.9 });
    const bindings: KernelBinding<unknown>[] = [];
    const base = valueIteration();
    const solver: typeof base = {
      ...base,
      prepare(input, context) {
        const prepared = (base.prepare as NonNullable<typeof base.prepare>)(input, context);
        const binding = (prepared.sweeps as unknown as { kernel: KernelBinding<unknown> }).kernel;
        binding.startWorkers(); // as on a machine with a free core
        bindings.push(binding);
        return prepared;
      },
    };
    const result = solve(solver, problem, { threads: 2 });
    const reference = solve(valueIteration(), problem, { threads: 1 });
    expect(bits(result.state.values)).toBe(bits(reference.state.values));
    expect(bindings[0]?.disposed).toBe(true);
    await vi.waitFor(() => expect(bindings[0]?.liveWorkers).toBe(0));
    const handle = prepareProblem(solver, problem, { threads: 2 });
    expect(bindings[1]?.liveWorkers).toBe(1);
    expect(bits(solve(solver, handle).state.values)).toBe(bits(reference.state.values));
    handle.dispose();
    expect(bindings[1]?.disposed).toBe(true);
    await vi.waitFor(() => expect(bindings[1]?.liveWorkers).toBe(0));
  });

  it("a dense model's kernel reserved before the check serves its sweeps; another shape's reservation is disposed; a failed check is the same error", async () => {
    const problem = randomMdp({ states: 80, actions: 3, seed: 9, discount: 0.9 }); // 19,200 entries
    expect(reserveDenseSweepKernel(problem, 1)).toBeUndefined(); // one thread: bound after the check
    expect(reserveDenseSweepKernel(randomMdp({ states: 40, actions: 3, seed: 9 }), 2)).toBeUndefined(); // small
    expect(reserveDenseSweepKernel({ ...problem, states: 81 }, 2)).toBeUndefined(); // not A S S entries
    const sparse = randomMdp({ states: 3000, actions: 3, successors: 6, seed: 9 });
    expect(reserveDenseSweepKernel(sparse, 2)).toBeUndefined();
    const model = prepareMdp(problem);
    const reserved = reserveDenseSweepKernel(problem, 2);
    if (reserved === undefined) throw new Error("no WebAssembly shared memory");
    const sweeps = bindWasmSweeps(model, 2, undefined, reserved) as ReturnType<typeof createWasmSweep>;
    expect(sweeps?.kernel).toBe(reserved.kernel);
    expectSweepsLikeBellman(model, sweeps?.sweep, false);
    sweeps?.dispose();
    const other = reserveDenseSweepKernel(randomMdp({ states: 90, actions: 3, seed: 9 }), 2);
    const rebound = bindWasmSweeps(model, 2, undefined, other) as ReturnType<typeof createWasmSweep>;
    expect(other?.kernel.disposed).toBe(true);
    expect(rebound?.kernel === other?.kernel).toBe(false);
    expectSweepsLikeBellman(model, rebound?.sweep, false);
    rebound?.dispose();
    const transitions = Float64Array.from(problem.transitions as Float64Array);
    transitions[5 * 80 + 7] = -0.25;
    for (const threads of [1, 2])
      expect(() => solve(valueIteration(), { ...problem, transitions }, { threads })).toThrow(
        "problem.transitions[0][5][7] must be a probability in [0, 1], got -0.25",
      );
  });

  it.each([
    [1, 7],
    [3, 2],
    [5, 7],
    [6, 1],
    [8, 5],
  ])("dense, A = %i, chunks of %i states (terminal states between): bellmanSweep's bits", (A, chunk) => {
    const model = denseModel(60, A, A, 0.3); // states 3, 14, 25, ... terminal
    expectSweepsLikeBellman(model, createWasmSweep(model, 1, chunk)?.sweep, false);
  });

  it("dense value iteration (the WebAssembly kernel above 16,384 entries) gives the same bits on 1, 2 and 3 threads as the JavaScript sweep", () => {
    const model = randomMdp({ states: 80, actions: 3, seed: 5, discount: 0.95 }); // 19,200 entries
    const javascript: SweepOrder = { name: "JavaScript", sweep: (m, c, n, p, q) => bellmanSweep(m, c, n, false, p, q) };
    const reference = solve(valueIteration({ sweep: javascript }), model);
    for (const threads of [1, 2, 3]) {
      const result = solve(valueIteration({ sweep: synchronousSweep() }), model, { threads });
      expect(result.iterations).toBe(reference.iterations);
      expect(bits(result.state.values)).toBe(bits(reference.state.values));
      expect(Array.from(result.state.policy)).toEqual(Array.from(reference.state.policy));
    }
  });
});
