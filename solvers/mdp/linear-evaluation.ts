import { LuDecomposition, Matrix } from "ml-matrix";
import { below, iterate } from "../../src/index.js";
import { evaluationStep } from "./evaluation-step.js";
import type { PreparedMdp } from "./types.js";
import type { EvaluationResult, PolicyEvaluationState } from "./policy-types.js";

/**
 * Solves `(I - gamma P_pi) V = r_pi` over the non-terminal states with ml-matrix's LU (terminal values 0).
 * `O(S^3)`; throws when the matrix is singular (at `gamma = 1`, a policy that never terminates).
 */
export function directEvaluation(model: PreparedMdp, weights: Float64Array): Float64Array {
  const { states: S, actions: A, discount, terminal, rewards, dense } = model;
  const index = new Int32Array(S).fill(-1);
  let n = 0;
  for (let s = 0; s < S; s++) if (terminal[s] === 0) index[s] = n++;
  const matrix = Matrix.zeros(n, n);
  const rhs = Matrix.zeros(n, 1);
  for (let s = 0; s < S; s++) {
    const i = index[s] as number;
    if (i < 0) continue;
    matrix.set(i, i, 1);
    let reward = 0;
    for (let a = 0; a < A; a++) {
      const w = weights[s * A + a] as number;
      if (w === 0) continue;
      reward += w * (rewards[s * A + a] as number);
      const add = (t: number, p: number) => {
        const j = index[t] as number;
        if (j >= 0 && p !== 0) matrix.set(i, j, matrix.get(i, j) - discount * w * p);
      };
      if (dense !== undefined) {
        const offset = (a * S + s) * S;
        for (let t = 0; t < S; t++) add(t, dense[offset + t] as number);
      } else {
        const pointers = model.rowPointers as Int32Array;
        for (let k = pointers[s * A + a] as number; k < (pointers[s * A + a + 1] as number); k++) {
          add((model.columnIndices as Int32Array)[k] as number, (model.probabilities as Float64Array)[k] as number);
        }
      }
    }
    rhs.set(i, 0, reward);
  }
  const values = new Float64Array(S);
  if (n === 0) return values;
  const lu = new LuDecomposition(matrix);
  if (lu.isSingular())
    throw new Error(
      "the policy's evaluation system (I - gamma P_pi) V = r_pi is singular: at discount 1 the policy must reach a terminal state from every state",
    );
  const solution = lu.solve(rhs);
  for (let s = 0; s < S; s++) if ((index[s] as number) >= 0) values[s] = solution.get(index[s] as number, 0);
  return values;
}

/**
 * Sweeps of the policy's Bellman operator from `start` (never written) until `||dV||_inf <= tolerance`, a NaN
 * change, or `maxSweeps` sweeps (at least one sweep unless `maxSweeps` is 0): a run of the engine with
 * {@link policyEvaluation}'s step ({@link evaluationStep}), so policy iteration evaluates through the engine.
 */
export function sweepEvaluation(
  model: PreparedMdp,
  weights: Float64Array,
  start: Float64Array,
  tolerance: number,
  maxSweeps: number,
  inPlace: boolean,
): EvaluationResult {
  const initial: PolicyEvaluationState = {
    values: start.slice(),
    previousValues: new Float64Array(model.states),
    change: Number.NaN,
    changeSpan: Number.NaN,
  };
  const result = iterate(initial, {
    update(state, context) {
      const next = evaluationStep(model, weights, state, inPlace);
      if (Number.isNaN(next.change)) context.control.stop("the value change is NaN");
      return next;
    },
    maxIterations: maxSweeps,
    // Measured from the first sweep on (iteration 0 has no change); no test for a negative tolerance (a
    // fixed number of sweeps: modified policy iteration).
    converged:
      tolerance < 0
        ? undefined
        : below((state: PolicyEvaluationState) => (Number.isNaN(state.change) ? undefined : state.change), tolerance, {
            name: "||dV||",
          }),
    trace: false,
  });
  return { values: result.state.values, sweeps: result.iterations };
}
