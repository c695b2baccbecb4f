// Internal: the full type's E-step on large data with exact skips (wasm/gmm.wat: boundedLogDensities), and the
// pair layout of its factors that the resident full pass (resident-passes.ts) reads too.
import { blockBytes, compiledModule, kernelFor } from "./wasm-kernels.js";
import { MemoryLayout } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";

/** The largest `lambda_max(Sigma_j) ||Q_j||_F^2` (a bound on the condition number) for which components may be skipped. */
const skipConditionLimit = 1e8;
/** The bound's safety factor: rounding at that conditioning is below 1e-9 relative, this leaves 1e-3. */
const skipSafety = 0.999;

/**
 * The E-step's log-densities for full covariances, `out[i k + j] = bases[j] - 0.5 ||Q_j (x_i - mu_j)||^2`
 * with the bits of triangularLogDensities, except `-Infinity` where component `j`'s weighted log-density
 * `logWeights[j] + out[i k + j]` is provably more than 746 below the point's largest, so that its
 * responsibility is exactly 0 with or without it (exp underflows), and the log-sum-exp is unchanged.
 *
 * @remarks The proof: `||Q_j y||^2 >= ||y||^2 / ||Q_j^{-1}||^2 = ||y||^2 / lambda_max(Sigma_j)` (Q_j^{-1} is
 * the Cholesky factor of Sigma_j), with `lambda_max` bounded above by Gershgorin's largest absolute row sum,
 * a safety factor 0.999 against rounding, and only for components with `lambda_max ||Q_j||_F^2 <= 1e8`
 * (well-conditioned enough that rounding is below 1e-9 relative); the
 * largest bound's component is computed exactly first and the skip needs a gap of 747 plus a relative
 * margin. Returns false (and the caller uses the plain kernel) where WebAssembly SIMD is unavailable or a
 * squared distance is not finite. `blockPoints` is for tests of the block boundaries.
 */
export function wasmBoundedLogDensities(
  x: Float64Array,
  n: number,
  d: number,
  means: Float64Array,
  factors: Float64Array,
  covariances: Float64Array,
  k: number,
  bases: Float64Array,
  logWeights: Float64Array,
  out: Float64Array,
  kernel: KernelBinding<unknown> | undefined,
  blockPoints = Math.max(1, Math.floor(blockBytes / (8 * (d + k)))),
): boolean {
  if (compiledModule === null) return false;
  const block = Math.min(blockPoints, n);
  const { pairFactors, groupFloats, c } = boundedLayout(factors, covariances, k, d);
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take(block * d * 8);
  const outAt = take(block * k * 8);
  const meansAt = take(k * d * 8);
  const factorsAt = take(pairFactors.length * 8);
  const basesAt = take(k * 8);
  const logWeightsAt = take(k * 8);
  const cAt = take(k * 8);
  const yAt = take(d * 8);
  const ubAt = take(k * 8);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return false;
  const { api, buffer } = bound;
  new Float64Array(buffer, meansAt, k * d).set(means);
  new Float64Array(buffer, factorsAt, pairFactors.length).set(pairFactors);
  new Float64Array(buffer, basesAt, k).set(bases);
  new Float64Array(buffer, logWeightsAt, k).set(logWeights);
  new Float64Array(buffer, cAt, k).set(c);
  const xBlock = new Float64Array(buffer, xAt, block * d);
  const outBlock = new Float64Array(buffer, outAt, block * k);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    xBlock.set(x.subarray(start * d, (start + count) * d));
    if (
      api.boundedLogDensities(
        xAt,
        count,
        d,
        meansAt,
        factorsAt,
        groupFloats * 8,
        k,
        basesAt,
        logWeightsAt,
        cAt,
        yAt,
        ubAt,
        outAt,
      ) !== 0
    )
      return false;
    out.set(outBlock.subarray(0, count * k), start * k);
  }
  return true;
}

/**
 * The full type's factors as boundedLogDensities reads them, and its skip bounds `c` (see
 * wasmBoundedLogDensities): the factors in pairs of rows, groups of eight rows, coordinate-major (group g,
 * rows 8g .. 8g + 7, holds min(8g + 8, d) coordinates of 8 f64: row 8g + 2q + lane at f64 8 t + 2 q + lane;
 * zeros above the diagonal and past row d - 1), `groupFloats` f64 per component.
 */
export function boundedLayout(factors: Float64Array, covariances: Float64Array, k: number, d: number) {
  let groupFloats = 0;
  for (let r = 0; r < d; r += 8) groupFloats += Math.min(r + 8, d) * 8;
  const pairFactors = new Float64Array(k * groupFloats);
  const c = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let at = j * groupFloats;
    for (let r = 0; r < d; r += 8) {
      const columns = Math.min(r + 8, d);
      for (let t = 0; t < columns; t++) {
        for (let q = 0; q < 8; q++) {
          const row = r + q;
          pairFactors[at + t * 8 + q] = row < d && t <= row ? (factors[j * d * d + row * d + t] as number) : 0;
        }
      }
      at += columns * 8;
    }
    // Gershgorin: the largest eigenvalue of Sigma_j is at most the largest absolute row sum.
    let largest = 0;
    for (let r = 0; r < d; r++) {
      let row = 0;
      for (let t = 0; t < d; t++) row += Math.abs(covariances[j * d * d + r * d + t] as number);
      largest = Math.max(largest, row);
    }
    let frobenius = 0;
    for (let p = j * d * d; p < (j + 1) * d * d; p++) frobenius += (factors[p] as number) ** 2;
    c[j] =
      largest > 0 && Number.isFinite(largest) && largest * frobenius <= skipConditionLimit
        ? (0.5 * skipSafety) / largest
        : 0;
  }
  return { pairFactors, groupFloats, c };
}
