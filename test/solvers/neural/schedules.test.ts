import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../../src/index.js";
import {
  constantRate,
  cosineDecay,
  exponentialDecay,
  reduceOnPlateau,
  stepDecay,
  warmup,
} from "../../../solvers/neural/index.js";
import type { PlateauState } from "../../../solvers/neural/index.js";

describe("constantRate", () => {
  it("returns the same rate at every step", () => {
    const schedule = constantRate(0.01);
    expect([0, 1, 1000].map((step) => schedule.rateAt(step))).toEqual([0.01, 0.01, 0.01]);
    expect(schedule.name).toBe("constantRate(0.01)");
  });

  it("rejects a negative rate", () => {
    expect(() => constantRate(-1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: rate must be a finite number >= 0, got -1]`,
    );
  });
});

describe("stepDecay", () => {
  // PyTorch StepLR: initial * factor^floor(step / every).
  it("multiplies by factor every `every` steps", () => {
    const schedule = stepDecay({ initial: 0.1, factor: 0.5, every: 10 });
    expect(schedule.rateAt(0)).toBe(0.1);
    expect(schedule.rateAt(9)).toBe(0.1);
    expect(schedule.rateAt(10)).toBeCloseTo(0.05, 15);
    expect(schedule.rateAt(25)).toBeCloseTo(0.025, 15);
  });

  it("rejects every = 0", () => {
    expect(() => stepDecay({ initial: 0.1, factor: 0.5, every: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: every must be an integer >= 1, got 0]`,
    );
  });
});

