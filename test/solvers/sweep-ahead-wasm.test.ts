import { describe, expect, it } from "vitest";
import { prepareProblem, solve } from "../../src/index.js";
import { bindCsrSweeps } from "../../solvers/gauss-seidel/csr-kernel.js";
import { csrSweeps, jacobiChunkRows } from "../../solvers/gauss-seidel/csr-sweeps.js";
import { gaussSeidel, jacobi, sor } from "../../solvers/gauss-seidel/index.js";
import { bandedCsr, diagonalOf, randomNormalVector as randomVector } from "../fixtures/csr.js";

// Jacobi, Gauss-Seidel and SOR in the WebAssembly kernel run one sweep ahead, taking each iterate's residual
// from the sweep that starts at it. Against the JavaScript kernel (a sweep, then residualSquared of the new
// iterate): the same iterates and the same residual norms bit for bit, so the same stopping iteration.

describe("the WebAssembly sweep one sweep ahead (sweepAhead)", () => {
  const n = 300;
  const matrix = bandedCsr(n, 17, 5);
  const system = { matrix, ...diagonalOf(matrix), b: randomVector(n, 6) };
  const { diagonalIndex, inverseDiagonal, b } = system;
  /** The JavaScript kernel's step: the new iterate and its squared residual. */
  const reference = (from: Float64Array, omega: number, lower: "next" | "current") => {
    const into = new Float64Array(n);
    csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, from, lower === "next" ? into : from, into, omega);
    return { into, squared: csrSweeps.residualSquared(matrix, b, into) };
  };

  it.each(["current", "next"] as const)(
    "lower %s: chains iterates and residuals bit for bit, and starts over when the vector, omega, lower or sweep changes",
    (lower) => {
      const kernel = bindCsrSweeps(system, 0);
      if (kernel === undefined) throw new Error("WebAssembly is unavailable");
      const expectStep = (from: Float64Array, omega: number, withResidual = true) => {
        const expected = reference(from, omega, lower);
        const got = new Float64Array(n).fill(Number.NaN);
        const squared = kernel.sweepAhead(from, got, omega, lower, withResidual);
        expect(got).toEqual(expected.into);
        if (withResidual) expect(squared).toBe(expected.squared);
        else expect(squared).toBeNaN();
        return got;
      };
      let x = randomVector(n, 7);
      for (let k = 0; k < 4; k++) x = expectStep(x, 0.8, k !== 2); // each call after the first: the sweep ahead
      x = expectStep(x, 1.1); // another omega
      const changed = x.slice();
      changed[n - 1] = (changed[n - 1] as number) + 1;
      x = expectStep(changed, 1.1); // another vector
      const signFlipped = new Float64Array(n); // its bits differ from the zero vector's only in the signs
      expectStep(new Float64Array(n), 1);
      expectStep(
        signFlipped.map(() => -0),
        1,
      );
      x = expectStep(x, 1);
      kernel.forward(x, new Float64Array(n), 1, "next", true); // overwrites the vectors kept ahead
      x = expectStep(x, 1);
      kernel.sweepAhead(x, new Float64Array(n), 1, lower === "next" ? "current" : "next", true); // the other lower
      expectStep(x, 1);
      kernel.dispose();
    },
  );

  it("leaves `from` alone", () => {
    const kernel = bindCsrSweeps(system, 0);
    const from = randomVector(n, 8);
    const copy = from.slice();
    const into = new Float64Array(n);
    kernel?.sweepAhead(from, into, 1, "next", true);
    kernel?.sweepAhead(into, new Float64Array(n), 1, "next", true);
    expect(from).toEqual(copy);
    kernel?.dispose();
  });
});

