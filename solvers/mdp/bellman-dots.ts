// Internal: the inner products `sum_t P(t | s, a) V(t)` of the JavaScript Bellman sweeps (bellman.ts), dense
// and sparse, several action rows (or two value vectors) per pass so that each loaded value serves several
// sums.
//
// Dense rows are summed in two lanes, the order the WebAssembly kernels take with f64x2 (sweep-dense.wat,
// sweep-in-place.wat), so that both give the same bits: lane 0 sums the products of the even t in t order
// from 0, lane 1 those of the odd t, the last t of an odd S goes to lane 0, and the row's sum is
// lane 0 + lane 1. Every function below keeps exactly that order.

/** Dense `sum_t P[offset + t] V[t]` in the two-lane order (see the top of this file). */
export function denseDot(P: Float64Array, offset: number, values: Float64Array, S: number): number {
  let even = 0;
  let odd = 0;
  let t = 0;
  for (; t + 1 < S; t += 2) {
    even += (P[offset + t] as number) * (values[t] as number);
    odd += (P[offset + t + 1] as number) * (values[t + 1] as number);
  }
  if (t < S) even += (P[offset + t] as number) * (values[t] as number);
  return even + odd;
}

/**
 * `out[a] = sum_t P(t | s, a) V(t)` for every action of state `s` in the two-lane order, four actions per
 * pass over `t` so that each `V(t)` is loaded once for four rows (eight independent chains).
 */
export function denseDots(
  P: Float64Array,
  S: number,
  A: number,
  s: number,
  values: Float64Array,
  out: Float64Array,
): void {
  const block = S * S;
  let a = 0;
  for (; a + 3 < A; a += 4) {
    const o0 = (a * S + s) * S;
    const o1 = o0 + block;
    const o2 = o1 + block;
    const o3 = o2 + block;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    let t = 0;
    for (; t + 1 < S; t += 2) {
      const v = values[t] as number;
      const w = values[t + 1] as number;
      d0 += (P[o0 + t] as number) * v;
      f0 += (P[o0 + t + 1] as number) * w;
      d1 += (P[o1 + t] as number) * v;
      f1 += (P[o1 + t + 1] as number) * w;
      d2 += (P[o2 + t] as number) * v;
      f2 += (P[o2 + t + 1] as number) * w;
      d3 += (P[o3 + t] as number) * v;
      f3 += (P[o3 + t + 1] as number) * w;
    }
    if (t < S) {
      const v = values[t] as number;
      d0 += (P[o0 + t] as number) * v;
      d1 += (P[o1 + t] as number) * v;
      d2 += (P[o2 + t] as number) * v;
      d3 += (P[o3 + t] as number) * v;
    }
    out[a] = d0 + f0;
    out[a + 1] = d1 + f1;
    out[a + 2] = d2 + f2;
    out[a + 3] = d3 + f3;
  }
  for (; a < A; a++) out[a] = denseDot(P, (a * S + s) * S, values, S);
}

/**
 * {@link denseDots} for two value vectors at once (in-place sweeps): one pass over the transitions, two rows
 * at a time, each sum in the two-lane order.
 */
export function denseDotsPair(
  P: Float64Array,
  S: number,
  A: number,
  s: number,
  first: Float64Array,
  second: Float64Array,
  outFirst: Float64Array,
  outSecond: Float64Array,
): void {
  const block = S * S;
  let a = 0;
  for (; a + 1 < A; a += 2) {
    const o0 = (a * S + s) * S;
    const o1 = o0 + block;
    let d0 = 0;
    let d1 = 0;
    let e0 = 0;
    let e1 = 0;
    let f0 = 0;
    let f1 = 0;
    let g0 = 0;
    let g1 = 0;
    let t = 0;
    for (; t + 1 < S; t += 2) {
      const v = first[t] as number;
      const w = second[t] as number;
      const vOdd = first[t + 1] as number;
      const wOdd = second[t + 1] as number;
      const p0 = P[o0 + t] as number;
      const p1 = P[o1 + t] as number;
      const q0 = P[o0 + t + 1] as number;
      const q1 = P[o1 + t + 1] as number;
      d0 += p0 * v;
      d1 += p1 * v;
      e0 += p0 * w;
      e1 += p1 * w;
      f0 += q0 * vOdd;
      f1 += q1 * vOdd;
      g0 += q0 * wOdd;
      g1 += q1 * wOdd;
    }
    if (t < S) {
      const p0 = P[o0 + t] as number;
      const p1 = P[o1 + t] as number;
      d0 += p0 * (first[t] as number);
      d1 += p1 * (first[t] as number);
      e0 += p0 * (second[t] as number);
      e1 += p1 * (second[t] as number);
    }
    outFirst[a] = d0 + f0;
    outFirst[a + 1] = d1 + f1;
    outSecond[a] = e0 + g0;
    outSecond[a + 1] = e1 + g1;
  }
  for (; a < A; a++) {
    outFirst[a] = denseDot(P, (a * S + s) * S, first, S);
    outSecond[a] = denseDot(P, (a * S + s) * S, second, S);
  }
}

export function sparseDot(
  pointers: Int32Array,
  columns: Int32Array,
  probabilities: Float64Array,
  row: number,
  values: Float64Array,
): number {
  let sum = 0;
  for (let k = pointers[row] as number, end = pointers[row + 1] as number; k < end; k++)
    sum += (probabilities[k] as number) * (values[columns[k] as number] as number);
  return sum;
}

