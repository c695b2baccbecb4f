// Internal: the shapes of the WebAssembly k-means kernels (wasm-kernels.ts makes them): one pass's result,
// the arrays a pass may write into, and the kernels bound to one data set.
import type { KernelBinding } from "../../src/engine/internals.js";

/** The result of one assignment pass, with the per-cluster sums for the next centroid update. */
export interface WasmAssignment {
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly changes: number;
  readonly sums: Float64Array;
  readonly totals: Float64Array;
  readonly lowerBounds: Float64Array | undefined;
  readonly distances: number;
}

/**
 * Arrays of the run's own that a pass writes its labels (and bounds) into, instead of new ones: those of the
 * state being stepped, where no state escapes (`IterationContext.statesEscape` false).
 */
export interface PassOutput {
  readonly labels: Int32Array;
  readonly lowerBounds?: Float64Array | undefined;
}

/** The kernels bound to one data set and one `k`. */
export interface WasmKMeansKernels {
  /** Threads each pass runs on. */
  readonly threads: number;
  /** The kernel binding (its memory and worker threads). */
  readonly binding: KernelBinding<unknown>;
  /**
   * The points in the kernel's memory (row-major): filled by the first pass, or by the caller before it
   * when the kernels were made without points (a conversion straight into the kernel's memory).
   */
  readonly points: Float64Array;
  /** Ends the workers and drops the memory (the prepared problem's dispose). */
  dispose(): void;
  /**
   * Per-coordinate means and sums of squared deviations (kernels.ts's shiftedMoments with the passes'
   * chunks, same bits), computed while the points were copied in (now, if no pass has run yet).
   */
  moments(): { means: Float64Array; squares: Float64Array };
  /**
   * Whether user code may have written into the labels and bounds a pass handed out (hooks, the caller's
   * tests, a step-through consumer: `IterationContext.statesVisible`). Then a pass handed its own last output
   * back copies it in again rather than trusting the slots, so a hook's write into `state.labels` is honoured.
   */
  verifyHandedBack: boolean;
  /**
   * Lloyd's assignment to `centroids` (row-major); `previous` labels count the changes; `bounds` also
   * returns Hamerly's lower bounds. The first pass also copies the points in and computes the moments.
   * With `into`, the labels (and bounds) are written into its arrays (`n` long) and returned in them.
   */
  assign(centroids: Float64Array, previous: Int32Array | null, bounds: boolean, into?: PassOutput): WasmAssignment;
  /** Hamerly's bound-filtered assignment (see hamerly-kmeans.ts); `into` as for `assign`. */
  hamerly(
    centroids: Float64Array,
    previous: Int32Array,
    previousLower: Float64Array,
    halfGap: Float64Array,
    largest: number,
    largestIndex: number,
    secondLargest: number,
    margin: number,
    into?: PassOutput,
  ): WasmAssignment;
}
