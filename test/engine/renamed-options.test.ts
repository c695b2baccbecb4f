import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gaussSeidel } from "../../solvers/gauss-seidel/index.js";
import { gaussianMixture } from "../../solvers/gaussian-mixture/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { hamerlyKMeans, kmeans, miniBatchKMeans } from "../../solvers/kmeans/index.js";
import { conjugateGradient } from "../../solvers/krylov/index.js";
import { iterativeEvaluation, policyIteration, spanRule, supNormRule, toleranceRule } from "../../solvers/mdp/index.js";
import { bfgs, bisection, halley, newton, newtonMinimize, newtonSystem } from "../../solvers/newton/index.js";
import { reduceOnPlateau } from "../../solvers/neural/index.js";

/** A factory called with one option of an earlier version, the old name, its new name and the hint's note. */
interface RenamedCase {
  readonly owner: string;
  readonly call: (options: Record<string, unknown>) => unknown;
  readonly old: string;
  readonly now: string;
  readonly note: string;
}

const cases: readonly RenamedCase[] = [
  { owner: "fixedPoint", call: fixedPoint, old: "divergenceFactor", now: "divergenceTolerance", note: "PETSc's dtol" },
  { owner: "gaussSeidel", call: gaussSeidel, old: "divergenceFactor", now: "divergenceTolerance", note: "dtol" },
  {
    owner: "conjugateGradient",
    call: conjugateGradient,
    old: "divergenceFactor",
    now: "divergenceTolerance",
    note: "dtol",
  },
  {
    owner: "gradientDescent",
    call: gradientDescent,
    old: "divergenceFactor",
    now: "divergenceTolerance",
    note: "dtol",
  },
  { owner: "halley", call: halley, old: "divergenceFactor", now: "divergenceTolerance", note: "dtol" },
  { owner: "newton", call: newton, old: "residualTolerance", now: "absTolerance", note: "the same residual test" },
  { owner: "newton", call: newton, old: "stepTolerance", now: "stepAbsTolerance", note: "the same step test" },
  { owner: "newtonSystem", call: newtonSystem, old: "relativeStepTolerance", now: "stepRelTolerance", note: "step" },
  { owner: "bisection", call: bisection, old: "stepTolerance", now: "stepAbsTolerance", note: "the same step test" },
  { owner: "bisection", call: bisection, old: "residualTolerance", now: "absTolerance", note: "residual" },
  { owner: "bfgs", call: bfgs, old: "gradientTolerance", now: "absTolerance", note: "the same gradient-norm test" },
  { owner: "gradientDescent", call: gradientDescent, old: "gradientTolerance", now: "absTolerance", note: "gradient" },
  { owner: "newtonMinimize", call: newtonMinimize, old: "stepTolerance", now: "stepAbsTolerance", note: "step" },
  {
    owner: "newtonMinimize",
    call: newtonMinimize,
    old: "relativeFunctionTolerance",
    now: "functionRelTolerance",
    note: "the same relative change of f",
  },
  { owner: "kmeans", call: kmeans, old: "tolerance", now: "relTolerance", note: "relative to the data's variance" },
  { owner: "hamerlyKMeans", call: hamerlyKMeans, old: "tolerance", now: "relTolerance", note: "centroid shift" },
  { owner: "miniBatchKMeans", call: miniBatchKMeans, old: "tolerance", now: "relTolerance", note: "centroid shift" },
  {
    owner: "gaussianMixture",
    call: (options) => gaussianMixture({ k: 1, ...options }),
    old: "tolerance",
    now: "absTolerance",
    note: "log-likelihood gain",
  },
  { owner: "supNormRule", call: supNormRule, old: "epsilon", now: "absTolerance", note: "the same epsilon-optimality" },
  { owner: "spanRule", call: spanRule, old: "epsilon", now: "absTolerance", note: "the same epsilon-optimality" },
  { owner: "policyIteration", call: policyIteration, old: "epsilon", now: "absTolerance", note: "epsilon-optimality" },
  { owner: "toleranceRule", call: toleranceRule, old: "tolerance", now: "absTolerance", note: "the same ||dV|| test" },
  { owner: "iterativeEvaluation", call: iterativeEvaluation, old: "tolerance", now: "absTolerance", note: "||dV||" },
  { owner: "reduceOnPlateau", call: reduceOnPlateau, old: "mode", now: "direction", note: `"min" is "minimize"` },
  { owner: "reduceOnPlateau", call: reduceOnPlateau, old: "threshold", now: "minRelativeDelta", note: "give minDelta" },
  { owner: "reduceOnPlateau", call: reduceOnPlateau, old: "thresholdMode", now: "minDelta", note: "minRelativeDelta" },
];

describe("renamed options (issue 15)", () => {
  it.each(cases)("$owner: $old is an error that names $now", ({ owner, call, old, now, note }) => {
    let thrown: unknown;
    try {
      call({ [old]: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect(thrown).toMatchObject({ option: old, suggestion: now });
    expect((thrown as Error).message).toMatch(`${old} is not an option of ${owner}; ${old} was renamed ${now} (`);
    expect((thrown as Error).message).toContain(note);
  });
});
