// The summation order of dense value iteration's row sums, pinned: two lanes (the even t, the odd t, the last
// t of an odd S in lane 0, then lane 0 + lane 1), in the JavaScript sweep and in the WebAssembly kernels alike.
import { describe, expect, it } from "vitest";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import type { PreparedMdp } from "../../solvers/mdp/index.js";
import { createWasmSweep } from "../../solvers/mdp/wasm-sweep.js";
import { denseModel, expectSweepsLikeBellman } from "../fixtures/mdp-kernels.js";

// Every row (a, s) is this one: powers of two, so each product is exact and only the order of the adds counts.
const row = [0.25, 0.25, 0.25, 0.125, 0.125];
// V(0) and V(2) cancel; in t order from 0, V(1)'s product is lost to rounding first (2^53 + 1 = 2^53).
const values = [2 ** 55, 4, -(2 ** 55), 4, 4];
const products = row.map((p, t) => p * (values[t] as number)); // 2^53, 1, -2^53, 0.5, 0.5
// lane 0: ((0 + 2^53) - 2^53) + 0.5 = 0.5; lane 1: (0 + 1) + 0.5 = 1.5; the row's sum 2
const twoLanes = 2;
const inTOrder = 1; // ((((0 + 2^53) + 1) - 2^53) + 0.5) + 0.5, the order before

/** S = 5 states, A = 5 actions, discount 1/2, rewards 0; state s may take only action `actionOf(s)`. */
function model(actionOf: (s: number) => number): PreparedMdp {
  const S = 5;
  const A = 5;
  return {
    states: S,
    actions: A,
    discount: 0.5,
    dense: Float64Array.from({ length: A * S * S }, (_, k) => row[k % S] as number),
    rowPointers: undefined,
    columnIndices: undefined,
    probabilities: undefined,
    rewards: new Float64Array(S * A),
    allowed: Uint8Array.from({ length: S * A }, (_, k) => (k % A === actionOf(Math.floor(k / A)) ? 1 : 0)),
    terminal: new Uint8Array(S),
  };
}

describe("dense row sums in two lanes", () => {
  it("the hand-computed sums: the two-lane order differs from t order on these values", () => {
    let even = 0;
    let odd = 0;
    products.forEach((x, t) => {
      if (t % 2 === 0) even += x;
      else odd += x;
    });
    expect(even + odd).toBe(twoLanes);
    expect(products.reduce((sum, x) => sum + x, 0)).toBe(inTOrder);
  });

  it("the synchronous sweep, JavaScript and WebAssembly, rows in four-row blocks (actions 0-3) and alone (action 4)", () => {
    const prepared = model((s) => s); // state s takes action s: states 0-3 a four-row block's rows, state 4 the fifth row
    const kernel = createWasmSweep(prepared, 1, 2)?.sweep;
    expect(kernel).toBeDefined();
    for (const run of [
      (current: Float64Array, next: Float64Array) =>
        bellmanSweep(prepared, current, next, false, new Int32Array(5), new Int32Array(5)),
      (current: Float64Array, next: Float64Array) => kernel?.(current, next, new Int32Array(5), new Int32Array(5)),
    ]) {
      const next = new Float64Array(5);
      run(Float64Array.from(values), next);
      expect(Array.from(next)).toEqual([0, 1, 2, 3, 4].map(() => 0.5 * twoLanes));
    }
  });

  it.each([
    ["in a four-row block", 0],
    ["alone", 4],
  ])("the in-place sweep, JavaScript and WebAssembly: state 0's sum (its row %s) in two lanes", (_where, action) => {
    const prepared = model(() => action);
    const kernel = createWasmSweep(prepared, 1)?.sweepInPlace;
    expect(kernel).toBeDefined();
    const results = [
      (current: Float64Array, next: Float64Array) =>
        bellmanSweep(prepared, current, next, true, new Int32Array(5), new Int32Array(5)),
      (current: Float64Array, next: Float64Array) => kernel?.(current, next, new Int32Array(5), new Int32Array(5)),
    ].map((run) => {
      const current = Float64Array.from(values);
      const next = Float64Array.from(values);
      run(current, next);
      return next;
    });
    expect(results[0]?.[0]).toBe(0.5 * twoLanes);
    expect(Array.from(results[1] ?? [])).toEqual(Array.from(results[0] ?? []));
  });

  it.each([
    [61, 5, false],
    [61, 5, true],
    [33, 2, true],
    [1, 4, false],
  ])(
    "random dense rows, S = %i, A = %i (in place: %s): the WebAssembly kernel gives bellmanSweep's bits",
    (S, A, inPlace) => {
      const prepared = denseModel(S, A, S + A, 0.2);
      const kernels = createWasmSweep(prepared, 1, 4);
      expectSweepsLikeBellman(prepared, inPlace ? kernels?.sweepInPlace : kernels?.sweep, inPlace);
    },
  );
});
