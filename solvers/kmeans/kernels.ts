// The k-means kernels on flat row-major typed arrays, shared by the Lloyd, Hamerly and mini-batch solvers
// and by the Gaussian mixture's initialisation. Internal: not part of the public list.
//
// Summation order: a pass is cut into chunks of `chunkSize(n, d, k)` points (the unit of work of the
// threaded WebAssembly kernels); every sum over points (inertia, cluster sums, moments) is accumulated from
// zero within each chunk in point order, and the chunks' sums are then added in chunk order. The
// JavaScript kernels here follow the same order, so both paths give the same bits with any thread count.

/**
 * Points per chunk: about 256 kB of coordinates (a chunk's bookkeeping is then negligible, and its points
 * stay in the core's cache between its passes), and few enough chunks that their partial cluster sums stay
 * under 2^21 numbers (16 MB). `k = 1` for the moments.
 */
export function chunkSize(n: number, d: number, k: number): number {
  const byWork = Math.floor(2 ** 15 / Math.max(1, d));
  const byPartials = Math.ceil((n * k * Math.max(1, d)) / 2 ** 21);
  return Math.max(1, Math.min(n, Math.max(byWork, byPartials)));
}

/** Squared Euclidean distance between row `i` of `x` and row `j` of `c`, both of dimension `d`. */
export function squaredDistance(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let sum = 0;
  const xi = i * d;
  const cj = j * d;
  for (let t = 0; t < d; t++) {
    const diff = (x[xi + t] as number) - (c[cj + t] as number);
    sum += diff * diff;
  }
  return sum;
}

/**
 * Squared distance between row `i` of `x` and row `j` of `c` summed in pairs of coordinates, as the
 * WebAssembly Hamerly pass sums a point's distance to its own centroid with one f64x2 vector: the even
 * coordinates and the odd ones apart, then their sum, then the last coordinate of an odd `d`. The same
 * value as {@link squaredDistance} up to rounding (another order), half the dependent additions.
 */
export function ownDistance(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let even = 0;
  let odd = 0;
  const xi = i * d;
  const cj = j * d;
  let t = 0;
  for (; t + 1 < d; t += 2) {
    const e0 = (x[xi + t] as number) - (c[cj + t] as number);
    const e1 = (x[xi + t + 1] as number) - (c[cj + t + 1] as number);
    even += e0 * e0;
    odd += e1 * e1;
  }
  let sum = even + odd;
  if (t < d) {
    const e = (x[xi + t] as number) - (c[cj + t] as number);
    sum += e * e;
  }
  return sum;
}

/**
 * The nearest centroid of point `i` (lowest index on ties) and its squared distance, written to
 * `out[0]` and `out[1]`, and the second-smallest squared distance to `out[2]`. Four centroids are compared
 * per pass over the point's coordinates (each distance summed in the same order as {@link squaredDistance},
 * so the results are bit-for-bit those of a one-centroid-at-a-time loop, only faster).
 */
export function nearestTwo(
  x: Float64Array,
  i: number,
  d: number,
  centroids: Float64Array,
  k: number,
  out: Float64Array,
): void {
  const xi = i * d;
  let best = 0;
  let bestDistance = Infinity;
  let second = Infinity;
  let j = 0;
  for (; j + 3 < k; j += 4) {
    const c0 = j * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const v = x[xi + t] as number;
      const e0 = v - (centroids[c0 + t] as number);
      const e1 = v - (centroids[c1 + t] as number);
      const e2 = v - (centroids[c2 + t] as number);
      const e3 = v - (centroids[c3 + t] as number);
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    if (s0 < bestDistance) {
      second = bestDistance;
      bestDistance = s0;
      best = j;
    } else if (s0 < second) second = s0;
    if (s1 < bestDistance) {
      second = bestDistance;
      bestDistance = s1;
      best = j + 1;
    } else if (s1 < second) second = s1;
    if (s2 < bestDistance) {
      second = bestDistance;
      bestDistance = s2;
      best = j + 2;
    } else if (s2 < second) second = s2;
    if (s3 < bestDistance) {
      second = bestDistance;
      bestDistance = s3;
      best = j + 3;
    } else if (s3 < second) second = s3;
  }
  for (; j < k; j++) {
    const cj = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = (x[xi + t] as number) - (centroids[cj + t] as number);
      s += e * e;
    }
    if (s < bestDistance) {
      second = bestDistance;
      bestDistance = s;
      best = j;
    } else if (s < second) second = s;
  }
  out[0] = best;
  out[1] = bestDistance;
  out[2] = second;
}

/**
 * Assigns every point to its nearest centroid (lowest index on ties), writing `labels` (and, when given,
 * the square root of each point's second-smallest distance to `lowerBounds`: Hamerly's bound). Returns the
 * weighted inertia (summed chunk by chunk, see the top of this file) and how many labels differ from
 * `previous` (all, when null).
 */
