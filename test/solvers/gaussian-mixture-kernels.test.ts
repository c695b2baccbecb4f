import { describe, expect, it } from "vitest";
import { Random } from "../../src/index.js";
import { cholesky, invertLower, triangularLogDensities } from "../../solvers/gaussian-mixture/dense-kernels.js";
import { scatterMatrices } from "../../solvers/gaussian-mixture/scatter.js";
import { expectationStep, maximizationStep } from "../../solvers/gaussian-mixture/em-steps.js";
import { fullLogDensities } from "../../solvers/gaussian-mixture/full-covariance.js";
import { fullCovariance } from "../../solvers/gaussian-mixture/index.js";
import { logDensityBases } from "../../solvers/gaussian-mixture/dense-kernels.js";
import { wasmBoundedLogDensities } from "../../solvers/gaussian-mixture/bounded-kernels.js";
import {
  bindMixtureKernel,
  wasmPackedScatter,
  wasmTriangularDistances,
  wasmWeightedSums,
} from "../../solvers/gaussian-mixture/wasm-kernels.js";

/** Points, means, inverse Cholesky factors of random SPD matrices, and responsibilities with exact zeros. */
function mixture(n: number, d: number, k: number, seed: number) {
  const random = new Random(seed);
  const x = Float64Array.from({ length: n * d }, () => random.normal(0, 2));
  const means = Float64Array.from({ length: k * d }, () => random.normal(0, 2));
  const factors = new Float64Array(k * d * d);
  for (let j = 0; j < k; j++) {
    const a = Float64Array.from({ length: d * d }, () => random.normal());
    const spd = new Float64Array(d * d); // A A^T + I
    for (let r = 0; r < d; r++)
      for (let c = 0; c < d; c++) {
        let sum = r === c ? 1 : 0;
        for (let t = 0; t < d; t++) sum += (a[r * d + t] as number) * (a[c * d + t] as number);
        spd[r * d + c] = sum;
      }
    const l = new Float64Array(d * d);
    expect(cholesky(spd, 0, d, l)).toBe(-1);
    invertLower(l, 0, d);
    factors.set(l, j * d * d);
  }
  const responsibilities = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < k; j++) {
      const r = (i + j) % 3 === 0 ? 0 : random.float(); // exact zeros, as far components give
      responsibilities[i * k + j] = r;
      total += r;
    }
    for (let j = 0; j < k; j++)
      responsibilities[i * k + j] = total > 0 ? (responsibilities[i * k + j] as number) / total : 0;
  }
  return { x, means, factors, responsibilities };
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
/** Values with -0 read as +0 (a padded term may add +0 to -0; the sign of a zero sum is immaterial here). */
const values = (a: Float64Array): number[] => Array.from(a, (v) => v + 0);

// The last shape has n d = 17,600 >= wasmMinimumSize, so the solvers' entry points (triangularLogDensities,
// scatterMatrices) take the WebAssembly path there; the others test the kernels through direct calls.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [7, 2, 3],
  [33, 5, 4],
  [50, 16, 8],
  [13, 3, 1],
  [1100, 16, 3],
];

