// Internal: EM in one pass over the data per iteration, on several threads. The points live in the
// kernel's shared memory for the prepared problem's lifetime (copied in during the first pass) and the
// responsibilities are computed in place there, so nothing is copied block by block. One chunked pass
// (gmm.wat: axisPassChunk, fullPassChunk) computes each chunk's log-densities, normalises them into
// responsibilities (the log-sum-exp) and, while the chunk is in cache, sums what the next M-step needs:
// totals, weighted sums and the scatter about the means this E-step used, which go into the state
// (`sufficientStatistics`: a checkpoint carries them) and which resident-statistics.ts turns into the next
// parameters. Chunks are fixed by the data's shape, each writes its own slot, and the
// slots are added in chunk order: the same bits with any number of threads.
import type { DataMatrix } from "../kmeans/index.js";
import { logDensityBases } from "./dense-kernels.js";
import { diagonalLogDensities } from "./diagonal-covariance.js";
import type { FlatParameters } from "./em-steps.js";
import { fullLogDensities } from "./full-covariance.js";
import { parametersFromSums } from "./resident-statistics.js";
import type { PassKind } from "./resident-statistics.js";
import { sphericalLogDensities } from "./spherical-covariance.js";
import { tiedLogDensities } from "./tied-covariance.js";
import { lowerPairs, lowerTransform } from "./tied-transform.js";
import type { CovarianceType, MixtureStatistics } from "./types.js";
import { boundedLayout } from "./bounded-kernels.js";
import { compiledModule } from "./wasm-kernels.js";
import { bindKernel, MemoryLayout } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { DisposedError } from "../../src/index.js";
import type { KernelPool } from "../../src/index.js";

/** EM's passes bound to one prepared problem's data (see the file's comment). */
export interface ResidentPasses {
  /** Threads each pass runs on. */
  readonly threads: number;
  /** The kernel binding (its memory and worker threads). */
  readonly binding: KernelBinding<unknown>;
  /**
   * The E-step of `parameters`: new responsibilities, the mean log-likelihood and the sums the next M-step
   * needs (they go into the state, so a resumed run takes the same M-step); undefined where a distance is
   * not finite (the caller then runs the plain E-step, which reports it).
   */
  expectation(
    parameters: FlatParameters,
  ): { responsibilities: Float64Array; logLikelihood: number; sufficientStatistics: MixtureStatistics } | undefined;
  /**
   * The M-step from the sums an E-step of means `means` kept; undefined where the shifted sums would lose
   * digits (the caller then runs the plain M-step).
   */
  maximization(statistics: MixtureStatistics, means: Float64Array): FlatParameters | undefined;
  /** Ends the workers and drops the memory (the prepared problem's dispose). */
  dispose(): void;
}

/** The largest memory asked for (wasm32 addresses; we stay below 2 GiB). */
const maxBytes = 2 ** 31 - 2 ** 16;

/** Bytes of points and responsibilities per chunk: a chunk stays in L2 between its E-step and its sums. */
const chunkBytes = 2 ** 19;

/** The pass a covariance type takes, or undefined for a type of the caller's own. */
function kindOf(covariance: CovarianceType): PassKind | undefined {
  const logDensities = covariance.logDensities;
  if (logDensities === diagonalLogDensities) return "diagonal";
  if (logDensities === sphericalLogDensities) return "spherical";
  if (logDensities === tiedLogDensities) return "tied";
  if (logDensities === fullLogDensities) return "full";
  return undefined;
}

/**
 * Binds the passes to `data` for `k` components on `threads` threads, or returns undefined where
 * WebAssembly SIMD or shared memory is unavailable, the data does not fit, or the covariance type is not
 * one of the four built-in ones. `chunk` (points per chunk) is for tests of the chunk boundaries. With
 * `kernelPool`, the memory and the workers come from the pool.
 */
