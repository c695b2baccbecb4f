import { InvalidProblemError } from "../../src/index.js";
import { nestedRow, readTransitions } from "./read-transitions.js";
import type { MdpProblem, PreparedMdp } from "./types.js";

function checkSize(part: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 0x3fffffff) {
    throw new InvalidProblemError(part, "an integer >= 1", value);
  }
  return value;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function notFinite(part: string, value: unknown): InvalidProblemError {
  return new InvalidProblemError(part, "a finite number", value);
}

/**
 * Validates an MDP and builds the {@link PreparedMdp} the kernels use.
 *
 * @remarks O(A S^2) for dense transitions, O(nnz + S A) for sparse ones (plus O(S nnz) for the episodic
 * reachability check at discount 1).
 * @throws `InvalidProblemError` naming the state and action at fault: a shape mismatch, a negative or
 * non-finite probability, a row that does not sum to 1 within 1e-9, a reward that is not finite, a terminal
 * state or allowed action out of range, a state without allowed actions, a discount outside `[0, 1)` (or 1
 * without an episodic problem that can always terminate).
 */
export function prepareMdp(problem: MdpProblem): PreparedMdp {
  if (problem === null || typeof problem !== "object") {
    throw new InvalidProblemError("problem", "an object { states, actions, transitions, rewards, discount }", problem);
  }
  const states = checkSize("problem.states", problem.states);
  const actions = checkSize("problem.actions", problem.actions);
  const { discount, episodic = false } = problem;
  if (typeof episodic !== "boolean") throw new InvalidProblemError("problem.episodic", "a boolean", episodic);
  if (typeof discount !== "number" || !(discount >= 0 && discount <= 1) || (discount === 1 && !episodic)) {
    throw new InvalidProblemError("problem.discount", "a number in [0, 1) (1 only with episodic: true)", discount);
  }
  const S = states;
  const A = actions;

  // Terminal states and allowed actions.
  const terminal = new Uint8Array(S);
  if (problem.terminal !== undefined) {
    if (!Array.isArray(problem.terminal))
      throw new InvalidProblemError("problem.terminal", "an array of state indices", problem.terminal);
    problem.terminal.forEach((s: unknown, i) => {
      if (typeof s !== "number" || !Number.isInteger(s) || s < 0 || s >= S) {
        throw new InvalidProblemError(`problem.terminal[${i}]`, `a state index in [0, ${S})`, s);
      }
      terminal[s] = 1;
    });
  }
  const allowed = new Uint8Array(S * A);
  if (problem.allowedActions === undefined) {
    allowed.fill(1);
  } else {
    const lists = nestedRow(
      "problem.allowedActions",
      problem.allowedActions,
      S,
      `an array of ${S} lists of action indices`,
    );
    for (let s = 0; s < S; s++) {
      const list = lists[s];
      if (!Array.isArray(list))
        throw new InvalidProblemError(`problem.allowedActions[${s}]`, "an array of action indices", list);
      for (const a of list as unknown[]) {
        if (typeof a !== "number" || !Number.isInteger(a) || a < 0 || a >= A) {
          throw new InvalidProblemError(`problem.allowedActions[${s}]`, `a list of action indices in [0, ${A})`, a);
        }
        allowed[s * A + a] = 1;
      }
      if (list.length === 0 && terminal[s] === 0) {
        throw new InvalidProblemError(`problem.allowedActions[${s}]`, "a non-empty list (state is not terminal)", list);
      }
    }
  }
  const checked = (s: number, a: number) => terminal[s] === 0 && allowed[s * A + a] === 1;

  const { dense, rowPointers, columnIndices, probabilities } = readTransitions(problem.transitions, S, A, checked);

  // Rewards, reduced to r(s, a).
  const rewards = new Float64Array(S * A);
  const given = problem.rewards;
  if (given instanceof Float64Array) {
    if (given.length !== S * A)
      throw new InvalidProblemError("problem.rewards", `a Float64Array of length S * A = ${S * A}`, given);
    for (let i = 0; i < S * A; i++) {
      const r = given[i];
      if (!isFiniteNumber(r)) throw notFinite(`problem.rewards[${Math.floor(i / A)}][${i % A}]`, r);
      rewards[i] = r;
    }
  } else if (Array.isArray(given) && given.length === S && (given.length === 0 || !Array.isArray(given[0]?.[0]))) {
    for (let s = 0; s < S; s++) {
      const row = nestedRow(`problem.rewards[${s}]`, given[s], A, `${A} rewards R(s, a)`);
      for (let a = 0; a < A; a++) {
        const r = row[a];
        if (!isFiniteNumber(r)) throw notFinite(`problem.rewards[${s}][${a}]`, r);
        rewards[s * A + a] = r;
      }
    }
  } else if (Array.isArray(given) && given.length === A && Array.isArray(given[0]?.[0])) {
    for (let a = 0; a < A; a++) {
      const matrix = nestedRow(`problem.rewards[${a}]`, given[a], S, `${S} rows of ${S} rewards R(s, a, s')`);
      for (let s = 0; s < S; s++) {
        const row = nestedRow(`problem.rewards[${a}][${s}]`, matrix[s], S, `${S} rewards R(s, a, s')`);
        let expected = 0;
        if (dense !== undefined) {
          for (let t = 0; t < S; t++) {
            const r = row[t];
            if (!isFiniteNumber(r)) throw notFinite(`problem.rewards[${a}][${s}][${t}]`, r);
            expected += (dense[(a * S + s) * S + t] as number) * r;
          }
        } else {
          const pointers = rowPointers as Int32Array;
          for (let k = pointers[s * A + a] as number; k < (pointers[s * A + a + 1] as number); k++) {
            const t = (columnIndices as Int32Array)[k] as number;
            const r = row[t];
            if (!isFiniteNumber(r)) throw notFinite(`problem.rewards[${a}][${s}][${t}]`, r);
            expected += ((probabilities as Float64Array)[k] as number) * r;
          }
        }
        rewards[s * A + a] = expected;
      }
    }
  } else {
    throw new InvalidProblemError(
      "problem.rewards",
      `R(s, a) as ${S} x ${A} nested arrays or a Float64Array of length ${S * A}, or R(s, a, s') as ${A} x ${S} x ${S} nested arrays`,
      given,
    );
  }

  const model: PreparedMdp = {
    states: S,
    actions: A,
    discount,
    dense,
    rowPointers,
    columnIndices,
    probabilities,
    rewards,
    allowed,
    terminal,
  };
  if (episodic) checkEpisodic(model);
  return model;
}

