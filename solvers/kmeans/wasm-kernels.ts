// Internal: the WebAssembly SIMD versions of the Lloyd and Hamerly passes (wasm/kmeans.wat), bit-for-bit
// equal to the JavaScript kernels in kernels.ts, on several threads. The kernel is bound to the prepared
// problem (bindKernel): its memory and workers live until the prepared problem's dispose. The points and
// weights are copied once into the kernel's shared memory, the points during the first pass (or the first
// call of `moments`): with workers started (where a core was free when the kernels were bound) by copyIn,
// the workers mapping the later pages; otherwise chunk after chunk while the chunks already copied are
// summed and assigned. Rows given as arrays are converted straight into that memory by prepare (no copy
// at all, and fresh memory touched once, not twice). Unit weights are not copied at all (the kernel reads weight 1). Fresh memory costs a page
// fault per 4 kB on first touch (about as much as the copy itself), so the layout is as small as it can
// be: one slot for the labels and one for the bounds, which every pass updates in place. Each pass
// runs in chunks of points (kernels.ts's chunkSize), each chunk writing its partial sums to a slot of its
// own, added here in chunk order: the same bits with any number of threads.
import { kmeansWasmBase64 } from "./wasm/kmeans-wasm-bytes.js";
import { chunkSize } from "./kernels.js";
import { momentsFromShiftedSums } from "./moments.js";
import { bindKernel, compileWasm, MemoryLayout } from "../../src/engine/internals.js";
import { DisposedError } from "../../src/index.js";
import type { KernelPool } from "../../src/index.js";
import type { PassOutput, WasmAssignment, WasmKMeansKernels } from "./wasm-kernel-types.js";

