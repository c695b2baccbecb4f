import { describe, expect, it } from "vitest";
import { Random } from "../../src/index.js";
import { bindCsrSweeps } from "../../solvers/gauss-seidel/csr-kernel.js";
import { csrSweeps } from "../../solvers/gauss-seidel/csr-sweeps.js";
import { csrFromTriplets } from "../../solvers/gauss-seidel/index.js";
import type { CsrMatrix } from "../../solvers/gauss-seidel/index.js";
import { randomVector } from "../fixtures/csr.js";

// The summation order of the CSR sweeps, written out here by hand from the matrix's rows: Gauss-Seidel / SOR
// subtract right of the diagonal first, then left of it, the nearest column last; SSOR's backward half left
// first, then right from the far end; Jacobi in entry order, the diagonal in its place (PETSc's form). The
// JavaScript kernel and the WebAssembly kernel must both give these bits. And the WebAssembly kernel keeps the
// iterate it handed out: a sweep from that array starts from its own copy, unless the array was written.

/** Rows as lists of (column, value) in column order, the diagonal apart. */
interface Row {
  readonly lower: [number, number][];
  readonly diagonal: number;
  readonly upper: [number, number][];
}

/**
 * A random square matrix with rows of every shape: the diagonal alone, one to five entries on either side,
 * far columns; odd sizes.
 */
function randomRows(n: number, seed: number): Row[] {
  const random = new Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const lower: [number, number][] = [];
    const upper: [number, number][] = [];
    const shape = i % 4; // 0: diagonal alone; else up to `shape` + 2 entries per side
    for (let j = 0; j < n; j++) {
      if (j === i || shape === 0 || random.float() > (shape + 2) / n) continue;
      (j < i ? lower : upper).push([j, random.float() * 2 - 1]);
    }
    return { lower, diagonal: 3 + random.float(), upper };
  });
}

function toCsr(rows: Row[]): CsrMatrix {
  const rowIndices: number[] = [];
  const columnIndices: number[] = [];
  const values: number[] = [];
  rows.forEach((row, i) => {
    for (const [j, value] of [...row.lower, [i, row.diagonal] as [number, number], ...row.upper]) {
      rowIndices.push(i);
      columnIndices.push(j);
      values.push(value);
    }
  });
  return csrFromTriplets({ rows: rows.length, columns: rows.length, rowIndices, columnIndices, values });
}

/**
 * One forward sweep in the documented order; `jacobi` in PETSc's form: the row's residual from `current` in
 * entry order (the diagonal in its place), then `current_i + (omega / a_ii) r_i`.
 */
function handForward(rows: Row[], b: Float64Array, current: Float64Array, omega: number, jacobi: boolean) {
  const next = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    let s = b[i] as number;
    if (jacobi) {
      const entries: [number, number][] = [...row.lower, [i, row.diagonal], ...row.upper];
      for (const [j, value] of entries) s -= value * (current[j] as number);
      next[i] = (current[i] as number) + omega * (1 / row.diagonal) * s;
      return;
    }
    for (const [j, value] of [...row.upper, ...row.lower]) s -= value * ((j > i ? current[j] : next[j]) as number);
    next[i] = (1 - omega) * (current[i] as number) + omega * (1 / row.diagonal) * s;
  });
  return next;
}

/** SSOR's backward half in place: left of the diagonal, then right of it from the last column down. */
function handBackward(rows: Row[], b: Float64Array, x: Float64Array, omega: number): void {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i] as Row;
    let s = b[i] as number;
    for (const [j, value] of [...row.lower, ...[...row.upper].reverse()]) s -= value * (x[j] as number);
    x[i] = (1 - omega) * (x[i] as number) + omega * (1 / row.diagonal) * s;
  }
}

function systemOf(rows: Row[], seed: number) {
  const matrix = toCsr(rows);
  const n = rows.length;
  const diagonalIndex = new Int32Array(n);
  const inverseDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++) {
      if (matrix.columnIndices[k] === i) diagonalIndex[i] = k;
    }
    inverseDiagonal[i] = 1 / (rows[i] as Row).diagonal;
  }
  return { matrix, diagonalIndex, inverseDiagonal, b: randomVector(n, seed) };
}

const sizes = [1, 2, 7, 33, 101, 250];

