import { describe, expect, it, vi } from "vitest";
import { kernelPool, prepareProblem, Random, solve, solveIterations } from "../../src/index.js";
import type { SolveResult } from "../../src/index.js";
import {
  diagonalCovariance,
  fullCovariance,
  gaussianMixture,
  givenParameters,
  sphericalCovariance,
  tiedCovariance,
} from "../../solvers/gaussian-mixture/index.js";
import type { CovarianceType, GaussianMixtureState, MixtureStatistics } from "../../solvers/gaussian-mixture/index.js";
import { expectationStep, maximizationStep } from "../../solvers/gaussian-mixture/em-steps.js";
import type { FlatParameters } from "../../solvers/gaussian-mixture/em-steps.js";
import { createResidentPasses } from "../../solvers/gaussian-mixture/resident-passes.js";
import type { KernelBinding } from "../../src/engine/internals.js";

// EM's resident passes (one chunked pass per iteration on shared memory) against the plain float64
// JavaScript steps, on odd shapes and chunk sizes; the same bits on any number of threads.

/** Overlapping groups (centres 2 apart, unit spread): every responsibility is strictly between 0 and 1 somewhere. */
function overlapping(n: number, d: number, k: number, seed: number) {
  const random = new Random(seed);
  const values = Float64Array.from(
    { length: n * d },
    (_, p) => 2 * (Math.floor(p / d) % k) + 0.5 * (p % d) + random.normal(),
  );
  return { values, rows: n, columns: d };
}

const types: [string, () => CovarianceType][] = [
  ["diagonal", diagonalCovariance],
  ["spherical", sphericalCovariance],
  ["tied", tiedCovariance],
  ["full", fullCovariance],
];

// n d stays below the WebAssembly threshold (16,384), so the plain steps run in JavaScript: a float64 reference.
const shapes: [number, number, number, number][] = [
  [1237, 5, 3, 37],
  [999, 16, 8, 64],
  [301, 7, 1, 300],
  [2001, 3, 5, 2001],
];

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

function expectClose(actual: Float64Array, expected: Float64Array, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let p = 0; p < actual.length; p++) {
    const scale = Math.max(1, Math.abs(expected[p] as number));
    worst = Math.max(worst, Math.abs((actual[p] as number) - (expected[p] as number)) / scale);
  }
  expect(worst).toBeLessThanOrEqual(tolerance);
}

/** Parameters from hard labels i mod k (the plain M-step): a start every type accepts. */
function start(data: ReturnType<typeof overlapping>, k: number, covariance: CovarianceType): FlatParameters {
  const labels = new Float64Array(data.rows * k);
  for (let i = 0; i < data.rows; i++) labels[i * k + (i % k)] = 1;
  return maximizationStep(data, labels, k, covariance, 1e-6);
}

