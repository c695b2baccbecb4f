import { InvalidProblemError } from "../../src/index.js";
import { returnedVector } from "../../src/engine/internals.js";
import type { DescentProblem, InPlaceObjectiveProblem, ObjectiveProblem } from "./types.js";

const returnedPath = "problem.gradient(x)";
const inPlacePath = "problem.gradientInto(x, out)";

/**
 * The 32-bit word written twice into each entry of the array handed to `gradientInto` before the call: the
 * double it makes (in either word order) is a NaN no arithmetic produces (arithmetic makes the default NaN),
 * so an entry that still holds it after the call was not written.
 */
const unwrittenWord = 0x7ff5a5a5;

/**
 * Reads a problem's gradient into an array, whichever form the problem gives it in, with the checks of
 * `returnedVector`: `gradient(x)` returns a new array (copied), `gradientInto(x, out)` writes into a scratch
 * array of its own, which is then checked for entries left unwritten and copied.
 */
export class GradientReader {
  /** Whether the problem writes its gradient in place; its functions are called as its methods (`this` is it). */
  private readonly inPlace: boolean;
  /** What `gradientInto` writes into, and its words (to mark every entry unwritten before each call). */
  private readonly scratch: Float64Array;
  private readonly words: Uint32Array;

  constructor(
    private readonly problem: DescentProblem,
    n: number,
  ) {
    this.inPlace = problem.gradientInto !== undefined;
    this.scratch = new Float64Array(this.inPlace ? n : 0);
    this.words = new Uint32Array(this.scratch.buffer);
  }

  /** Writes the gradient at `x` into `out` (checked as described above). */
  read(x: Float64Array, out: Float64Array): void {
    if (this.inPlace) this.readInPlace(this.problem as InPlaceObjectiveProblem, x, out);
    else returnedVector((this.problem as ObjectiveProblem).gradient(x), out, returnedPath);
  }

  private readInPlace(problem: InPlaceObjectiveProblem, x: Float64Array, out: Float64Array): void {
    const { scratch, words } = this;
    // A loop, not fill(): for a few entries the builtin call costs more than the writes.
    for (let w = 0; w < words.length; w++) words[w] = unwrittenWord;
    const result: unknown = problem.gradientInto(x, scratch);
    if (result !== undefined && result !== scratch) {
      returnedVector(result, out, inPlacePath);
      return;
    }
    for (let i = 0; i < out.length; i++) {
      const entry = scratch[i] as number;
      if (Number.isNaN(entry) && words[2 * i] === unwrittenWord && words[2 * i + 1] === unwrittenWord) {
        throw unwritten(i, out.length);
      }
      out[i] = entry;
    }
  }
}

function unwritten(index: number, n: number): InvalidProblemError {
  const expected = `a function that writes every entry of out (or returns an array of ${n} numbers)`;
  return new InvalidProblemError(inPlacePath, expected, `out[${index}] left unwritten`, false);
}

/** Checks the gradient's form: a function `gradient` or a function `gradientInto`, exactly one of them. */
export function checkGradientForm(problem: DescentProblem): void {
  const { gradient, gradientInto } = problem as { gradient?: unknown; gradientInto?: unknown };
  if (gradientInto === undefined) {
    if (typeof gradient !== "function")
      throw new InvalidProblemError("problem.gradient", "a function of a Float64Array", gradient);
    return;
  }
  if (gradient !== undefined) {
    const expected = "undefined when problem.gradientInto is given (give one form of the gradient)";
    throw new InvalidProblemError("problem.gradient", expected, gradient);
  }
  if (typeof gradientInto !== "function") {
    throw new InvalidProblemError("problem.gradientInto", "a function of (x, out) writing into out", gradientInto);
  }
}
