// Internal: prepareMdp's reading of the transitions (dense, nested or sparse) into the prepared model's
// layout, with their checks (moved here from prepare-mdp.ts unchanged).
import { InvalidProblemError } from "../../src/index.js";
import type { MdpProblem, SparseTransitionMatrix } from "./types.js";

/** Rows of allowed actions of non-terminal states must sum to 1 within this. */
const rowSumTolerance = 1e-9;

function isSparse(transitions: unknown): transitions is readonly SparseTransitionMatrix[] {
  if (!Array.isArray(transitions) || transitions.length === 0) return false;
  const first: unknown = transitions[0];
  return first !== null && typeof first === "object" && !Array.isArray(first) && "rowPointers" in first;
}

/** Reads `array[i]` of nested arrays, or throws naming the part and the expected length. */
export function nestedRow(part: string, value: unknown, length: number, expected: string): ArrayLike<unknown> {
  if (!Array.isArray(value) || value.length !== length) throw new InvalidProblemError(part, expected, value);
  return value;
}

// Checks are inline and the part's name is built only for the error: building it for each of millions of
// entries cost more than the rest of the validation (0.4 s for 4 million sparse entries).
function isProbability(value: unknown): value is number {
  return typeof value === "number" && value >= 0 && value <= 1;
}

function notProbability(part: string, value: unknown): InvalidProblemError {
  return new InvalidProblemError(part, "a probability in [0, 1]", value);
}

/** The transitions in the prepared model's layout: dense `A x S x S`, or CSR rows by state then action. */
export interface ReadTransitions {
  readonly dense: Float64Array | undefined;
  readonly rowPointers: Int32Array | undefined;
  readonly columnIndices: Int32Array | undefined;
  readonly probabilities: Float64Array | undefined;
}

/**
 * Checks and converts `problem.transitions` for `S` states and `A` actions; `checked(s, a)` says whether the
 * row of state `s` and action `a` must sum to 1 (an allowed action of a non-terminal state).
 */
export function readTransitions(
  transitions: MdpProblem["transitions"],
  S: number,
  A: number,
  checked: (s: number, a: number) => boolean,
): ReadTransitions {
  let dense: Float64Array | undefined;
  let rowPointers: Int32Array | undefined;
  let columnIndices: Int32Array | undefined;
  let probabilities: Float64Array | undefined;
  const checkRowSum = (a: number, s: number, sum: number) => {
    if (checked(s, a) && !(Math.abs(sum - 1) <= rowSumTolerance)) {
      throw new InvalidProblemError(
        `problem.transitions (action ${a}, state ${s})`,
        "a row summing to 1 within 1e-9",
        `a row summing to ${sum}`,
        false,
      );
    }
  };
  if (transitions instanceof Float64Array) {
    if (transitions.length !== A * S * S) {
      throw new InvalidProblemError(
        "problem.transitions",
        `a Float64Array of length A * S * S = ${A * S * S}`,
        transitions,
      );
    }
    for (let a = 0; a < A; a++) {
      for (let s = 0; s < S; s++) {
        const offset = (a * S + s) * S;
        let sum = 0;
        for (let t = 0; t < S; t++) {
          const p = transitions[offset + t] as number;
          if (!(p >= 0 && p <= 1)) throw notProbability(`problem.transitions[${a}][${s}][${t}]`, p);
          sum += p;
        }
        checkRowSum(a, s, sum);
      }
    }
    dense = transitions;
  } else if (isSparse(transitions)) {
    if (transitions.length !== A) {
      throw new InvalidProblemError("problem.transitions", `${A} sparse matrices (one per action)`, transitions);
    }
    let total = 0;
    transitions.forEach((matrix, a) => {
      const part = `problem.transitions[${a}]`;
      if (
        matrix === null ||
        typeof matrix !== "object" ||
        !(matrix.rowPointers instanceof Int32Array) ||
        !(matrix.columnIndices instanceof Int32Array) ||
        !(matrix.probabilities instanceof Float64Array)
      ) {
        throw new InvalidProblemError(
          part,
          "a sparse matrix { rowPointers: Int32Array, columnIndices: Int32Array, probabilities: Float64Array }",
          matrix,
        );
      }
      const { rowPointers: pointers, columnIndices: columns, probabilities: values } = matrix;
      if (
        pointers.length !== S + 1 ||
        pointers[0] !== 0 ||
        pointers[S] !== values.length ||
        columns.length !== values.length
      ) {
        throw new InvalidProblemError(
          part,
          `CSR with ${S + 1} row pointers from 0 to the entry count, and as many column indices as probabilities`,
          `${pointers.length} row pointers ending at ${pointers[pointers.length - 1]}, ${columns.length} column indices, ${values.length} probabilities`,
          false,
        );
      }
      total += values.length;
    });
    rowPointers = new Int32Array(S * A + 1);
    columnIndices = new Int32Array(total);
    probabilities = new Float64Array(total);
    const seen = new Int32Array(S).fill(-1);
    let at = 0;
    for (let s = 0; s < S; s++) {
      for (let a = 0; a < A; a++) {
        const matrix = transitions[a] as SparseTransitionMatrix;
        const start = matrix.rowPointers[s] as number;
        const end = matrix.rowPointers[s + 1] as number;
        if (!(end >= start)) {
          throw new InvalidProblemError(
            `problem.transitions[${a}].rowPointers[${s + 1}]`,
            `an offset >= ${start}`,
            end,
          );
        }
        let sum = 0;
        for (let k = start; k < end; k++) {
          const t = matrix.columnIndices[k] as number;
          if (!(t >= 0 && t < S))
            throw new InvalidProblemError(
              `problem.transitions[${a}].columnIndices[${k}] (state ${s})`,
              `a state index in [0, ${S})`,
              t,
            );
          if (seen[t] === s * A + a)
            throw new InvalidProblemError(
              `problem.transitions[${a}] (state ${s})`,
              "a row with each next state at most once",
              `state ${t} twice`,
              false,
            );
          seen[t] = s * A + a;
          const p = matrix.probabilities[k];
          if (!isProbability(p)) {
            throw notProbability(`problem.transitions[${a}].probabilities[${k}] (state ${s}, next state ${t})`, p);
          }
          sum += p;
          columnIndices[at] = t;
          probabilities[at] = p;
          at++;
        }
        checkRowSum(a, s, sum);
        rowPointers[s * A + a + 1] = at;
      }
    }
  } else {
    const outer = nestedRow(
      "problem.transitions",
      transitions,
      A,
      `A x S x S = ${A} x ${S} x ${S} nested arrays, a Float64Array of length ${A * S * S}, or ${A} sparse matrices`,
    );
    dense = new Float64Array(A * S * S);
    for (let a = 0; a < A; a++) {
      const matrix = nestedRow(`problem.transitions[${a}]`, outer[a], S, `${S} rows of ${S} probabilities`);
      for (let s = 0; s < S; s++) {
        const row = nestedRow(`problem.transitions[${a}][${s}]`, matrix[s], S, `${S} probabilities`);
        let sum = 0;
        for (let t = 0; t < S; t++) {
          const p = row[t];
          if (!isProbability(p)) throw notProbability(`problem.transitions[${a}][${s}][${t}]`, p);
          dense[(a * S + s) * S + t] = p;
          sum += p;
        }
        checkRowSum(a, s, sum);
      }
    }
  }
  return { dense, rowPointers, columnIndices, probabilities };
}