describe("Gaussian-mixture resident passes", () => {
  describe.each(types)("%s covariances", (_name, make) => {
    it.each(shapes)("n = %i, d = %i, k = %i, chunks of %i: the plain E- and M-steps to rounding", (n, d, k, chunk) => {
      const covariance = make();
      const data = overlapping(n, d, k, n + d + k);
      const passes = createResidentPasses(data, k, covariance, 1e-6, 1, undefined, chunk);
      expect(passes).toBeDefined(); // Node has WebAssembly SIMD and shared memory
      if (passes === undefined) return;
      try {
        let parameters = start(data, k, covariance);
        for (let iteration = 0; iteration < 3; iteration++) {
          const expected = new Float64Array(n * k);
          const logLikelihood = expectationStep(data, parameters, k, covariance, expected, undefined);
          const pass = passes.expectation(parameters);
          expect(pass).toBeDefined();
          const {
            responsibilities,
            logLikelihood: passLikelihood,
            sufficientStatistics,
          } = pass as NonNullable<typeof pass>;
          expectClose(responsibilities, expected, 1e-12);
          expect(Math.abs(passLikelihood - logLikelihood)).toBeLessThanOrEqual(1e-12 * Math.abs(logLikelihood));
          const plain = maximizationStep(data, responsibilities, k, covariance, 1e-6);
          const fused = passes.maximization(sufficientStatistics, parameters.means);
          expect(fused).toBeDefined();
          const next = fused as FlatParameters;
          expectClose(next.weights, plain.weights, 1e-12);
          expectClose(next.means, plain.means, 1e-11);
          expectClose(next.covariances, plain.covariances, 1e-10);
          parameters = next;
        }
      } finally {
        passes.dispose();
      }
    });

    it("gives the same bits on 1, 2 and 3 threads", () => {
      const covariance = make();
      const [n, d, k] = [3001, 6, 4];
      const data = overlapping(n, d, k, 11);
      const parameters = start(data, k, covariance);
      const runs = [1, 2, 3].map((threads) => {
        const passes = createResidentPasses(data, k, covariance, 1e-6, threads, undefined, 97);
        if (passes === undefined) return undefined;
        passes.binding.startWorkers(); // the workers take chunks from the first pass, however small the data
        try {
          const pass = passes.expectation(parameters);
          const next =
            pass === undefined ? undefined : passes.maximization(pass.sufficientStatistics, parameters.means);
          return { pass, next, threads: passes.threads };
        } finally {
          passes.dispose();
        }
      });
      expect(runs[0]).toBeDefined();
      expect(runs.map((run) => run?.threads)).toEqual([1, 2, 3]);
      const [one, ...others] = runs as NonNullable<(typeof runs)[number]>[];
      for (const other of others) {
        expect(bits(other.pass?.responsibilities as Float64Array)).toBe(
          bits(one?.pass?.responsibilities as Float64Array),
        );
        expect(other.pass?.logLikelihood).toBe(one?.pass?.logLikelihood);
        for (const key of ["weights", "means", "covariances", "precisionFactors"] as const)
          expect(bits(other.next?.[key] as Float64Array)).toBe(bits(one?.next?.[key] as Float64Array));
      }
    });
  });

  it("leaves the M-step to the plain one where the shifted sums would cancel", () => {
    const covariance = diagonalCovariance();
    const data = overlapping(1000, 4, 2, 3);
    const passes = createResidentPasses(data, 2, covariance, 1e-6, 1);
    expect(passes).toBeDefined();
    if (passes === undefined) return;
    try {
      const parameters = start(data, 2, covariance);
      const near = passes.expectation(parameters);
      expect(passes.maximization(near?.sufficientStatistics as MixtureStatistics, parameters.means)).toBeDefined();
      // Means 1e4 away from every point: the new means move by 1e4, and var = S / nk - delta^2 would cancel.
      const far = { ...parameters, means: parameters.means.map((mean) => mean + 1e4) };
      const pass = passes.expectation(far);
      expect(passes.maximization(pass?.sufficientStatistics as MixtureStatistics, far.means)).toBeUndefined();
    } finally {
      passes.dispose();
    }
  });
});