interface KMeansExports {
  assignChunk(...args: number[]): void;
  assignMomentsChunk(...args: number[]): void;
  hamerlyChunk(...args: number[]): void;
  shiftedSumsChunk(...args: number[]): void;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly SIMD is unavailable. */
const compiledModule = compileWasm(kmeansWasmBase64);

/** The largest memory asked for (wasm32 addresses; we stay below 2 GiB). */
const maxBytes = 2 ** 31 - 2 ** 16;

/**
 * Binds the kernels to `n x d` points and their weights for `k` clusters, on `threads` threads, or returns
 * undefined where WebAssembly SIMD or shared memory is unavailable, or the data does not fit. The points
 * are copied at the first pass (or `moments` call), the weights at the first pass too (the caller may fill
 * both after this call); neither may change afterwards. `x` undefined: the caller writes the points into
 * `points` before the first pass, and nothing is copied. Where a pass has several chunks and a core is free
 * for each helper, the workers start now, so that they boot while the caller converts the problem and
 * initialises the centroids; a one-chunk pass never uses them. `weights` undefined means every weight is 1 (the
 * same bits as ones: `1 w = w`), and nothing is copied for them. `chunk` (points per chunk) is for tests of the
 * chunk boundaries. With `kernelPool`, the memory (which may hold another problem's bytes: every pass
 * writes what it reads first) and the workers come from the pool.
 */
export function createWasmKernels(
  x: Float64Array | undefined,
  n: number,
  d: number,
  weights: Float64Array | undefined,
  k: number,
  threads: number,
  chunk?: number,
  kernelPool?: KernelPool,
): WasmKMeansKernels | undefined {
  const module = compiledModule;
  if (module === null) return undefined;
  const pairs = Math.ceil(k / 2);
  const passChunk = chunk ?? chunkSize(n, d, k);
  const passChunks = Math.ceil(n / passChunk);
  const slot = k * d + k + 3; // per chunk: sums, totals, inertia, distances, changes
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take(n * d * 8);
  const wAt = weights === undefined ? 0 : take(n * 8); // 0: unit weights (x comes first, so 0 is free)
  const labelsAt = take(n * 4);
  const lowerAt = take(n * 8);
  const ctAt = take(pairs * 2 * d * 8);
  const cAt = take(k * d * 8);
  const gapAt = take(k * 8);
  const partialsAt = take(passChunks * slot * 8);
  const momentPartialsAt = take(passChunks * 2 * d * 8);
  const shiftAt = take(d * 8);
  if (layout.size > maxBytes) return undefined;
  const kernel = bindKernel<KMeansExports>(module, layout.size, threads, kernelPool);
  if (kernel === undefined) return undefined;
  if (kernel.threads > 1 && passChunks > 1) kernel.startWorkersWhereCoresFree();
  else if (kernel.threads > 1) kernel.wake(); // a pooled kernel's workers, already up
  const buffer = kernel.buffer;
  const xView = new Float64Array(buffer, xAt, n * d);
  const source = x ?? xView;
  // One slot for the labels and one for the lower bounds: a pass reads a point's previous label and bound
  // before it writes the new ones in their place. `written` names the arrays the slots hold (those the
  // last pass returned): when the caller passes them back (a solver stepping its latest state), nothing
  // is copied in, unless user code may have
  // written into them (`verifyHandedBack`); otherwise (an earlier state stepped again, a pass that threw) they
  // are copied in first.
  const labelSlot = new Int32Array(buffer, labelsAt, n);
  const lowerSlot = new Float64Array(buffer, lowerAt, n);
  let written: { labels: Int32Array; lower: Float64Array | undefined } | undefined;
  /** Fills the slots with `previous` (and `previousLower`) unless they hold them already. */
  const fillSlots = (previous: Int32Array, previousLower?: Float64Array): void => {
    const held =
      !kernels.verifyHandedBack &&
      written !== undefined &&
      written.labels === previous &&
      (previousLower === undefined || written.lower === previousLower);
    written = undefined; // until this pass has returned its arrays
    if (held) return;
    labelSlot.set(previous.subarray(0, n));
    if (previousLower !== undefined) lowerSlot.set(previousLower.subarray(0, n));
  };
  const ct = new Float64Array(buffer, ctAt, pairs * 2 * d);
  const partials = new Float64Array(buffer, partialsAt, passChunks * slot);
  const momentPartials = new Float64Array(buffer, momentPartialsAt, passChunks * 2 * d);
  const shift = new Float64Array(buffer, shiftAt, d);
  const groups = pairs >> 2;
  // The points are copied in by the first pass (or `moments`), which also sums the moments (unless the
  // caller wrote them in place); the weights by the first pass.
  let copied = x === undefined;
  let weightsCopied = false;
  let moments: { readonly means: Float64Array; readonly squares: Float64Array } | undefined;
  const copyChunk = (c: number): void => {
    const from = c * passChunk * d;
    xView.set(source.subarray(from, Math.min(n * d, from + passChunk * d)), from);
  };
  /**
   * Runs `name` over every chunk, the moments summed to `momentPartials`, the points copied in first: into
   * fresh memory with started workers by `copyIn` (they map the later pages while the caller copies the
   * earlier ones), else (a pool's mapped memory, or no workers) chunk by chunk within the pass.
   */
  const firstPass = (name: "shiftedSumsChunk" | "assignMomentsChunk", args: readonly number[]): void => {
    shift.set(source.subarray(0, d));
    if (!copied && kernel.workersStarted && kernel.freshMemory) {
      kernel.copyIn(xAt, source.subarray(0, n * d));
      copied = true;
    }
    if (copied) kernel.runChunks(name, passChunks, args);
    else kernel.runChunks(name, passChunks, args, kernel.threads, copyChunk);
    copied = true;
    const sums = new Float64Array(2 * d);
    for (let c = 0; c < passChunks; c++)
      for (let p = 0; p < 2 * d; p++) sums[p] = (sums[p] as number) + (momentPartials[c * 2 * d + p] as number);
    moments = momentsFromShiftedSums(sums, source.slice(0, d), n, d);
  };
  const momentArgs = [passChunk, n, xAt, d, shiftAt, momentPartialsAt];
  // The layout of kmeans.wat: groups of four pairs interleaved by coordinate, then single pairs.
  const setCentroids = (centroids: Float64Array): void => {
    for (let j = 0; j < pairs * 2; j++) {
      const pair = j >> 1;
      const lane = j & 1;
      const g = pair >> 2;
      for (let t = 0; t < d; t++) {
        const at =
          g < groups
            ? g * 8 * d + t * 8 + (pair & 3) * 2 + lane
            : groups * 8 * d + (pair - groups * 4) * 2 * d + t * 2 + lane;
        ct[at] = j < k ? (centroids[j * d + t] as number) : Infinity;
      }
    }
    if (!weightsCopied) {
      if (weights !== undefined) new Float64Array(buffer, wAt, n).set(weights.subarray(0, n));
      weightsCopied = true;
    }
  };
  // A pooled memory may serve another problem once this one is disposed: nothing is written after that.
  const live = (): void => {
    if (kernel.disposed) throw new DisposedError("k-means kernels");
  };
  /**
   * Adds the chunks' slots in chunk order into the pass's result (labels and bounds copied out of the slots,
   * into `into`'s arrays where given and `n` long, else into new ones).
   */
  const combine = (bounds: boolean, into: PassOutput | undefined): WasmAssignment => {
    const reuse = into !== undefined && into.labels.length === n;
    const labels = reuse ? into.labels : labelSlot.slice();
    if (reuse) labels.set(labelSlot);
    let lowerBounds: Float64Array | undefined;
    if (bounds) {
      const intoLower = reuse && into.lowerBounds?.length === n ? into.lowerBounds : undefined;
      intoLower?.set(lowerSlot);
      lowerBounds = intoLower ?? lowerSlot.slice();
    }
    written = { labels, lower: lowerBounds };
    const sums = new Float64Array(k * d);
    const totals = new Float64Array(k);
    let inertia = 0;
    let distances = 0;
    let changes = 0;
    for (let c = 0; c < passChunks; c++) {
      const base = c * slot;
      for (let p = 0; p < k * d; p++) sums[p] = (sums[p] as number) + (partials[base + p] as number);
      for (let j = 0; j < k; j++) totals[j] = (totals[j] as number) + (partials[base + k * d + j] as number);
      inertia += partials[base + k * d + k] as number;
      distances += partials[base + k * d + k + 1] as number;
      changes += partials[base + k * d + k + 2] as number;
    }
    return { labels, inertia, changes, sums, totals, lowerBounds, distances };
  };
  const kernels: WasmKMeansKernels = {
    verifyHandedBack: true,
    threads: kernel.threads,
    binding: kernel,
    points: xView,
    dispose: () => kernel.dispose(),
    moments() {
      live();
      if (moments === undefined) firstPass("shiftedSumsChunk", momentArgs);
      const { means, squares } = moments as NonNullable<typeof moments>;
      return { means: means.slice(), squares: squares.slice() };
    },
    assign(centroids, previous, bounds, into) {
      live();
      setCentroids(centroids);
      if (previous === null) written = undefined;
      else fillSlots(previous);
      const args = [
        passChunk,
        n,
        xAt,
        d,
        ctAt,
        pairs,
        k,
        wAt,
        labelsAt,
        previous === null ? 0 : labelsAt,
        bounds ? lowerAt : 0,
        partialsAt,
      ];
      if (moments !== undefined) kernel.runChunks("assignChunk", passChunks, args);
      else firstPass("assignMomentsChunk", [...args, shiftAt, momentPartialsAt]);
      return { ...combine(bounds, into), distances: n * k };
    },
    hamerly(centroids, previous, previousLower, halfGap, largest, largestIndex, secondLargest, margin, into) {
      live();
      if (moments === undefined) firstPass("shiftedSumsChunk", momentArgs); // a Hamerly pass follows an assignment pass: only a guard
      setCentroids(centroids);
      new Float64Array(buffer, cAt, k * d).set(centroids);
      new Float64Array(buffer, gapAt, k).set(halfGap);
      fillSlots(previous, previousLower);
      kernel.runChunks("hamerlyChunk", passChunks, [
        passChunk,
        n,
        xAt,
        d,
        ctAt,
        pairs,
        k,
        cAt,
        wAt,
        labelsAt,
        lowerAt,
        gapAt,
        largest,
        largestIndex,
        secondLargest,
        1 + margin,
        1 - margin,
        labelsAt,
        lowerAt,
        partialsAt,
      ]);
      return combine(true, into);
    },
  };
  return kernels;
}
