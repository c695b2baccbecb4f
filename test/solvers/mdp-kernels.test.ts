import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { DisposedError, prepareProblem, Random, solve } from "../../src/index.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { inPlaceSweep, randomMdp, synchronousSweep, valueIteration } from "../../solvers/mdp/index.js";
import type { PreparedMdp, SweepOrder } from "../../solvers/mdp/index.js";
import type { PreparedValueIteration, WasmSweep } from "../../solvers/mdp/index.js";
import { bindWasmSweeps, createWasmSweep, kernelTransitions } from "../../solvers/mdp/wasm-sweep.js";
import { reserveDenseSweepKernel } from "../../solvers/mdp/sweep-reservation.js";
import { prepareMdp } from "../../solvers/mdp/prepare-mdp.js";

/** A model prepared as value iteration's prepare does: the WebAssembly sweeps bound to it. */
const bound = (model: PreparedMdp, threads = 2): PreparedValueIteration => ({
  ...model,
  sweeps: bindWasmSweeps(model, threads),
});

/**
 * A sparse model with rows of 0 to 12 entries (so the four-row blocks have unequal lengths and tails),
 * probabilities summing to 1 per non-empty row, some terminal states and some forbidden actions.
 */
function sparseModel(S: number, A: number, seed: number): PreparedMdp {
  const random = new Random(seed);
  const rowPointers = new Int32Array(S * A + 1);
  const columns: number[] = [];
  const probabilities: number[] = [];
  for (let row = 0; row < S * A; row++) {
    const length = random.int(13);
    let total = 0;
    const weights = Array.from({ length }, () => {
      const w = random.float() + 0.01;
      total += w;
      return w;
    });
    for (const w of weights) {
      columns.push(random.int(S));
      probabilities.push(w / total);
    }
    rowPointers[row + 1] = columns.length;
  }
  const allowed = Uint8Array.from({ length: S * A }, (_, p) => (p % A === 0 || random.float() > 0.2 ? 1 : 0));
  return {
    states: S,
    actions: A,
    discount: 0.9,
    dense: undefined,
    rowPointers,
    columnIndices: Int32Array.from(columns),
    probabilities: Float64Array.from(probabilities),
    rewards: Float64Array.from({ length: S * A }, () => random.normal()),
    allowed,
    terminal: Uint8Array.from({ length: S }, (_, s) => (s % 11 === 3 ? 1 : 0)),
  };
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

/** The sparse model's rewards, allowed actions and terminal states with dense rows of random probabilities (a share of exact zeros). */
function denseModel(S: number, A: number, seed: number, zeros: number): PreparedMdp {
  const random = new Random(100 + seed);
  const dense = new Float64Array(A * S * S);
  for (let row = 0; row < A * S; row++) {
    let total = 0;
    for (let t = 0; t < S; t++) total += dense[row * S + t] = random.float() < zeros ? 0 : random.float();
    for (let t = 0; t < S; t++) dense[row * S + t] = (dense[row * S + t] as number) / total;
  }
  return {
    ...sparseModel(S, A, seed),
    dense,
    rowPointers: undefined,
    columnIndices: undefined,
    probabilities: undefined,
  };
}

/**
 * Runs `kernel` and bellmanSweep (synchronous or in place) side by side for `sweeps` sweeps from zero, each
 * sweep's statistics, values (bit for bit) and policy expected equal; returns the kernel's last values and policy.
 */
function expectSweepsLikeBellman(
  model: PreparedMdp,
  kernel: WasmSweep | undefined,
  inPlace: boolean,
  sweeps = 20,
): { values: Float64Array; policy: Int32Array } {
  expect(kernel).toBeDefined();
  const S = model.states;
  let [jsCurrent, jsNext, current, next] = [
    new Float64Array(S),
    new Float64Array(S),
    new Float64Array(S),
    new Float64Array(S),
  ];
  let [jsPrevious, jsPolicy, previous, policy] = [
    new Int32Array(S).fill(-2),
    new Int32Array(S),
    new Int32Array(S).fill(-2),
    new Int32Array(S),
  ];
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const expected = bellmanSweep(model, jsCurrent, jsNext, inPlace, jsPrevious, jsPolicy);
    expect(kernel?.(current, next, previous, policy)).toEqual(expected);
    expect(bits(next)).toBe(bits(jsNext));
    expect(Array.from(policy)).toEqual(Array.from(jsPolicy));
    [jsCurrent, jsNext, jsPrevious, jsPolicy] = [jsNext, jsCurrent, jsPolicy, jsPrevious];
    [current, next, previous, policy] = [next, current, policy, previous];
  }
  return { values: current, policy: previous };
}