export function createResidentPasses(
  data: DataMatrix,
  k: number,
  covariance: CovarianceType,
  regCovar: number,
  threads: number,
  kernelPool?: KernelPool,
  chunk?: number,
): ResidentPasses | undefined {
  const kind = kindOf(covariance);
  if (compiledModule === null || kind === undefined) return undefined;
  const { values: x, rows: n, columns: d } = data;
  const kPad = Math.ceil(k / 4) * 4;
  const triangle = (d * (d + 1)) / 2;
  const per = chunk ?? Math.max(8, Math.floor(chunkBytes / (8 * (d + k))));
  const chunks = Math.ceil(n / per);
  // A slot: failure flag, the log-likelihood's parts (3), totals (k), weighted sums (k d), the scatter (full: k dPad x dPad matrices), scratch
  // (the full type's: 32 points' differences and weighted differences, see tiledScatter in gmm.wat).
  const dPad = Math.ceil(d / 4) * 4;
  const secondFloats = kind === "full" ? k * dPad * dPad : kind === "tied" ? triangle : k * d;
  const secondAt = Math.ceil((8 * (4 + k + k * d)) / 16) * 16;
  const scratchAt = secondAt + 8 * secondFloats;
  const slotBytes = Math.ceil((scratchAt + 8 * Math.max(d + k, 96 * dPad)) / 16) * 16;
  let groupFloats = 0;
  for (let r = 0; r < d; r += 8) groupFloats += Math.min(r + 8, d) * 8;
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take(n * d * 8);
  const respAt = take(n * k * 8);
  const normsAt = take(n * 16);
  const mappedAt = take(kind === "tied" ? n * d * 8 : 0);
  const meansAt = take(k * d * 8);
  const meansTAt = take(d * kPad * 8);
  const factorsTAt = take(d * kPad * 8);
  const logDetsAt = take(kPad * 8);
  const logWeightsAt = take(k * 8);
  const qpAt = take(kind === "full" ? k * groupFloats * 8 : d * (d + 2) * 8);
  const basesAt = take(k * 8);
  const boundAt = take(k * 8);
  const centreAt = take(d * 8);
  const onesAt = take(per * 8);
  const slotsAt = take(chunks * slotBytes);
  if (layout.size > maxBytes) return undefined;
  const kernel = bindKernel<unknown>(compiledModule, layout.size, threads, kernelPool);
  if (kernel === undefined) return undefined;
  if (kernel.threads > 1) kernel.wake();
  const buffer = kernel.buffer;
  const f64 = (at: number, length: number) => new Float64Array(buffer, at, length);
  const slots = f64(slotsAt, (chunks * slotBytes) / 8);
  let copied = false;
  let moments: Float64Array | undefined;
  const xView = f64(xAt, n * d);
  const copyChunk = (c: number): void => {
    const from = c * per * d;
    xView.set(x.subarray(from, Math.min(n * d, from + per * d)), from);
  };
  /** Runs `name` over every chunk, copying the points in during the first pass. */
  const run = (name: string, args: readonly number[]): void => {
    if (kernel.disposed) throw new DisposedError("Gaussian-mixture kernels");
    if (copied) kernel.runChunks(name, chunks, args);
    else kernel.runChunks(name, chunks, args, kernel.threads, copyChunk);
    copied = true;
  };
  /** Adds `length` f64 at `offset` of every slot, in chunk order, to `into`. */
  const addSlots = (into: Float64Array, offset: number, length: number): Float64Array => {
    for (let c = 0; c < chunks; c++) {
      const base = (c * slotBytes + offset) / 8;
      for (let p = 0; p < length; p++) into[p] = (into[p] as number) + (slots[base + p] as number);
    }
    return into;
  };
  /** The tied type's sum_i (x_i - c)(x_i - c)^T about the first point, packed (one pass, on first use). */
  const tiedMoments = (): Float64Array => {
    if (moments !== undefined) return moments;
    f64(onesAt, per).fill(1);
    f64(centreAt, d).set(x.subarray(0, d));
    run("momentsChunk", [per, n, xAt, d, onesAt, centreAt, slotsAt, slotBytes, secondAt, scratchAt]);
    moments = addSlots(new Float64Array(triangle), secondAt, triangle);
    return moments;
  };
  const axisPass = (parameters: FlatParameters): void => {
    const { means, precisionFactors: factors } = parameters;
    let axisMeans = means;
    let axisFactors: (j: number, t: number) => number = (j, t) => factors[j * d + t] as number;
    const logDets = new Float64Array(kPad);
    for (let j = 0; j < k; j++) {
      let sum = 0;
      if (kind === "diagonal") for (let t = 0; t < d; t++) sum += Math.log(factors[j * d + t] as number);
      else if (kind === "spherical") sum = d * Math.log(factors[j] as number);
      else for (let t = 0; t < d; t++) sum += Math.log(factors[t * d + t] as number);
      logDets[j] = sum;
    }
    if (kind === "spherical") axisFactors = (j) => factors[j] as number;
    if (kind === "tied") {
      // ||Q (x - mu_j)||^2 = ||Q x - Q mu_j||^2: the kernel maps the points, the means are mapped here.
      axisMeans = lowerTransform(means, k, d, factors, undefined, true);
      axisFactors = () => 1;
      f64(qpAt, d * (d + 2)).set(lowerPairs(factors, d));
    }
    const meansT = f64(meansTAt, d * kPad).fill(0);
    const factorsT = f64(factorsTAt, d * kPad).fill(0);
    for (let j = 0; j < k; j++) {
      for (let t = 0; t < d; t++) {
        meansT[t * kPad + j] = axisMeans[j * d + t] as number;
        factorsT[t * kPad + j] = axisFactors(j, t);
      }
    }
    f64(logDetsAt, kPad).set(logDets);
    const c = -0.5 * d * Math.log(2 * Math.PI);
    const tied = kind === "tied";
    run("axisPassChunk", [
      per,
      n,
      xAt,
      d,
      meansTAt,
      factorsTAt,
      kPad,
      k,
      c,
      logDetsAt,
      logWeightsAt,
      respAt,
      normsAt,
      meansAt,
      mappedAt,
      tied ? qpAt : 0,
      slotsAt,
      slotBytes,
      tied ? 0 : secondAt,
    ]);
  };
  const fullPass = (parameters: FlatParameters): boolean => {
    const { pairFactors, c } = boundedLayout(parameters.precisionFactors, parameters.covariances, k, d);
    f64(qpAt, pairFactors.length).set(pairFactors);
    f64(boundAt, k).set(c);
    f64(basesAt, k).set(logDensityBases(parameters.precisionFactors, k, d, false));
    const args = [per, n, xAt, d, meansAt, qpAt, groupFloats * 8, k, basesAt, logWeightsAt, boundAt, respAt, normsAt];
    run("fullPassChunk", [...args, slotsAt, slotBytes, secondAt, scratchAt]);
    for (let chunk = 0; chunk < chunks; chunk++) if (slots[(chunk * slotBytes) / 8] !== 0) return false;
    return true;
  };
  return {
    threads: kernel.threads,
    binding: kernel,
    dispose: () => kernel.dispose(),
    expectation(parameters) {
      if (kind === "tied") tiedMoments();
      f64(meansAt, k * d).set(parameters.means);
      f64(logWeightsAt, k).set(parameters.weights.map(Math.log));
      if (kind === "full") {
        if (!fullPass(parameters)) return undefined;
      } else axisPass(parameters);
      // sum_i log p(x_i) = sum_i largest_i + sum_i ln s_i, the latter from each chunk's product of the s_i.
      let total = 0;
      for (let c = 0; c < chunks; c++) {
        const at = (c * slotBytes) / 8;
        const [largest, mantissa, exponent] = slots.subarray(at + 1, at + 4) as unknown as [number, number, number];
        total += largest + (Math.log(mantissa) + exponent * Math.LN2);
      }
      const responsibilities = f64(respAt, n * k).slice();
      const totals = addSlots(new Float64Array(k).fill(10 * Number.EPSILON), 32, k);
      const sums = addSlots(new Float64Array(k * d), 32 + 8 * k, k * d);
      const second = kind === "tied" ? undefined : addSlots(new Float64Array(secondFloats), secondAt, secondFloats);
      const scatter = kind === "full" ? lowerTriangles(second as Float64Array, k, d, dPad) : second;
      return { responsibilities, logLikelihood: total / n, sufficientStatistics: { totals, sums, scatter } };
    },
    maximization({ totals, sums, scatter }, means) {
      const pass = { totals, sums, shifted: kind !== "full", means, centre: x.subarray(0, d) };
      if (kind === "tied")
        return parametersFromSums(kind, { ...pass, scatter: tiedMoments() }, covariance, k, d, n, regCovar);
      if (scatter === undefined) return undefined;
      return parametersFromSums(kind, { ...pass, scatter }, covariance, k, d, n, regCovar);
    },
  };
}

/** The packed lower triangles of k matrices of dPad x dPad (rows in order, d x d of each). */
function lowerTriangles(matrices: Float64Array, k: number, d: number, dPad: number): Float64Array {
  const out = new Float64Array((k * d * (d + 1)) / 2);
  let p = 0;
  for (let j = 0; j < k; j++)
    for (let a = 0; a < d; a++)
      for (let b = 0; b <= a; b++, p++) out[p] = matrices[j * dPad * dPad + a * dPad + b] as number;
  return out;
}