describe("Jacobi, Gauss-Seidel and SOR through solve on the WebAssembly kernel", () => {
  const n = 5000; // 24,900 entries: above the kernel's threshold
  const matrix = bandedCsr(n, 61, 3);
  const { diagonalIndex, inverseDiagonal } = diagonalOf(matrix);
  const b = Float64Array.from({ length: n }, (_, i) => Math.cos(0.01 * i));
  const bNorm = Math.sqrt(b.reduce((sum, value) => sum + value * value, 0));

  /** A hand loop on the JavaScript kernel: the norms ||b - A x_k|| for k = 0..iterations and the last x. */
  function handLoop(omega: number, lower: "next" | "current", relTolerance: number, interval: number) {
    // Jacobi's residual is summed in chunks of rows (the same bits on any number of threads).
    const chunkRows = lower === "current" ? jacobiChunkRows : undefined;
    let x = new Float64Array(n);
    const norms = [Math.sqrt(csrSweeps.residualSquared(matrix, b, x, chunkRows))];
    for (let k = 1; ; k++) {
      const next = new Float64Array(n);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, x, lower === "next" ? next : x, next, omega);
      x = next;
      const norm = Math.sqrt(csrSweeps.residualSquared(matrix, b, x, chunkRows));
      norms.push(norm);
      if (k % interval === 0 && norm / bNorm <= relTolerance) return { x, norms, iterations: k };
    }
  }

  it("honours a hook that writes one entry of the state's iterate in place (every entry compared)", () => {
    const middle = Math.floor(n / 2) + 7; // an entry that no sparse sample would look at
    const x = new Float64Array(n);
    for (let k = 1; k <= 6; k++) {
      const next = new Float64Array(n);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, x, next, next, 1);
      if (k === 3) next[middle] = 0.5;
      x.set(next);
    }
    const solver = gaussSeidel({ stencilKernel: false, relTolerance: 0, maxIterations: 6 });
    const handle = prepareProblem(solver, { matrix, b });
    expect(handle.prepared.kernel).toBeDefined();
    const result = solve(solver, handle, {
      hooks: { onIteration: ({ iteration, state }) => void (iteration === 3 && (state.x[middle] = 0.5)) },
    });
    expect(result.state.x).toEqual(x);
    handle.dispose();
  });

  const jacobiWith = (relaxation: number, options: object) => jacobi({ relaxation, ...options });
  const sorWith = (relaxation: number, options: object) =>
    relaxation === 1 ? gaussSeidel(options) : sor({ relaxation, ...options });
  it.each([
    ["Jacobi", 1, 1, "current", jacobiWith],
    ["weighted Jacobi", 0.9, 1, "current", jacobiWith],
    ["Jacobi", 1, 3, "current", jacobiWith],
    ["Gauss-Seidel", 1, 1, "next", sorWith],
    ["SOR", 1.2, 1, "next", sorWith],
    ["Gauss-Seidel", 1, 4, "next", sorWith],
  ] as const)(
    "%s (omega %s), checked every %s: the JavaScript kernel's iterates, norms and stopping iteration",
    (_, omega, interval, lower, make) => {
      const relTolerance = 1e-10;
      const solver = make(omega, { stencilKernel: false, relTolerance, checkInterval: interval });
      const handle = prepareProblem(solver, { matrix, b });
      expect(handle.prepared.kernel).toBeDefined();
      const seen: number[] = [];
      const result = solve(solver, handle, {
        hooks: { onIteration: ({ state }) => void (state.residualAge === 0 && seen.push(state.residualNorm)) },
      });
      const expected = handLoop(omega, lower, relTolerance, interval);
      expect(result.converged).toBe(true);
      expect(result.iterations).toBe(expected.iterations);
      expect(result.state.x).toEqual(expected.x);
      const checked = expected.norms.filter((_, k) => k % interval === 0 || k === expected.iterations);
      expect(seen).toEqual(checked);
      handle.dispose();
    },
  );
});

describe("quiet runs on the WebAssembly kernel (no user code sees states: the kernel trusts its own copies)", () => {
  const n = 4000;
  const matrix = bandedCsr(n, 45, 11);
  const { diagonalIndex, inverseDiagonal } = diagonalOf(matrix);
  const b = randomVector(n, 12);

  it.each([
    ["Jacobi", "current", 1],
    ["Jacobi", "current", 5],
    ["Gauss-Seidel", "next", 1],
    ["Gauss-Seidel", "next", 5],
  ] as const)("%s checked every %s: the JavaScript kernel's iterate after 23 iterations", (_, lower, interval) => {
    const options = { stencilKernel: false, relTolerance: 0, maxIterations: 23, checkInterval: interval };
    const solver = lower === "current" ? jacobi(options) : gaussSeidel(options);
    const handle = prepareProblem(solver, { matrix, b });
    expect(handle.prepared.kernel).toBeDefined();
    let x = new Float64Array(n);
    for (let k = 0; k < 23; k++) {
      const next = new Float64Array(n);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, x, lower === "next" ? next : x, next, 1);
      x = next;
    }
    for (let run = 0; run < 2; run++) {
      const result = solve(solver, handle);
      expect(result.iterations).toBe(23);
      expect(result.state.x).toEqual(x);
      const chunkRows = lower === "current" ? jacobiChunkRows : undefined;
      expect(result.state.residualNorm).toBe(Math.sqrt(csrSweeps.residualSquared(matrix, b, x, chunkRows)));
    }
    handle.dispose();
  });
});