describe("gaussianMixture on the resident passes", () => {
  const [n, d, k] = [6000, 8, 4]; // 48,000 coordinates: the WebAssembly kernels
  const data = overlapping(n, d, k, 7);
  const rows = Array.from({ length: k }, (_, j) => Array.from(data.values.subarray(j * d, (j + 1) * d)));
  const identity = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b ? 1 : 0)));
  const init = givenParameters({ weights: rows.map(() => 1 / k), means: rows, covariances: rows.map(() => identity) });
  const problem = { data: { values: data.values, rows: n } };

  it.each(types)(
    "%s: the same bits on 1 and 2 threads, and the plain steps' log-likelihood to rounding",
    (_name, make) => {
      const solver = gaussianMixture({ k, covariance: make(), init, absTolerance: 0, maxIterations: 6 });
      const [one, two] = [1, 2].map((threads) => {
        using prepared = prepareProblem(solver, problem, { threads });
        prepared.prepared.passes?.binding.startWorkers(); // so the worker takes chunks on data this small
        return solve(solver, prepared);
      });
      expect(two?.state.logLikelihood).toBe(one?.state.logLikelihood);
      expect(bits(two?.state.responsibilities as Float64Array)).toBe(bits(one?.state.responsibilities as Float64Array));
      // The plain steps, iterated by hand on the same start.
      const covariance = make();
      let parameters: FlatParameters = {
        weights: new Float64Array(k).fill(1 / k),
        means: Float64Array.from(rows.flat()),
        covariances: covariance.fromMatrices(
          rows.map(() => identity),
          k,
          d,
        ),
        precisionFactors: new Float64Array(0),
      };
      parameters = { ...parameters, precisionFactors: covariance.precisionFactors(parameters.covariances, k, d, 1e-6) };
      const responsibilities = new Float64Array(n * k);
      let logLikelihood = expectationStep(data, parameters, k, covariance, responsibilities, undefined);
      for (let iteration = 0; iteration < 6; iteration++) {
        parameters = maximizationStep(data, responsibilities, k, covariance, 1e-6);
        logLikelihood = expectationStep(data, parameters, k, covariance, responsibilities, undefined);
      }
      expect(Math.abs((one?.state.logLikelihood as number) - logLikelihood)).toBeLessThanOrEqual(
        1e-10 * Math.abs(logLikelihood),
      );
    },
  );

  // The M-step's sums live in the state (no side table keyed by an array), so a checkpoint carries them and
  // the resumed run takes the same M-steps: the same bits as the run that was never interrupted. With the
  // sums kept beside the state, a resumed tied run took the plain M-step once and drifted in the last bits.
  it.each(types)("%s: a run resumed from a checkpoint ends with the bits of the uninterrupted run", (_name, make) => {
    const solver = gaussianMixture({ k, covariance: make(), init, absTolerance: 0, maxIterations: 6 });
    const whole = solve(solver, problem, { threads: 1 });
    const half = solve(solver, problem, { threads: 1, maxIterations: 3 });
    const checkpoint = half.checkpoint();
    expect(checkpoint.state.sufficientStatistics?.totals).toHaveLength(k);
    const resumed = solve(solver, problem, { threads: 1, resumeFrom: checkpoint });
    expect(resumed.iterations).toBe(6);
    expect(resumed.state.logLikelihood).toBe(whole.state.logLikelihood);
    for (const key of ["weights", "means", "covariances", "responsibilities"] as const)
      expect(bits(resumed.state[key])).toBe(bits(whole.state[key]));
  });

  it("gives two runs interleaved step by step on one prepared problem the bits of separate runs", () => {
    const solver = gaussianMixture({ k, covariance: tiedCovariance(), absTolerance: 0, maxIterations: 5 });
    using prepared = prepareProblem(solver, problem, { threads: 2 });
    const [a, b] = [1, 2].map((seed) => solveIterations(solver, prepared, { seed }));
    const ends: (SolveResult<GaussianMixtureState> | undefined)[] = [undefined, undefined];
    while (ends.some((end) => end === undefined)) {
      [a, b].forEach((run, i) => {
        if (ends[i] !== undefined) return;
        const next = run?.next();
        if (next?.done === true) ends[i] = next.value as SolveResult<GaussianMixtureState>;
      });
    }
    [1, 2].forEach((seed, i) => {
      const alone = solve(solver, problem, { seed, threads: 2 });
      expect(ends[i]?.state.logLikelihood).toBe(alone.state.logLikelihood);
      expect(bits(ends[i]?.state.means as Float64Array)).toBe(bits(alone.state.means));
    });
  });

  it("runs the plain M-step for a state without the pass's sums, to rounding of the pass's", () => {
    const solver = gaussianMixture({ k, covariance: fullCovariance(), init, absTolerance: 0, maxIterations: 1 });
    using prepared = prepareProblem(solver, problem, { threads: 1 });
    const first = solve(solver, prepared, { maxIterations: 0 }).state;
    expect(first.sufficientStatistics).toBeDefined();
    const withSums = solver.step(prepared.prepared, first, {} as never) as typeof first;
    const { sufficientStatistics: _dropped, ...plain } = first;
    const withoutSums = solver.step(prepared.prepared, plain, {} as never) as typeof first;
    expect(Math.abs(withoutSums.logLikelihood - withSums.logLikelihood)).toBeLessThanOrEqual(
      1e-12 * Math.abs(withSums.logLikelihood),
    );
    expect(withoutSums.sufficientStatistics).toBeDefined(); // the E-step's pass ran again
  });

  it("takes both kernels (passes and blocks) from the run option kernelPool and gives them back: the same bits", () => {
    const solver = gaussianMixture({ k, covariance: fullCovariance(), init, absTolerance: 0, maxIterations: 3 });
    const plain = solve(solver, problem, { threads: 2 });
    using pool = kernelPool();
    const [first, second] = [1, 2].map(() => solve(solver, problem, { threads: 2, kernelPool: pool }));
    expect(pool.idle).toBe(2); // the passes' kernel and the block kernel, back in the pool after each run
    for (const run of [first, second]) {
      expect(run?.state.logLikelihood).toBe(plain.state.logLikelihood);
      expect(bits(run?.state.means as Float64Array)).toBe(bits(plain.state.means));
    }
  });

  it("ends the passes' workers with the run, and a handle's with its dispose", async () => {
    const solver = gaussianMixture({ k, covariance: diagonalCovariance(), init, maxIterations: 3 });
    const prepared = prepareProblem(solver, problem, { threads: 2 });
    const binding = prepared.prepared.passes?.binding as KernelBinding<unknown>;
    expect(binding.threads).toBe(2);
    binding.startWorkers(); // data this small would not pay for a worker's start on its own
    solve(solver, prepared);
    solve(solver, prepared);
    expect(binding.liveWorkers).toBe(1);
    prepared.dispose();
    expect(binding.disposed).toBe(true);
    await vi.waitFor(() => expect(binding.liveWorkers).toBe(0));
  });
});