describe("the CSR sweeps' order of additions", () => {
  it.each(sizes)(
    "n = %i: Gauss-Seidel / SOR, Jacobi and SSOR as the hand loops, in JavaScript and WebAssembly",
    (n) => {
      const rows = randomRows(n, n * 3 + 1);
      const system = systemOf(rows, n);
      const { matrix, diagonalIndex, inverseDiagonal, b } = system;
      const kernel = bindCsrSweeps(system, 0);
      if (kernel === undefined) throw new Error("WebAssembly is unavailable");
      const current = randomVector(n, n + 2);
      for (const omega of [1, 0.6, 1.7]) {
        for (const jacobi of [false, true]) {
          const expected = handForward(rows, b, current, omega, jacobi);
          const js = new Float64Array(n);
          csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, jacobi ? current : js, js, omega);
          expect(js).toEqual(expected);
          const wasm = new Float64Array(n);
          kernel.forward(current, wasm, omega, jacobi ? "current" : "next", false);
          expect(wasm).toEqual(expected);
        }
        const expected = handForward(rows, b, current, omega, false);
        handBackward(rows, b, expected, omega);
        const js = new Float64Array(n);
        csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, js, js, omega);
        csrSweeps.backward(matrix, diagonalIndex, inverseDiagonal, b, js, omega);
        expect(js).toEqual(expected);
        const wasm = new Float64Array(n);
        kernel.symmetric(current, wasm, omega, false);
        expect(wasm).toEqual(expected);
      }
      kernel.dispose();
    },
  );
});

describe("the WebAssembly kernel keeps the iterate it handed out", () => {
  const n = 101;
  const rows = randomRows(n, 5);
  const system = systemOf(rows, 9);
  const { b } = system;

  const sweeps = {
    forward: (kernel: NonNullable<ReturnType<typeof bindCsrSweeps>>, from: Float64Array, into: Float64Array) =>
      kernel.forward(from, into, 1.2, "next", false),
    sweepAhead: (kernel: NonNullable<ReturnType<typeof bindCsrSweeps>>, from: Float64Array, into: Float64Array) =>
      kernel.sweepAhead(from, into, 1.2, "next", true),
    symmetric: (kernel: NonNullable<ReturnType<typeof bindCsrSweeps>>, from: Float64Array, into: Float64Array) =>
      kernel.symmetric(from, into, 1.2, false),
  };
  const hand = (name: keyof typeof sweeps, from: Float64Array) => {
    const next = handForward(rows, b, from, 1.2, false);
    if (name === "symmetric") handBackward(rows, b, next, 1.2);
    return next;
  };

  it.each(Object.keys(sweeps) as (keyof typeof sweeps)[])(
    "%s: chains from its own output, and sweeps from the new values of an output written in place",
    (name) => {
      const kernel = bindCsrSweeps(system, 0);
      if (kernel === undefined) throw new Error("WebAssembly is unavailable");
      const sweep = sweeps[name];
      let x = randomVector(n, 1);
      let spare = new Float64Array(n);
      for (let k = 0; k < 3; k++, [x, spare] = [spare, x]) {
        const expected = hand(name, x);
        sweep(kernel, x, spare);
        expect(spare).toEqual(expected);
      }
      // Writes into the array the kernel handed out last (`x`): every entry, then the first, then the last.
      const writes = [
        (v: Float64Array) => v.fill(0.25),
        (v: Float64Array) => (v[0] = 7),
        (v: Float64Array) => (v[n - 1] = -3),
        (v: Float64Array) => (v[Math.floor(n / 3) + 1] = 11), // an entry no sample of a few would look at
      ];
      for (const write of writes) {
        write(x);
        const expected = hand(name, x);
        sweep(kernel, x, spare);
        expect(spare).toEqual(expected);
        [x, spare] = [spare, x];
      }
      kernel.dispose();
    },
  );

  it("trusts its own copy without comparing when told no user code sees the states", () => {
    const kernel = bindCsrSweeps(system, 0);
    if (kernel === undefined) throw new Error("WebAssembly is unavailable");
    expect(kernel.verifyHandedBack).toBe(true);
    const x = randomVector(n, 2);
    const handedOut = new Float64Array(n);
    kernel.forward(x, handedOut, 1.2, "next", false);
    const fromCopy = hand("forward", handedOut.slice());
    kernel.verifyHandedBack = false;
    handedOut[5] = 99; // breaks the read-only contract: the kernel sweeps from what it handed out
    const next = new Float64Array(n);
    kernel.forward(handedOut, next, 1.2, "next", false);
    expect(next).toEqual(fromCopy);
    kernel.dispose();
  });

  it("sweeps from a copy of an equal array that it did not write", () => {
    const kernel = bindCsrSweeps(system, 0);
    const x = randomVector(n, 2);
    const first = new Float64Array(n);
    kernel?.forward(x, first, 1, "next", false);
    const twin = first.slice();
    const fromTwin = new Float64Array(n);
    kernel?.forward(twin, fromTwin, 1, "next", false);
    expect(fromTwin).toEqual(handForward(rows, b, first, 1, false));
    kernel?.dispose();
  });
});
