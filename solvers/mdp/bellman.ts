import { denseDot, denseDots, denseDotsPair, sparseDot, sparseDots, sparseDotsPair } from "./bellman-dots.js";
import type { PreparedMdp, SweepStatistics } from "./types.js";

/** `sum_s' P(s' | s, a) V(s')`. */
export function expectedValue(model: PreparedMdp, s: number, a: number, values: Float64Array): number {
  const S = model.states;
  let sum = 0;
  if (model.dense !== undefined) {
    const P = model.dense;
    const offset = (a * S + s) * S;
    for (let t = 0; t < S; t++) sum += (P[offset + t] as number) * (values[t] as number);
  } else {
    const row = s * model.actions + a;
    const pointers = model.rowPointers as Int32Array;
    const columns = model.columnIndices as Int32Array;
    const probabilities = model.probabilities as Float64Array;
    for (let k = pointers[row] as number, end = pointers[row + 1] as number; k < end; k++)
      sum += (probabilities[k] as number) * (values[columns[k] as number] as number);
  }
  return sum;
}

/** `Q(s, a) = r(s, a) + gamma sum_s' P(s' | s, a) V(s')`. */
export function actionValue(model: PreparedMdp, s: number, a: number, values: Float64Array): number {
  return (model.rewards[s * model.actions + a] as number) + model.discount * expectedValue(model, s, a, values);
}

/**
 * One sweep of the Bellman optimality operator `(T V)(s) = max_a [r(s, a) + gamma sum_s' P(s' | s, a) V(s')]`
 * from `current` into `next` (distinct arrays). Synchronous (Jacobi) reads only `current`; in place
 * (Gauss-Seidel) copies `current` into `next` and updates it state by state, reading the new values, and
 * also accumulates `T V_k` from `current` for the Bellman residual.
 */
export function bellmanSweep(
  model: PreparedMdp,
  current: Float64Array,
  next: Float64Array,
  inPlace: boolean,
  previousPolicy: Int32Array,
  policy: Int32Array,
): SweepStatistics {
  const { states: S, actions: A, discount, rewards, allowed, terminal, dense } = model;
  const pointers = model.rowPointers as Int32Array;
  const columns = model.columnIndices as Int32Array;
  const probabilities = model.probabilities as Float64Array;
  if (inPlace) next.set(current);
  const read = inPlace ? next : current;
  let high = -Infinity;
  let low = Infinity;
  let residual = 0;
  let changes = 0;
  const dots = new Float64Array(A);
  const oldDots = new Float64Array(A);
  for (let s = 0; s < S; s++) {
    let best = -Infinity;
    let bestAction = -1;
    let jacobiBest = -Infinity;
    if (terminal[s] === 0) {
      if (dense !== undefined) {
        if (inPlace) denseDotsPair(dense, S, A, s, read, current, dots, oldDots);
        else denseDots(dense, S, A, s, read, dots);
      } else if (inPlace) {
        sparseDotsPair(pointers, columns, probabilities, s * A, A, read, current, dots, oldDots);
      } else {
        sparseDots(pointers, columns, probabilities, s * A, A, read, dots);
      }
      for (let a = 0; a < A; a++) {
        if (allowed[s * A + a] === 0) continue;
        const r = rewards[s * A + a] as number;
        const q = r + discount * (dots[a] as number);
        if (inPlace) jacobiBest = Math.max(jacobiBest, r + discount * (oldDots[a] as number));
        if (q > best) {
          best = q;
          bestAction = a;
        }
      }
    } else {
      best = 0;
      jacobiBest = 0;
    }
    const old = current[s] as number;
    next[s] = best;
    policy[s] = bestAction;
    if (bestAction !== previousPolicy[s]) changes++;
    const d = best - old;
    if (d > high) high = d;
    if (d < low) low = d;
    const r = Math.abs((inPlace ? jacobiBest : best) - old);
    if (r > residual || Number.isNaN(r)) residual = r;
  }
  return {
    change: Math.max(Math.abs(high), Math.abs(low)),
    changeSpan: high - low,
    bellmanResidual: residual,
    policyChanges: changes,
  };
}

/**
 * One sweep of a policy's Bellman operator `(T_pi V)(s) = sum_a pi(a | s) [r(s, a) + gamma sum_s' P V(s')]`
 * from `current` into `next` (distinct arrays), synchronous or in place.
 *
 * @returns `[||next - current||_inf, span(next - current)]`.
 */
export function policySweep(
  model: PreparedMdp,
  weights: Float64Array,
  current: Float64Array,
  next: Float64Array,
  inPlace: boolean,
): [number, number] {
  const { states: S, actions: A, discount, rewards, terminal, dense } = model;
  const pointers = model.rowPointers as Int32Array;
  const columns = model.columnIndices as Int32Array;
  const probabilities = model.probabilities as Float64Array;
  if (inPlace) next.set(current);
  const read = inPlace ? next : current;
  let high = -Infinity;
  let low = Infinity;
  for (let s = 0; s < S; s++) {
    let value = 0;
    if (terminal[s] === 0) {
      for (let a = 0; a < A; a++) {
        const w = weights[s * A + a] as number;
        if (w === 0) continue;
        const expected =
          dense !== undefined
            ? denseDot(dense, (a * S + s) * S, read, S)
            : sparseDot(pointers, columns, probabilities, s * A + a, read);
        value += w * ((rewards[s * A + a] as number) + discount * expected);
      }
    }
    const d = value - (current[s] as number);
    next[s] = value;
    if (d > high) high = d;
    if (d < low) low = d;
  }
  return [Math.max(Math.abs(high), Math.abs(low)), high - low];
}

/** A deterministic policy as action probabilities (`S * A`, one-hot rows; terminal rows zero). */
export function policyWeights(model: PreparedMdp, policy: ArrayLike<number>): Float64Array {
  const { states: S, actions: A } = model;
  const weights = new Float64Array(S * A);
  for (let s = 0; s < S; s++) if (model.terminal[s] === 0) weights[s * A + (policy[s] as number)] = 1;
  return weights;
}
