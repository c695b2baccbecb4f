import { describe, expect, it } from "vitest";
import { Random, solve } from "../../src/index.js";
import { wasmAxisDistances, wasmDiagonalScatter, wasmNormalise } from "../../solvers/gaussian-mixture/axis-kernels.js";
import { axisLogDensities } from "../../solvers/gaussian-mixture/diagonal-covariance.js";
import { diagonalScatter } from "../../solvers/gaussian-mixture/scatter.js";
import { bindMixtureKernel } from "../../solvers/gaussian-mixture/wasm-kernels.js";
import { lowerTransform, wasmLowerTransform } from "../../solvers/gaussian-mixture/tied-transform.js";
import { triangularLogDensities } from "../../solvers/gaussian-mixture/dense-kernels.js";
import { expectationStep } from "../../solvers/gaussian-mixture/em-steps.js";
import { gaussianMixture, tiedCovariance } from "../../solvers/gaussian-mixture/index.js";

/** Points, means, positive factors (per feature and per component) and responsibilities with exact zeros. */
function mixture(n: number, d: number, k: number, seed: number) {
  const random = new Random(seed);
  const x = Float64Array.from({ length: n * d }, () => random.normal(0, 2));
  const means = Float64Array.from({ length: k * d }, () => random.normal(0, 2));
  const featureFactors = Float64Array.from({ length: k * d }, () => 0.2 + 2 * random.float());
  const componentFactors = Float64Array.from({ length: k }, () => 0.2 + 2 * random.float());
  const responsibilities = Float64Array.from({ length: n * k }, (_, p) => (p % 3 === 0 ? 0 : random.float()));
  return { x, means, featureFactors, componentFactors, responsibilities };
}

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
const wasmAvailable = bindMixtureKernel() !== undefined;
const constant = -0.5 * 3 * Math.log(2 * Math.PI);

// The last shape has n d >= wasmMinimumSize, so the solvers' entry points take the WebAssembly path there.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [7, 3, 2],
  [33, 5, 5],
  [64, 16, 8],
  [41, 7, 9],
  [2200, 8, 3],
];

describe.runIf(wasmAvailable)("wasmAxisDistances", () => {
  it.each(shapes)("gives the bits of axisLogDensities' JavaScript loop (n %i, d %i, k %i)", (n, d, k) => {
    for (const spherical of [false, true]) {
      const { x, means, featureFactors, componentFactors } = mixture(n, d, k, n + d + k);
      const factors = spherical ? componentFactors : featureFactors;
      const reference = new Float64Array(n * k);
      axisLogDensities(x, n, d, means, factors, k, spherical, reference, true);
      const logDets = Float64Array.from({ length: k }, (_, j) =>
        spherical
          ? d * Math.log(factors[j] as number)
          : Array.from(factors.subarray(j * d, (j + 1) * d), Math.log).reduce((a, b) => a + b, 0),
      );
      const c = -0.5 * d * Math.log(2 * Math.PI);
      for (const blockPoints of [1, 3, 1000]) {
        const out = new Float64Array(n * k);
        const ran = wasmAxisDistances(
          x,
          n,
          d,
          means,
          factors,
          k,
          spherical,
          c,
          logDets,
          out,
          undefined,
          undefined,
          blockPoints,
        );
        expect(ran).toBe(true);
        expect(bits(out)).toBe(bits(reference));
      }
      const viaEntry = new Float64Array(n * k);
      axisLogDensities(x, n, d, means, factors, k, spherical, viaEntry, false, bindMixtureKernel());
      expect(bits(viaEntry)).toBe(bits(reference));
    }
  });

  it("matches a log-density computed by hand for one point and one component", () => {
    const x = Float64Array.of(1, -2, 0.5);
    const means = Float64Array.of(0.5, -1, 0);
    const factors = Float64Array.of(2, 1, 0.5); // 1 / sigma per feature
    const out = new Float64Array(1);
    const logDets = Float64Array.of(Math.log(2) + Math.log(1) + Math.log(0.5));
    wasmAxisDistances(x, 1, 3, means, factors, 1, false, constant, logDets, out, undefined);
    // squares: (0.5 * 2)^2 + (-1 * 1)^2 + (0.5 * 0.5)^2 = 1 + 1 + 0.0625
    expect(out[0]).toBeCloseTo(constant - 0.5 * 2.0625 + Math.log(1), 14);
  });
});