describe("exponentialDecay", () => {
  // Keras ExponentialDecay: initial * decayRate^(step / decaySteps), floored exponent with staircase.
  it("decays continuously by decayRate per decaySteps", () => {
    const schedule = exponentialDecay({ initial: 0.1, decayRate: 0.5, decaySteps: 10 });
    expect(schedule.rateAt(0)).toBe(0.1);
    expect(schedule.rateAt(5)).toBeCloseTo(0.1 * Math.SQRT1_2, 15);
    expect(schedule.rateAt(20)).toBeCloseTo(0.025, 15);
  });

  it("holds the rate between multiples of decaySteps with staircase", () => {
    const schedule = exponentialDecay({ initial: 0.1, decayRate: 0.5, decaySteps: 10, staircase: true });
    expect(schedule.rateAt(9)).toBe(0.1);
    expect(schedule.rateAt(10)).toBeCloseTo(0.05, 15);
    expect(schedule.rateAt(19)).toBeCloseTo(0.05, 15);
  });

  it("rejects decayRate = 0", () => {
    expect(() => exponentialDecay({ initial: 0.1, decayRate: 0, decaySteps: 10 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: decayRate must be a finite number > 0, got 0]`,
    );
  });
});

describe("cosineDecay", () => {
  // min + (initial - min) * (1 + cos(pi * min(t, T) / T)) / 2
  it("starts at initial, is halfway at T/2 and reaches the minimum at T", () => {
    const schedule = cosineDecay({ initial: 0.1, decaySteps: 100, minimum: 0.01 });
    expect(schedule.rateAt(0)).toBeCloseTo(0.1, 15);
    expect(schedule.rateAt(50)).toBeCloseTo(0.055, 15);
    expect(schedule.rateAt(25)).toBeCloseTo(0.01 + (0.09 * (1 + Math.cos(Math.PI / 4))) / 2, 15);
    expect(schedule.rateAt(100)).toBeCloseTo(0.01, 15);
    expect(schedule.rateAt(1000)).toBeCloseTo(0.01, 15);
  });

  it("restarts from the peak after each period with SGDR (period x2, peak x0.5)", () => {
    // Keras CosineDecayRestarts(first_decay_steps=10, t_mul=2, m_mul=0.5, alpha=0): periods [0,10), [10,30), [30,70).
    const schedule = cosineDecay({
      initial: 1,
      decaySteps: 10,
      restarts: { periodMultiplier: 2, rateMultiplier: 0.5 },
    });
    expect(schedule.rateAt(5)).toBeCloseTo(0.5, 12);
    expect(schedule.rateAt(10)).toBeCloseTo(0.5, 12); // restart 1: peak 0.5
    expect(schedule.rateAt(20)).toBeCloseTo(0.25, 12); // half of a 20-step period
    expect(schedule.rateAt(30)).toBeCloseTo(0.25, 12); // restart 2: peak 0.25
    expect(schedule.rateAt(29)).toBeCloseTo((0.5 * (1 + Math.cos((Math.PI * 19) / 20))) / 2, 12);
  });

  it("restarts with equal periods when periodMultiplier is 1", () => {
    const schedule = cosineDecay({ initial: 1, decaySteps: 4, restarts: { periodMultiplier: 1 } });
    expect(schedule.rateAt(2)).toBeCloseTo(0.5, 12);
    expect(schedule.rateAt(4)).toBeCloseTo(1, 12);
    expect(schedule.rateAt(402)).toBeCloseTo(0.5, 12);
  });

  it("rejects a minimum above initial", () => {
    expect(() => cosineDecay({ initial: 0.1, decaySteps: 10, minimum: 0.2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: minimum must be a number in [0, 0.1], got 0.2]`,
    );
  });

  it("rejects a period multiplier below 1", () => {
    expect(() =>
      cosineDecay({ initial: 0.1, decaySteps: 10, restarts: { periodMultiplier: 0.5 } }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: restarts.periodMultiplier must be a finite number >= 1, got 0.5]`,
    );
  });
});

describe("warmup", () => {
  // PyTorch LinearLR: target * (s + (1 - s) * t / W) for t < W, then then.rateAt(t - W).
  it("ramps linearly to the target and then follows the schedule", () => {
    const schedule = warmup({ steps: 10, then: stepDecay({ initial: 0.1, factor: 0.5, every: 5 }), startFactor: 0 });
    expect(schedule.rateAt(0)).toBe(0);
    expect(schedule.rateAt(5)).toBeCloseTo(0.05, 15);
    expect(schedule.rateAt(9)).toBeCloseTo(0.09, 15);
    expect(schedule.rateAt(10)).toBeCloseTo(0.1, 15);
    expect(schedule.rateAt(15)).toBeCloseTo(0.05, 15);
  });

  it("starts at a third of a constant target by default", () => {
    const schedule = warmup({ steps: 3, then: 0.3 });
    expect(schedule.rateAt(0)).toBeCloseTo(0.1, 15);
    expect(schedule.rateAt(1)).toBeCloseTo(0.1 + 0.2 / 3, 15);
    expect(schedule.rateAt(3)).toBe(0.3);
  });

  it("rejects a start factor above 1", () => {
    expect(() => warmup({ steps: 3, then: 0.3, startFactor: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: startFactor must be a number in [0, 1], got 2]`,
    );
  });

  it("rejects a `then` that is not a schedule", () => {
    expect(() => warmup({ steps: 3, then: {} as never })).toThrow(InvalidOptionError);
  });
});

describe("reduceOnPlateau", () => {
  const run = (values: readonly number[], options: Parameters<typeof reduceOnPlateau>[0]): PlateauState[] => {
    const plateau = reduceOnPlateau(options);
    const states: PlateauState[] = [];
    let state = plateau.initial();
    for (const value of values) {
      state = plateau.update(state, value);
      states.push(state);
    }
    return states;
  };

  it("reduces the scale after exactly patience + 1 bad checks", () => {
    // best = 1 after the first check; then 3 non-improving checks with patience 2: the third reduces.
    const states = run([1, 1, 1, 1], { patience: 2, factor: 0.5 });
    expect(states.map((state) => state.scale)).toEqual([1, 1, 1, 0.5]);
    expect(states[3]?.reductions).toBe(1);
    expect(states[3]?.badChecks).toBe(0);
  });

  it("counts a relative improvement smaller than the threshold as bad", () => {
    // 1 * (1 - 1e-4) = 0.9999: 0.99995 is not better, 0.9998 is.
    const states = run([1, 0.99995, 0.9998], { patience: 5 });
    expect(states.map((state) => state.badChecks)).toEqual([0, 1, 0]);
    expect(states[2]?.best).toBe(0.9998);
  });

  it("uses an absolute threshold, minDelta, when maximising", () => {
    const states = run([0.5, 0.55, 0.7], { direction: "maximize", minDelta: 0.1, patience: 5 });
    expect(states.map((state) => state.badChecks)).toEqual([0, 1, 0]);
    expect(states.map((state) => state.best)).toEqual([0.5, 0.5, 0.7]);
  });

  it("uses a relative threshold, minRelativeDelta, when maximising", () => {
    // 0.5 * (1 + 0.2) = 0.6: 0.59 is not better, 0.61 is.
    const states = run([0.5, 0.59, 0.61], { direction: "maximize", minRelativeDelta: 0.2, patience: 5 });
    expect(states.map((state) => state.badChecks)).toEqual([0, 1, 0]);
  });

  it("counts an absolute minDelta from the best value when minimising (not relative to it)", () => {
    // best 100: 99.95 improves by 0.05 < minDelta 0.1 (bad); 99.85 by 0.15 (good). Relative 1e-4 would take both.
    const states = run([100, 99.95, 99.85], { minDelta: 0.1, patience: 5 });
    expect(states.map((state) => state.badChecks)).toEqual([0, 1, 0]);
  });

  it("rejects minDelta and minRelativeDelta together", () => {
    expect(() => reduceOnPlateau({ minDelta: 0.1, minRelativeDelta: 0.1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: minRelativeDelta must be left out when minDelta is given (one threshold: absolute minDelta or relative minRelativeDelta), got 0.1]`,
    );
  });

  it("rejects the names of earlier versions with a hint to the engine's words", () => {
    expect(() => reduceOnPlateau({ mode: "max" } as never)).toThrow(
      `mode is not an option of reduceOnPlateau; mode was renamed direction (patience's word: "min" is "minimize", "max" "maximize")`,
    );
    expect(() => reduceOnPlateau({ threshold: 0.1 } as never)).toThrow(
      "threshold is not an option of reduceOnPlateau; threshold was renamed minRelativeDelta",
    );
    expect(() => reduceOnPlateau({ thresholdMode: "absolute" } as never)).toThrow(
      "thresholdMode is not an option of reduceOnPlateau; thresholdMode was renamed minDelta",
    );
  });

  it("ignores bad checks during the cooldown", () => {
    // patience 0: each bad check reduces, except the 2 checks of cooldown after each reduction.
    const states = run([1, 2, 2, 2, 2, 2], { patience: 0, cooldown: 2, factor: 0.5 });
    expect(states.map((state) => state.scale)).toEqual([1, 0.5, 0.5, 0.5, 0.25, 0.25]);
    expect(states.map((state) => state.cooldownLeft)).toEqual([0, 2, 1, 0, 2, 1]);
  });

  it("never goes below minScale, and stops counting reductions there", () => {
    const states = run([1, 2, 2, 2, 2], { patience: 0, factor: 0.1, minScale: 0.05 });
    expect(states.map((state) => state.scale)).toEqual([1, 0.1, 0.05, 0.05, 0.05]);
    expect(states[4]?.reductions).toBe(2);
  });

  it("treats NaN as no improvement", () => {
    const states = run([1, Number.NaN], { patience: 3 });
    expect(states[1]?.badChecks).toBe(1);
    expect(states[1]?.best).toBe(1);
  });

  it("rejects factor = 1", () => {
    expect(() => reduceOnPlateau({ factor: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: factor must be a number in (0, 1), got 1]`,
    );
  });

  it("rejects an unknown direction", () => {
    expect(() => reduceOnPlateau({ direction: "up" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: direction must be one of "minimize", "maximize", got "up"]`,
    );
  });
});