/** Every state must reach a terminal state under some policy (allowed actions, positive probabilities). */
function checkEpisodic(model: PreparedMdp): void {
  const { states: S, actions: A, terminal, allowed } = model;
  const reaches = Uint8Array.from(terminal);
  if (!reaches.includes(1))
    throw new InvalidProblemError(
      "problem.terminal",
      "a non-empty list of states (the problem is episodic)",
      "none",
      false,
    );
  let changed = true;
  while (changed) {
    changed = false;
    for (let s = 0; s < S; s++) {
      if (reaches[s] === 1) continue;
      for (let a = 0; a < A && reaches[s] === 0; a++) {
        if (allowed[s * A + a] === 0) continue;
        forEachSuccessor(model, s, a, (t) => {
          if (reaches[t] === 1) reaches[s] = 1;
        });
      }
      if (reaches[s] === 1) changed = true;
    }
  }
  const stuck = reaches.indexOf(0);
  if (stuck >= 0) {
    throw new InvalidProblemError(
      "problem (episodic)",
      "an MDP where every state can reach a terminal state",
      `state ${stuck}, which cannot`,
      false,
    );
  }
}

function forEachSuccessor(model: PreparedMdp, s: number, a: number, visit: (t: number) => void): void {
  const { states: S, actions: A } = model;
  if (model.dense !== undefined) {
    const offset = (a * S + s) * S;
    for (let t = 0; t < S; t++) if ((model.dense[offset + t] as number) > 0) visit(t);
  } else {
    const pointers = model.rowPointers as Int32Array;
    for (let k = pointers[s * A + a] as number; k < (pointers[s * A + a + 1] as number); k++) {
      if (((model.probabilities as Float64Array)[k] as number) > 0)
        visit((model.columnIndices as Int32Array)[k] as number);
    }
  }
}