describe("the WebAssembly sparse Bellman sweep", () => {
  it.each([1, 2, 3, 4, 5, 8, 9])(
    "A = %i: values, policy and statistics bit-for-bit those of bellmanSweep over 20 sweeps",
    (A) => {
      const S = 57;
      const model = sparseModel(S, A, A);
      const last = expectSweepsLikeBellman(model, createWasmSweep(model, 2, 5)?.sweep, false); // chunks of 5 states, two threads
      // Terminal states keep value 0 and action -1; the statistics are those of a contraction by gamma.
      expect(last.values[3]).toBe(0);
      expect(last.policy[3]).toBe(-1);
    },
  );

  it("lays out the transitions for the kernel: column byte offsets, each group of four rows interleaved over their common length, then the rows' tails", () => {
    // One state with 5 actions: rows of 2, 3, 2 and 1 entries (common length 1), then a fifth row outside
    // the group, which keeps its place.
    const rowPointers = Int32Array.from([0, 2, 5, 7, 8, 10]);
    const columnIndices = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const probabilities = Float64Array.from({ length: 10 }, (_, k) => 0.1 * (k + 1));
    const model: PreparedMdp = {
      ...sparseModel(10, 5, 1),
      states: 1,
      rowPointers,
      columnIndices,
      probabilities,
      rewards: new Float64Array(5),
      allowed: new Uint8Array(5).fill(1),
      terminal: new Uint8Array(1),
    };
    const columns = new Int32Array(10);
    const laidOut = new Float64Array(10);
    kernelTransitions(model, columns, laidOut);
    // entry 0 of rows 0..3, then row 0's rest (entry 1), row 1's (3, 4), row 2's (6), row 3 has none; row 4 as it was
    const order = [0, 2, 5, 7, 1, 3, 4, 6, 8, 9];
    expect(Array.from(columns)).toEqual(order.map((k) => 8 * (columnIndices[k] as number)));
    expect(Array.from(laidOut)).toEqual(order.map((k) => probabilities[k]));
  });

  it("synchronousSweep() on a large sparse model (the WebAssembly path) gives bellmanSweep's result", () => {
    const S = 3000;
    const model = sparseModel(S, 3, 7);
    expect(model.probabilities?.length).toBeGreaterThan(16_384); // above wasmMinimumSize
    const order = synchronousSweep();
    const prepared = bound(model);
    expect(prepared.sweeps).toBeDefined();
    const values = Float64Array.from({ length: S }, (_, s) => s / 10);
    const next = new Float64Array(S);
    const policy = new Int32Array(S);
    const jsNext = new Float64Array(S);
    const jsPolicy = new Int32Array(S);
    const previous = new Int32Array(S);
    expect(order.sweep(prepared, values, next, previous, policy)).toEqual(
      bellmanSweep(model, values, jsNext, false, previous, jsPolicy),
    );
    expect(bits(next)).toBe(bits(jsNext));
    expect(Array.from(policy)).toEqual(Array.from(jsPolicy));
    prepared.sweeps?.dispose();
  });

  it("synchronousSweep() on models swept in turn (A, B, A again, a smaller C), each with its own kernel, stays exact on each", () => {
    const order = synchronousSweep();
    const models = [sparseModel(3000, 3, 7), sparseModel(2500, 4, 8), sparseModel(2000, 3, 9)].map((m) => bound(m));
    for (const model of [models[0], models[1], models[0], models[2], models[1]] as PreparedValueIteration[]) {
      const S = model.states;
      const values = Float64Array.from({ length: S }, (_, s) => (s % 17) / 3);
      const [next, jsNext] = [new Float64Array(S), new Float64Array(S)];
      const [policy, jsPolicy, previous] = [new Int32Array(S), new Int32Array(S), new Int32Array(S)];
      expect(order.sweep(model, values, next, previous, policy)).toEqual(
        bellmanSweep(model, values, jsNext, false, previous, jsPolicy),
      );
      expect(bits(next)).toBe(bits(jsNext));
      expect(Array.from(policy)).toEqual(Array.from(jsPolicy));
    }
  });

  it("a disposed sweep kernel ends its workers and refuses to sweep (DisposedError)", async () => {
    const model = sparseModel(3000, 3, 7);
    const sweeps = createWasmSweep(model, 2);
    if (sweeps === undefined) throw new Error("no WebAssembly shared memory");
    const S = model.states;
    sweeps.kernel.startWorkers();
    sweeps.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S));
    expect(sweeps.kernel.liveWorkers).toBe(1);
    sweeps.dispose();
    expect(sweeps.kernel.disposed).toBe(true);
    await vi.waitFor(() => expect(sweeps.kernel.liveWorkers).toBe(0));
    expect(() => sweeps.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S))).toThrow(
      DisposedError,
    );
  });

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
    const S = model.states;
    let [current, next, jsCurrent, jsNext] = [0, 0, 0, 0].map(() => new Float64Array(S)) as Float64Array[];
    let [previous, policy, jsPrevious, jsPolicy] = [0, 0, 0, 0].map(() => new Int32Array(S).fill(-1)) as Int32Array[];
    let workerChunks = 0;
    for (let sweep = 0; sweep < 40 && (sweep < 10 || workerChunks === 0); sweep++) {
      sweeps.kernel.wake(50);
      const statistics = sweeps.sweep(
        current as Float64Array,
        next as Float64Array,
        previous as Int32Array,
        policy as Int32Array,
      );
      workerChunks += 43 - sweeps.kernel.callerChunks;
      const expected = bellmanSweep(
        model,
        jsCurrent as Float64Array,
        jsNext as Float64Array,
        false,
        jsPrevious as Int32Array,
        jsPolicy as Int32Array,
      );
      expect(statistics).toEqual(expected);
      expect(bits(next as Float64Array)).toBe(bits(jsNext as Float64Array));
      expect(Array.from(policy as Int32Array)).toEqual(Array.from(jsPolicy as Int32Array));
      [current, next, previous, policy] = [next, current, policy, previous];
      [jsCurrent, jsNext, jsPrevious, jsPolicy] = [jsNext, jsCurrent, jsPolicy, jsPrevious];
    }
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
