import { anyOf } from "./combine-criteria.js";
import type { Criterion } from "./criterion.js";
import type { DivergenceMemory } from "./divergence.js";
import { growsBeyond, nonFinite } from "./divergence.js";
import { hasMeasured } from "./test-memory.js";

/**
 * A criterion that behaves exactly as `reference` (label, memory, reports) with a hand-fused `check`: one
 * function that reads the state's fields directly, where the composed test calls a leaf and a measure per
 * leaf. A solver uses it for its default test, which runs at every iteration; `check` must write the same
 * memory and return the same answer as `reference.check` for every state (a property test compares them).
 *
 * @param reference - The composed test whose label, memory and reports the result keeps.
 * @param check - The fused check, on the memory that `reference.init()` makes.
 * @returns The criterion.
 */
export function withFusedCheck<S, M>(reference: Criterion<S, M>, check: Criterion<S, M>["check"]): Criterion<S, M> {
  return {
    label: reference.label,
    init: (context) => reference.init(context),
    check,
    report: (memory) => reference.report(memory),
  };
}

/** What {@link objectiveDivergence} reads. */
export interface ObjectiveProgress {
  /** The objective at the current iterate. */
  readonly f: number;
  /** The gradient's infinity norm there. */
  readonly gradientNorm: number;
}

/**
 * The divergence test of the descent methods (gradient descent, Newton minimisation, BFGS): `f` or the
 * gradient norm not finite, or the gradient norm beyond `divergenceTolerance` times its initial value. It
 * is `anyOf(nonFinite(f), nonFinite(|grad|), growsBeyond(|grad|, divergenceTolerance))` with one fused check.
 *
 * @param divergenceTolerance - A finite number >= 1.
 * @returns The test.
 * @throws `InvalidOptionError` for a factor below 1 or NaN.
 */
export function objectiveDivergence<S extends ObjectiveProgress>(divergenceTolerance: number): Criterion<S> {
  const reference = anyOf(
    nonFinite((state: S) => state.f, { name: "f" }),
    nonFinite((state: S) => state.gradientNorm, { name: "|grad|" }),
    growsBeyond((state: S) => state.gradientNorm, divergenceTolerance, { name: "|grad|" }),
  ) as Criterion<S, DivergenceMemory[]>;
  return withFusedCheck(reference, (state, context, memory) => {
    const iteration = context.iteration;
    const f = state.f;
    const norm = state.gradientNorm;
    let held = checkFinite(memory[0] as DivergenceMemory, f, iteration);
    if (norm === undefined) {
      // Neither gradient leaf measures: each keeps its answer (as a measure returning undefined does).
      return held || (memory[1] as DivergenceMemory).met || (memory[2] as DivergenceMemory).met;
    }
    held = checkFinite(memory[1] as DivergenceMemory, norm, iteration) || held;
    const growth = memory[2] as DivergenceMemory;
    if (!hasMeasured(growth)) growth.reference = divergenceTolerance * Math.abs(norm);
    growth.value = norm;
    growth.iteration = iteration;
    growth.met = !(Math.abs(norm) <= growth.reference);
    return growth.met || held;
  }) as Criterion<S>;
}

/** `nonFinite`'s check of a measured number (a measure returning `undefined` keeps the last answer). */
export function checkFinite(memory: DivergenceMemory, value: number | undefined, iteration: number): boolean {
  if (value === undefined) return memory.met;
  memory.value = value;
  memory.iteration = iteration;
  memory.met = !Number.isFinite(value);
  return memory.met;
}