describe("Gaussian-mixture WebAssembly kernels", () => {
  it.each(shapes)("n = %i, d = %i, k = %i: log-densities bit-for-bit those of the JavaScript kernel", (n, d, k) => {
    const { x, means, factors } = mixture(n, d, k, n + d + k);
    for (const shared of [false, true]) {
      const expected = new Float64Array(n * k);
      triangularLogDensities(x, n, d, means, factors, k, shared, expected, true);
      const actual = new Float64Array(n * k);
      triangularLogDensities(x, n, d, means, factors, k, shared, actual);
      expect(bits(actual)).toBe(bits(expected));
      // Small blocks (8 points): the block boundaries and the tail group of fewer than four points.
      const bases = Float64Array.from({ length: k }, (_, j) => {
        let logDet = 0;
        for (let t = 0; t < d; t++) logDet += Math.log(factors[(shared ? 0 : j * d * d) + t * d + t] as number);
        return -0.5 * d * Math.log(2 * Math.PI) + logDet;
      });
      const blocked = new Float64Array(n * k);
      expect(wasmTriangularDistances(x, n, d, means, factors, k, shared, bases, blocked, undefined, 8)).toBe(true);
      expect(bits(blocked)).toBe(bits(expected));
    }
  });

  it.each(shapes)(
    "n = %i, d = %i, k = %i: scatter matrices equal to the JavaScript kernel's, in any block size",
    (n, d, k) => {
      const { x, means, responsibilities } = mixture(n, d, k, 3 * n + d);
      const input = {
        data: { values: x, rows: n, columns: d },
        responsibilities,
        means,
        k,
        totals: new Float64Array(k),
        regCovar: 0,
      };
      for (const pooled of [false, true]) {
        const expected = scatterMatrices(input, pooled, true);
        const actual = scatterMatrices(input, pooled);
        expect(values(actual)).toEqual(values(expected));
      }
      // One kernel bound for both calls, as a prepared problem's is: the second starts from zeroed memory too.
      const kernel = bindMixtureKernel();
      const whole = wasmPackedScatter(x, n, d, responsibilities, means, k, kernel);
      const blocked = wasmPackedScatter(x, n, d, responsibilities, means, k, kernel, 5);
      kernel?.dispose();
      expect(values(blocked ?? new Float64Array())).toEqual(values(whole ?? new Float64Array(1)));
      // Symmetric, with a non-negative diagonal.
      const matrices = scatterMatrices(input, false);
      for (let j = 0; j < k; j++) {
        for (let a = 0; a < d; a++) {
          expect(matrices[j * d * d + a * d + a] as number).toBeGreaterThanOrEqual(0);
          for (let b = 0; b < d; b++) expect(matrices[j * d * d + a * d + b]).toBe(matrices[j * d * d + b * d + a]);
        }
      }
    },
  );

  it.each(shapes)(
    "n = %i, d = %i, k = %i: the M-step's totals and weighted sums bit-for-bit those of the JavaScript loop",
    (n, d, k) => {
      const { x, responsibilities } = mixture(n, d, k, 5 * n + k);
      const totals = new Float64Array(k).fill(10 * Number.EPSILON);
      const sums = new Float64Array(k * d);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) {
          const r = responsibilities[i * k + j] as number;
          if (r === 0) continue;
          totals[j] = (totals[j] as number) + r;
          for (let t = 0; t < d; t++) sums[j * d + t] = (sums[j * d + t] as number) + r * (x[i * d + t] as number);
        }
      }
      const kernel = bindMixtureKernel(); // reused by both calls, as a prepared problem's kernel is
      for (const block of [undefined, 3]) {
        const wasmTotals = new Float64Array(k).fill(10 * Number.EPSILON);
        const wasmSums = new Float64Array(k * d);
        expect(wasmWeightedSums(x, n, d, responsibilities, k, wasmTotals, wasmSums, kernel, block)).toBe(true);
        expect(bits(wasmTotals)).toBe(bits(totals));
        expect(bits(wasmSums)).toBe(bits(sums));
      }
    },
  );

  /** Blobs around k centres spread by `spread` (large: well separated), n d above the WebAssembly threshold. */
  function blobs(n: number, d: number, k: number, spread: number, seed: number) {
    const random = new Random(seed);
    const centres = Array.from({ length: k * d }, () => random.normal(0, spread));
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < d; t++) x[i * d + t] = (centres[(i % k) * d + t] as number) + random.normal() * (1 + (t % 3));
    const responsibilities = new Float64Array(n * k);
    for (let i = 0; i < n; i++) responsibilities[i * k + (i % k)] = 1; // the true labels
    return { values: x, rows: n, columns: d, responsibilities };
  }

  it.each([
    ["well separated (most components skipped)", 40, 7],
    ["overlapping (few skipped)", 1, 4],
  ] as const)(
    "%s: the bounded E-step gives the plain E-step's responsibilities and log-likelihood, bit for bit",
    (_, spread, k) => {
      const n = 1600;
      const d = 16;
      const { responsibilities: start, ...data } = blobs(n, d, k, spread, k);
      const full = fullCovariance();
      const plain = {
        ...full,
        logDensities: (...args: Parameters<typeof fullLogDensities>) => fullLogDensities(...args),
      };
      let parameters = maximizationStep(data, start, k, full, 1e-6);
      for (let iteration = 0; iteration < 3; iteration++) {
        const bounded = new Float64Array(n * k);
        const reference = new Float64Array(n * k);
        const boundedLogs = new Float64Array(n);
        const referenceLogs = new Float64Array(n);
        const mean = expectationStep(data, parameters, k, full, bounded, boundedLogs);
        expect(mean).toBe(expectationStep(data, parameters, k, plain, reference, referenceLogs));
        expect(bits(bounded)).toBe(bits(reference));
        expect(bits(boundedLogs)).toBe(bits(referenceLogs));
        parameters = maximizationStep(data, bounded, k, full, 1e-6);
      }
      // How many log-densities the bounded kernel left out: most when separated, and never a needed one.
      const out = new Float64Array(n * k);
      const bases = logDensityBases(parameters.precisionFactors, k, d, false);
      expect(
        wasmBoundedLogDensities(
          data.values,
          n,
          d,
          parameters.means,
          parameters.precisionFactors,
          parameters.covariances,
          k,
          bases,
          parameters.weights.map(Math.log),
          out,
          undefined,
          100,
        ),
      ).toBe(true);
      const skipped = out.filter((v) => v === -Infinity).length;
      if (spread === 40) expect(skipped).toBeGreaterThan(0.8 * n * (k - 1));
      const exact = new Float64Array(n * k);
      triangularLogDensities(data.values, n, d, parameters.means, parameters.precisionFactors, k, false, exact, true);
      for (let p = 0; p < n * k; p++) if (out[p] !== -Infinity) expect(out[p]).toBe(exact[p]);
    },
  );

  it("skips nothing for a component too ill-conditioned for the bound, and stays exact", () => {
    const n = 1100;
    const d = 16;
    const k = 2;
    const { responsibilities: start, ...data } = blobs(n, d, k, 10, 3);
    const parameters = maximizationStep(data, start, k, fullCovariance(), 1e-6);
    // Covariance 0 made nearly singular: trace Sigma ||Q||_F^2 far above 1e8.
    const covariances = parameters.covariances.slice();
    const factors = parameters.precisionFactors.slice();
    for (let t = 0; t < d; t++) covariances[t * d + t] = 1e6;
    const out = new Float64Array(n * k);
    const bases = logDensityBases(factors, k, d, false);
    expect(
      wasmBoundedLogDensities(
        data.values,
        n,
        d,
        parameters.means,
        factors,
        covariances,
        k,
        bases,
        parameters.weights.map(Math.log),
        out,
        undefined,
      ),
    ).toBe(true);
    for (let i = 0; i < n; i++) expect(out[i * k]).not.toBe(-Infinity);
  });
});
