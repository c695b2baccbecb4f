import { describe, expect, it } from "vitest";
import { InvalidOptionError, iterate, lineLogger, solve } from "../../src/index.js";
import { anyValue, closestName, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { jacobi, poisson1d, sor } from "../../solvers/gauss-seidel/index.js";
import { fitGaussianMixture, fullCovariance, gaussianMixture } from "../../solvers/gaussian-mixture/index.js";
import { cosineDecay, neuralNetwork, trainNetwork } from "../../solvers/neural/index.js";
import { xorProblem } from "../solvers/neural/fixtures.js";

describe("strict options (issue 14)", () => {
  it("stops iterate before the first step when maxIterations is misspelt", () => {
    let updates = 0;
    const update = (x: number): number => {
      updates += 1;
      return x;
    };
    expect(() => iterate(0, { update, maxIteration: 5 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIteration is not an option of iterate; did you mean maxIterations? (options: update, maxIterations, maxEpochs, epochLength, timeLimitMs, clock, seed, yieldEveryMs, converged, diverged, signal, hooks, trace)]`,
    );
    expect(updates).toBe(0);
  });

  it("rejects fixedPoint's tolerance, which is spelt absTolerance", () => {
    expect(() => fixedPoint({ tolerance: 1e-3 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance is not an option of fixedPoint; did you mean absTolerance? (options: absTolerance, relaxation, maxIterations, divergenceTolerance)]`,
    );
  });

  it("rejects trainNetwork's epochs, which is spelt maxEpochs, before any training", async () => {
    const training = trainNetwork(neuralNetwork({ layers: [{ units: 2 }] }), xorProblem(), { epochs: 1 } as never);
    await expect(training).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: epochs is not an option of trainNetwork; did you mean maxEpochs? (options: seed, maxEpochs, backend, hooks, timeLimitMs, signal, log, threads)]`,
    );
  });

  it("rejects jacobi's omega, which is spelt relaxation", () => {
    expect(() => jacobi({ omega: 0.5 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: omega is not an option of jacobi; did you mean relaxation? (options: relTolerance, absTolerance, divergenceTolerance, maxIterations, spectralRadiusWindow, stencilKernel, checkInterval, relaxation)]`,
    );
  });

  it("rejects gaussianMixture's covarianceType, which is spelt covariance", () => {
    const options = { k: 2, covarianceType: fullCovariance() };
    expect(() => gaussianMixture(options as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: covarianceType is not an option of gaussianMixture; did you mean covariance? (options: k, covariance, regCovar, absTolerance, maxIterations, init)]`,
    );
    // fitGaussianMixture takes the solver's options through the solver, so there it is not an option at all.
    expect(() =>
      fitGaussianMixture(gaussianMixture({ k: 2 }), [[0], [1]], options as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k is not an option of fitGaussianMixture (options: nInit, seed, threads)]`,
    );
  });

  it("types sor() without options as a missing relaxation, not a TypeError", () => {
    expect(() => (sor as (options?: unknown) => unknown)()).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got undefined]`,
    );
    expect(() => (sor as (options?: unknown) => unknown)()).toThrow(InvalidOptionError);
  });

  it("knows at sor's entry point the names it forwards to the shared solver", () => {
    expect(() => sor({ relaxation: 1.5, relTolerance: 1e-6, maxIterations: 50 })).not.toThrow();
    expect(() => sor({ relaxation: 1.5, relTol: 1e-6 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relTol is not an option of sor; did you mean relTolerance? (options: relTolerance, absTolerance, divergenceTolerance, maxIterations, spectralRadiusWindow, stencilKernel, checkInterval, relaxation)]`,
    );
  });

  it("names nested objects by their path", () => {
    const problem = { matrix: poisson1d(3), b: [1, 1, 1] };
    expect(() => solve(jacobi(), problem, { trace: { evry: 2 } } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: trace.evry is not an option of solve; did you mean trace.every? (options: record, every, maxLength)]`,
    );
    const hooks = [lineLogger(), { onStep() {} }];
    expect(() => solve(jacobi(), problem, { hooks } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: hooks[1].onStep is not an option of solve; did you mean hooks[1].onStop? (options: onStart, onIteration, onEpochEnd, onStop)]`,
    );
    expect(() => neuralNetwork({ layers: [{ unit: 2 }] } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: layers[0].unit is not an option of a dense layer; did you mean layers[0].units? (options: units, activation)]`,
    );
    expect(() =>
      neuralNetwork({ layers: [{ units: 2 }], earlyStopping: { patience: 2, restoreBest: true } } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: earlyStopping.restoreBest is not an option of neuralNetwork; did you mean earlyStopping.restoreBestWeights? (options: patience, minDelta, monitor, restoreBestWeights)]`,
    );
    const schedule = { initial: 0.1, decaySteps: 10, restarts: { period: 2 } };
    expect(() => cosineDecay(schedule as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: restarts.period is not an option of cosineDecay; did you mean restarts.periodMultiplier? (options: periodMultiplier, rateMultiplier)]`,
    );
  });

  it("rejects a misspelt solve option and keeps the right ones", () => {
    const problem = { map: Math.cos, x0: 1 };
    expect(() => solve(fixedPoint(), problem, { maxIteration: 3 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIteration is not an option of solve; did you mean maxIterations? (options: maxIterations, maxEpochs, epochLength, timeLimitMs, clock, seed, yieldEveryMs, converged, diverged, signal, hooks, trace, resumeFrom, threads, kernelPool)]`,
    );
    expect(solve(fixedPoint(), problem, { maxIterations: 3 }).iterations).toBe(3);
  });
});

describe("OptionSchemaOf", () => {
  it("makes a rule list that misses or adds a name a compile error", () => {
    interface ExampleOptions {
      readonly tolerance?: number;
      readonly maxIterations?: number;
    }
    // @ts-expect-error maxIterations has no rule
    const missing = { tolerance: anyValue } satisfies OptionSchemaOf<ExampleOptions>;
    const extra = {
      tolerance: anyValue,
      maxIterations: anyValue,
      // @ts-expect-error maxIteration is not an option of ExampleOptions
      maxIteration: anyValue,
    } satisfies OptionSchemaOf<ExampleOptions>;
    const rules = { tolerance: anyValue, maxIterations: anyValue } satisfies OptionSchemaOf<ExampleOptions>;
    expect(Object.keys(missing)).toEqual(["tolerance"]);
    expect(Object.keys(extra)).toHaveLength(3);
    expect(() => validateStrictOptions({ maxIteration: 1 }, rules, "example")).toThrow(/did you mean maxIterations/);
  });
});

describe("closestName", () => {
  it("lets a name one edit away win over a name the typo contains", () => {
    expect(closestName("thresholdMde", ["threshold", "thresholdMode"])).toBe("thresholdMode");
    expect(closestName("iknit", ["k", "init"])).toBe("init");
    // "stpeAbsTolerance" contains absTolerance but is one swap from stepAbsTolerance.
    expect(closestName("stpeAbsTolerance", ["absTolerance", "stepAbsTolerance"])).toBe("stepAbsTolerance");
  });
});
