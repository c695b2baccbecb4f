// Property: a stopping test with a fused check (one function reading the state's fields) behaves exactly as
// the composed test it replaces: the same answer, memory and reports after every check of any sequence of
// measurements, NaN, infinities and unmeasured values included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absChange, anyOf, below, confirmedBy, growsBeyond, nonFinite } from "../../src/index.js";
import type { Criterion, IterationContext } from "../../src/index.js";
import { objectiveDivergence } from "../../src/engine/internals.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import type { FixedPointState } from "../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { newtonMinimize } from "../../solvers/newton/index.js";

/** Any number a state may hold, the special values often. */
const value = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 1e308, -1e-308),
  fc.double({ min: -10, max: 10, noNaN: true }),
);

/** Runs both tests over the states, comparing answers, memories and reports after each check. */
function checkAlike<S>(fused: Criterion<S>, composed: Criterion<S>, states: readonly S[]): void {
  expect(fused.label).toBe(composed.label);
  const fusedMemory = fused.init();
  const composedMemory = composed.init();
  expect(fusedMemory).toEqual(composedMemory);
  states.forEach((state, iteration) => {
    const context = { iteration } as IterationContext;
    expect(fused.check(state, context, fusedMemory)).toBe(composed.check(state, context, composedMemory));
    expect(fusedMemory).toEqual(composedMemory);
    expect(fused.report(fusedMemory)).toEqual(composed.report(composedMemory));
  });
}

/** The composed test that objectiveDivergence fuses. */
type Progress = { f: number; gradientNorm: number };
function composedObjectiveDivergence(tolerance: number): Criterion<Progress> {
  return anyOf(
    nonFinite((state: Progress) => state.f, { name: "f" }),
    nonFinite((state: Progress) => state.gradientNorm, { name: "|grad|" }),
    growsBeyond((state: Progress) => state.gradientNorm, tolerance, { name: "|grad|" }),
  );
}

describe("fused stopping tests", () => {
  it("objectiveDivergence checks as anyOf(nonFinite(f), nonFinite(|grad|), growsBeyond(|grad|))", () => {
    const states = fc.array(fc.record({ f: value, gradientNorm: value }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), states, (tolerance, sequence) => {
        checkAlike(objectiveDivergence(tolerance), composedObjectiveDivergence(tolerance), sequence);
      }),
      { numRuns: 300 },
    );
  });

  it("objectiveDivergence keeps each leaf's answer while the gradient norm is not measured", () => {
    const states = fc.array(fc.record({ f: value, gradientNorm: fc.option(value, { nil: undefined }) }), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(states, (sequence) => {
        const typed = sequence as { f: number; gradientNorm: number }[];
        checkAlike(objectiveDivergence(1e8), composedObjectiveDivergence(1e8), typed);
      }),
      { numRuns: 200 },
    );
  });

  it("gradient descent and Newton minimisation use it: their divergence test is the composed one", () => {
    const sequence = [
      { f: 1, gradientNorm: 2 },
      { f: 0.5, gradientNorm: 3e8 },
      { f: Number.NaN, gradientNorm: 1 },
    ];
    for (const solver of [gradientDescent({ divergenceTolerance: 1e8 }), newtonMinimize()]) {
      checkAlike(solver.divergence as Criterion<unknown>, composedObjectiveDivergence(1e8), sequence);
    }
  });

  it("fixed point's divergence test checks as anyOf(nonFinite(x), growsBeyond(|dx|))", () => {
    const states = fc.array(fc.record({ x: value, step: fc.option(value, { nil: undefined }) }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), states, (tolerance, sequence) => {
        const composed = anyOf(
          nonFinite((state: FixedPointState) => state.x, { name: "x" }),
          growsBeyond(
            (state: FixedPointState) => (state.step === undefined ? undefined : Math.abs(state.step)),
            tolerance,
            { name: "|dx|" },
          ),
        );
        const fused = fixedPoint({ divergenceTolerance: tolerance }).divergence as Criterion<FixedPointState>;
        const full = sequence.map(({ x, step }) => ({ x, step, stepRatio: undefined, evaluations: 0 }));
        checkAlike(fused, composed, full);
      }),
      { numRuns: 300 },
    );
  });

  it("fixed point's convergence test checks as absChange(x)", () => {
    const states = fc.array(fc.record({ x: value }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), states, (tolerance, sequence) => {
        const composed = absChange((state: FixedPointState) => state.x, tolerance, { name: "x" });
        const fused = fixedPoint({ absTolerance: tolerance }).convergence as Criterion<FixedPointState>;
        const full = sequence.map(({ x }) => ({ x, step: undefined, stepRatio: undefined, evaluations: 0 }));
        checkAlike(fused, composed, full);
      }),
      { numRuns: 300 },
    );
  });

  it("Newton minimisation's convergence test checks as anyOf(below(|grad|), confirmed changes)", () => {
    type Progress = { gradientNorm: number; stepNorm: number | undefined; functionChange: number | undefined };
    const measured = fc.option(value, { nil: undefined });
    const states = fc.array(fc.record({ gradientNorm: value, stepNorm: measured, functionChange: measured }), {
      maxLength: 12,
    });
    const tolerance = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(
        tolerance,
        tolerance,
        tolerance,
        states,
        (absTolerance, stepAbsTolerance, functionRelTolerance, sequence) => {
          const gradientNorm = (state: Progress) => state.gradientNorm;
          const confirmed = (change: Criterion<Progress>) =>
            absTolerance === 0 ? change : confirmedBy(change, gradientNorm, 1000 * absTolerance, { name: "|grad|" });
          const composed = anyOf(
            below(gradientNorm, absTolerance, { name: "|grad|" }),
            confirmed(below((state: Progress) => state.stepNorm, stepAbsTolerance, { name: "||dx||" })),
            confirmed(below((state: Progress) => state.functionChange, functionRelTolerance, { name: "|df|/|f|" })),
          );
          const options = { absTolerance, stepAbsTolerance, functionRelTolerance };
          const fused = newtonMinimize(options).convergence as Criterion<Progress>;
          checkAlike(fused, composed, sequence as Progress[]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
