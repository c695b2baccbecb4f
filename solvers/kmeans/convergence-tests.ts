// Internal: the default stopping tests of the batch k-means solvers, scikit-learn's two rules.
import { below } from "../../src/index.js";
import type { Criterion } from "../../src/index.js";
import type { KMeansState } from "./types.js";

/** `shift/var <= relTolerance`, then `label changes <= 0`: listed in this order so that when both hold the reason is the one scikit-learn reports. */
export function kmeansConvergence(tolerance: number): Criterion<KMeansState>[] {
  return [
    below((s: KMeansState) => s.relativeShift, tolerance, { name: "shift/var" }),
    below((s: KMeansState) => s.labelChanges, 0, { name: "label changes" }),
  ];
}

/** The trace record shared by Lloyd and Hamerly. */
export function kmeansRecord(s: KMeansState): {
  inertia: number;
  shift: number | undefined;
  labelChanges: number | undefined;
  distanceComputations: number;
} {
  return {
    inertia: s.inertia,
    shift: s.shift,
    labelChanges: s.labelChanges,
    distanceComputations: s.distanceComputations,
  };
}

/** A squared shift relative to the data's scale (`0` for no shift, also on constant data). */
export function relativeShift(shift: number, scale: number): number {
  return shift === 0 ? 0 : shift / scale;
}

/** Squared shift between two sets of centroids. */
export function squaredShift(a: Float64Array, b: Float64Array): number {
  let shift = 0;
  for (let p = 0; p < a.length; p++) {
    const diff = (a[p] as number) - (b[p] as number);
    shift += diff * diff;
  }
  return shift;
}