/**
 * `out[i] = sum_k P_k V(col_k)` over the sparse rows `first + i`, `0 <= i < count` (the actions of one state):
 * four rows at a time, interleaved over their common length, so that four independent accumulation chains
 * overlap the gathers `V(col_k)` and the adds (row by row, each row's adds wait on each other and on their
 * gathers: about 1.4x slower; eight rows at a time, across states, measured no faster). Each row is still summed
 * from 0 in its own entry order, so the results are bit-identical to a row-by-row loop.
 */
export function sparseDots(
  pointers: Int32Array,
  columns: Int32Array,
  probabilities: Float64Array,
  first: number,
  count: number,
  values: Float64Array,
  out: Float64Array,
): void {
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const row = first + i;
    const k0 = pointers[row] as number;
    const k1 = pointers[row + 1] as number;
    const k2 = pointers[row + 2] as number;
    const k3 = pointers[row + 3] as number;
    const k4 = pointers[row + 4] as number;
    let n = k1 - k0;
    if (k2 - k1 < n) n = k2 - k1;
    if (k3 - k2 < n) n = k3 - k2;
    if (k4 - k3 < n) n = k4 - k3;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let j = 0; j < n; j++) {
      d0 += (probabilities[k0 + j] as number) * (values[columns[k0 + j] as number] as number);
      d1 += (probabilities[k1 + j] as number) * (values[columns[k1 + j] as number] as number);
      d2 += (probabilities[k2 + j] as number) * (values[columns[k2 + j] as number] as number);
      d3 += (probabilities[k3 + j] as number) * (values[columns[k3 + j] as number] as number);
    }
    out[i] = sparseTail(columns, probabilities, k0 + n, k1, values, d0);
    out[i + 1] = sparseTail(columns, probabilities, k1 + n, k2, values, d1);
    out[i + 2] = sparseTail(columns, probabilities, k2 + n, k3, values, d2);
    out[i + 3] = sparseTail(columns, probabilities, k3 + n, k4, values, d3);
  }
  for (; i < count; i++)
    out[i] = sparseTail(
      columns,
      probabilities,
      pointers[first + i] as number,
      pointers[first + i + 1] as number,
      values,
      0,
    );
}

/** Continues the sum `sum` of a sparse row over its entries `start <= k < end`. */
function sparseTail(
  columns: Int32Array,
  probabilities: Float64Array,
  start: number,
  end: number,
  values: Float64Array,
  sum: number,
): number {
  for (let k = start; k < end; k++) sum += (probabilities[k] as number) * (values[columns[k] as number] as number);
  return sum;
}

/**
 * {@link sparseDots} for two value vectors at once (in-place sweeps: the new values and the old ones), four
 * rows at a time: one pass over the transitions for both, eight independent chains.
 */
export function sparseDotsPair(
  pointers: Int32Array,
  columns: Int32Array,
  probabilities: Float64Array,
  first: number,
  count: number,
  a: Float64Array,
  b: Float64Array,
  outA: Float64Array,
  outB: Float64Array,
): void {
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const row = first + i;
    const k0 = pointers[row] as number;
    const k1 = pointers[row + 1] as number;
    const k2 = pointers[row + 2] as number;
    const k3 = pointers[row + 3] as number;
    const k4 = pointers[row + 4] as number;
    let n = k1 - k0;
    if (k2 - k1 < n) n = k2 - k1;
    if (k3 - k2 < n) n = k3 - k2;
    if (k4 - k3 < n) n = k4 - k3;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    for (let j = 0; j < n; j++) {
      const p0 = probabilities[k0 + j] as number;
      const c0 = columns[k0 + j] as number;
      const p1 = probabilities[k1 + j] as number;
      const c1 = columns[k1 + j] as number;
      const p2 = probabilities[k2 + j] as number;
      const c2 = columns[k2 + j] as number;
      const p3 = probabilities[k3 + j] as number;
      const c3 = columns[k3 + j] as number;
      d0 += p0 * (a[c0] as number);
      e0 += p0 * (b[c0] as number);
      d1 += p1 * (a[c1] as number);
      e1 += p1 * (b[c1] as number);
      d2 += p2 * (a[c2] as number);
      e2 += p2 * (b[c2] as number);
      d3 += p3 * (a[c3] as number);
      e3 += p3 * (b[c3] as number);
    }
    outA[i] = sparseTail(columns, probabilities, k0 + n, k1, a, d0);
    outB[i] = sparseTail(columns, probabilities, k0 + n, k1, b, e0);
    outA[i + 1] = sparseTail(columns, probabilities, k1 + n, k2, a, d1);
    outB[i + 1] = sparseTail(columns, probabilities, k1 + n, k2, b, e1);
    outA[i + 2] = sparseTail(columns, probabilities, k2 + n, k3, a, d2);
    outB[i + 2] = sparseTail(columns, probabilities, k2 + n, k3, b, e2);
    outA[i + 3] = sparseTail(columns, probabilities, k3 + n, k4, a, d3);
    outB[i + 3] = sparseTail(columns, probabilities, k3 + n, k4, b, e3);
  }
  for (; i < count; i++) {
    const start = pointers[first + i] as number;
    const end = pointers[first + i + 1] as number;
    outA[i] = sparseTail(columns, probabilities, start, end, a, 0);
    outB[i] = sparseTail(columns, probabilities, start, end, b, 0);
  }
}