export function assignAll(
  x: Float64Array,
  n: number,
  d: number,
  centroids: Float64Array,
  k: number,
  weights: Float64Array,
  labels: Int32Array,
  previous: Int32Array | null,
  chunk = chunkSize(n, d, k),
  lowerBounds?: Float64Array,
): { inertia: number; changes: number } {
  let inertia = 0;
  let changes = 0;
  const nearest = new Float64Array(3);
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    let chunkInertia = 0;
    for (let i = start; i < end; i++) {
      nearestTwo(x, i, d, centroids, k, nearest);
      const best = nearest[0] as number;
      labels[i] = best;
      if (lowerBounds !== undefined) lowerBounds[i] = Math.sqrt(nearest[2] as number);
      chunkInertia += (weights[i] as number) * (nearest[1] as number);
      if (previous === null || previous[i] !== best) changes++;
    }
    inertia += chunkInertia;
  }
  return { inertia, changes };
}

/**
 * The weighted means of the clusters given by `labels`; an empty cluster (zero weight) gets the point
 * farthest from its own centroid (scikit-learn's rule: farthest first, that point's weight moved from its
 * cluster). Returns the new centroids and how many clusters were empty.
 */
export function updateCentroids(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  weights: Float64Array,
  k: number,
  previous: Float64Array,
): { centroids: Float64Array; relocated: number } {
  const { sums, totals } = clusterSums(x, n, d, labels, weights, k);
  return centroidsFromSums(x, n, d, labels, () => weights, k, previous, sums, totals);
}

/** Per-cluster weighted sums of the points (`k x d`) and total weights, accumulated chunk by chunk (see the top of this file). */
export function clusterSums(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  weights: Float64Array,
  k: number,
  chunk = chunkSize(n, d, k),
): { sums: Float64Array; totals: Float64Array } {
  const sums = new Float64Array(k * d);
  const totals = new Float64Array(k);
  const chunkSums = new Float64Array(k * d);
  const chunkTotals = new Float64Array(k);
  for (let start = 0; start < n; start += chunk) {
    chunkSums.fill(0);
    chunkTotals.fill(0);
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) {
      const w = weights[i] as number;
      if (w === 0) continue;
      const j = labels[i] as number;
      chunkTotals[j] = (chunkTotals[j] as number) + w;
      const cj = j * d;
      const xi = i * d;
      for (let t = 0; t < d; t++) chunkSums[cj + t] = (chunkSums[cj + t] as number) + w * (x[xi + t] as number);
    }
    for (let p = 0; p < k * d; p++) sums[p] = (sums[p] as number) + (chunkSums[p] as number);
    for (let j = 0; j < k; j++) totals[j] = (totals[j] as number) + (chunkTotals[j] as number);
  }
  return { sums, totals };
}

/**
 * The centroids from per-cluster sums and totals ({@link clusterSums}, or the same figures from the
 * WebAssembly assignment pass), relocating empty clusters as {@link updateCentroids} describes. `sums` and
 * `totals` are modified when a cluster is empty. `weightsOf` gives the points' weights, asked for only when a
 * cluster is empty (a problem without sample weights makes its unit weights only then).
 */
export function centroidsFromSums(
  x: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  weightsOf: () => Float64Array,
  k: number,
  previous: Float64Array,
  sums: Float64Array,
  totals: Float64Array,
): { centroids: Float64Array; relocated: number } {
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if ((totals[j] as number) === 0) empty.push(j);
  if (empty.length > 0) {
    const weights = weightsOf();
    const distances = Float64Array.from({ length: n }, (_, i) =>
      (weights[i] as number) > 0 ? squaredDistance(x, i, previous, labels[i] as number, d) : -1,
    );
    const farthest = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (distances[b] as number) - (distances[a] as number) || a - b,
    );
    empty.forEach((j, r) => {
      const i = farthest[r] as number;
      const from = labels[i] as number;
      const w = weights[i] as number;
      for (let t = 0; t < d; t++) {
        const value = w * (x[i * d + t] as number);
        sums[from * d + t] = (sums[from * d + t] as number) - value;
        sums[j * d + t] = value;
      }
      totals[from] = (totals[from] as number) - w;
      totals[j] = w;
    });
  }
  const centroids = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    const total = totals[j] as number;
    // A cluster whose only point moved to an empty one keeps its previous centroid.
    for (let t = 0; t < d; t++)
      centroids[j * d + t] = total > 0 ? (sums[j * d + t] as number) / total : (previous[j * d + t] as number);
  }
  return { centroids, relocated: empty.length };
}

/**
 * The centroid update that opens a Lloyd or Hamerly step: the cluster sums the last pass left in the state
 * (or one pass over the data on the JavaScript path), then `centroidsFromSums` on copies of them, because an
 * empty cluster's relocation writes to them and a state may be stepped again. `weightsOf` is asked for the
 * weights only where they are read (no sums in the state, or an empty cluster).
 */
export function centroidsBeforePass(
  x: Float64Array,
  n: number,
  d: number,
  weightsOf: () => Float64Array,
  k: number,
  state: {
    readonly labels: Int32Array;
    readonly centroids: Float64Array;
    readonly clusterSums?: { readonly sums: Float64Array; readonly totals: Float64Array } | undefined;
  },
): { centroids: Float64Array; relocated: number } {
  const { sums, totals } = state.clusterSums ?? clusterSums(x, n, d, state.labels, weightsOf(), k);
  return centroidsFromSums(x, n, d, state.labels, weightsOf, k, state.centroids, sums.slice(), totals.slice());
}