describe.runIf(wasmAvailable)("wasmDiagonalScatter", () => {
  it.each(shapes)("gives the bits of diagonalScatter's JavaScript loop (n %i, d %i, k %i)", (n, d, k) => {
    const { x, means, responsibilities } = mixture(n, d, k, 7 * n + d);
    const input = {
      data: { values: x, rows: n, columns: d },
      responsibilities,
      totals: new Float64Array(k),
      means,
      k,
      regCovar: 0,
    };
    const reference = diagonalScatter(input, true);
    for (const blockPoints of [1, 4, 1000]) {
      const out = wasmDiagonalScatter(x, n, d, responsibilities, means, k, undefined, blockPoints);
      expect(out && bits(out)).toBe(bits(reference));
    }
    expect(bits(diagonalScatter(input))).toBe(bits(reference));
  });

  it("sums r (x - mu)^2 for a hand-computed case", () => {
    const x = Float64Array.of(1, 2, 3, 4); // two points, d = 2
    const means = Float64Array.of(1, 1);
    const responsibilities = Float64Array.of(0.5, 0.25);
    const out = wasmDiagonalScatter(x, 2, 2, responsibilities, means, 1, undefined);
    expect(Array.from(out ?? [])).toEqual([0.5 * 0 + 0.25 * 4, 0.5 * 1 + 0.25 * 9]);
  });
});

/** The JavaScript normalisation of expectationStep: responsibilities and log p(x_i). */
function normaliseInJavaScript(logs: Float64Array, n: number, k: number, logWeights: Float64Array) {
  const out = new Float64Array(n * k);
  const logNorms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let largest = -Infinity;
    for (let j = 0; j < k; j++) largest = Math.max(largest, (logs[i * k + j] as number) + (logWeights[j] as number));
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((logs[i * k + j] as number) + (logWeights[j] as number) - largest);
    logNorms[i] = largest + Math.log(sum);
    for (let j = 0; j < k; j++)
      out[i * k + j] = Math.exp((logs[i * k + j] as number) + (logWeights[j] as number) - (logNorms[i] as number));
  }
  return { out, logNorms };
}

describe.runIf(wasmAvailable)("wasmNormalise", () => {
  it.each([
    [1, 1],
    [5, 3],
    [40, 8],
    [33, 9],
    [1000, 2],
  ])("agrees with Math.exp's log-sum-exp to rounding (n %i, k %i)", (n, k) => {
    const random = new Random(n * 31 + k);
    // spreads from overlapping (a few units) to separated (hundreds: terms that underflow)
    const logs = Float64Array.from({ length: n * k }, (_, p) => -(p % 5 === 0 ? 400 : 4) * random.float());
    const logWeights = Float64Array.from({ length: k }, () => Math.log(0.1 + random.float()));
    const reference = normaliseInJavaScript(logs, n, k, logWeights);
    for (const blockPoints of [1, 7, 10_000]) {
      const out = logs.slice();
      const logNorms = new Float64Array(n);
      expect(wasmNormalise(out, n, k, logWeights, logNorms, undefined, blockPoints)).toBe(true);
      for (let p = 0; p < n * k; p++) {
        // exp(a) moves by |a| ulps when a is rounded: the reference's own error grows with |log r|
        const expected = reference.out[p] as number;
        const tolerance = 1e-15 * (4 + Math.abs(Math.log(expected))) * expected;
        expect(Math.abs((out[p] as number) - expected)).toBeLessThanOrEqual(Math.max(tolerance, 1e-300));
      }
      for (let i = 0; i < n; i++)
        expect(Math.abs((logNorms[i] as number) - (reference.logNorms[i] as number))).toBeLessThanOrEqual(1e-13);
    }
  });

  it("gives exactly 1 to a lone component, 0 to a term 800 below, and NaN for a NaN log-density", () => {
    const logs = Float64Array.of(-3, -803, Number.NaN, 0, -Infinity, -2);
    const logNorms = new Float64Array(3);
    expect(wasmNormalise(logs, 3, 2, Float64Array.of(0, 0), logNorms, undefined)).toBe(true);
    expect(Array.from(logs.subarray(0, 2))).toEqual([1, 0]);
    expect(logNorms[0]).toBe(-3);
    expect(Number.isNaN(logNorms[1])).toBe(true);
    expect(Array.from(logs.subarray(4, 6))).toEqual([0, 1]);
    expect(logNorms[2]).toBe(-2);
  });

  it("is within 2 ulps of Math.exp across the range it serves", () => {
    const n = 4000;
    const logs = Float64Array.from({ length: 2 * n }, (_, p) => (p % 2 === 0 ? 0 : -708 * ((p - 1) / (2 * n))));
    const logNorms = new Float64Array(n);
    wasmNormalise(logs, n, 2, Float64Array.of(0, 0), logNorms, undefined);
    for (let i = 0; i < n; i++) {
      const v = -708 * ((2 * i) / (2 * n));
      const sum = 1 + Math.exp(v);
      const term = (logs[2 * i + 1] as number) * sum; // e^v / sum * sum
      expect(Math.abs(term - Math.exp(v))).toBeLessThanOrEqual(4 * Number.EPSILON * Math.exp(v));
    }
  });
});

describe.runIf(wasmAvailable)("wasmLowerTransform", () => {
  it.each(shapes)("gives the bits of lowerTransform's JavaScript loop (n %i, d %i)", (n, d) => {
    const random = new Random(n + 3 * d);
    const x = Float64Array.from({ length: n * d }, () => random.normal(0, 3));
    const q = Float64Array.from({ length: d * d }, (_, p) => (p % d <= Math.floor(p / d) ? random.normal() : 0));
    const reference = lowerTransform(x, n, d, q, undefined, true);
    for (const blockPoints of [1, 5, 1000])
      expect(bits(wasmLowerTransform(x, n, d, q, undefined, blockPoints) ?? new Float64Array())).toBe(bits(reference));
  });

  it("maps a point by a hand-computed 2 x 2 factor", () => {
    const q = Float64Array.of(2, 0, 1, 3); // [[2, 0], [1, 3]]
    expect(Array.from(wasmLowerTransform(Float64Array.of(1, -1), 1, 2, q, undefined) ?? [])).toEqual([2, -2]);
  });
});

describe("tied covariances on large data", () => {
  it("give the per-component kernel's responsibilities and log-likelihood to rounding, and EM never decreases it", () => {
    const n = 3000;
    const d = 6;
    const k = 3;
    const random = new Random(11);
    const x = Float64Array.from({ length: n * d }, (_, p) => random.normal(0, 1) + ((p % d) - 2) * 3);
    const data = { values: x, rows: n, columns: d };
    const covariance = tiedCovariance();
    const result = solve(gaussianMixture({ k, covariance, absTolerance: 0 }), { data }, { seed: 3, maxIterations: 4 });
    const lls = result.trace.entries.map((entry) => entry.record.logLikelihood);
    for (let t = 1; t < lls.length; t++)
      expect(lls[t] as number).toBeGreaterThanOrEqual((lls[t - 1] as number) - 1e-12);
    // The state's parameters through the mapped path (expectationStep) and through ||Q (x - mu_j)||^2 directly.
    const { weights, means, covariances } = result.state;
    const factors = covariance.precisionFactors(covariances, k, d, 1e-6);
    const parameters = { weights, means, covariances, precisionFactors: factors };
    const responsibilities = new Float64Array(n * k);
    const mean = expectationStep(data, parameters, k, covariance, responsibilities, undefined);
    const logs = new Float64Array(n * k);
    triangularLogDensities(x, n, d, means, factors, k, true, logs, true);
    const reference = normaliseInJavaScript(logs, n, k, weights.map(Math.log));
    for (let p = 0; p < n * k; p++) expect(responsibilities[p]).toBeCloseTo(reference.out[p] as number, 12);
    expect(mean).toBeCloseTo(reference.logNorms.reduce((a, b) => a + b, 0) / n, 12);
  });
});
