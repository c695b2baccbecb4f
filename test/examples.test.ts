import { describe, expect, it } from "vitest";
import * as checkpointResume from "../examples/checkpoint-resume.js";
import * as customSolver from "../examples/custom-solver.js";
import * as earlyStopping from "../examples/early-stopping.js";
import * as fixedPointCosine from "../examples/fixed-point-cosine.js";
import * as gradientDescentRate from "../examples/gradient-descent-rate.js";
import * as logging from "../examples/logging.js";
import * as stepThrough from "../examples/step-through.js";

// Every example runs here, so none can rot; each asserts the point it teaches.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("examples", () => {
  it("fixed-point-cosine: relaxation turns ~80 linear steps into 5 quadratic ones", () => {
    const lines: string[] = [];
    const outcome = fixedPointCosine.main(quiet(lines));
    expect(outcome.x).toBeCloseTo(0.7390851332151607, 15);
    expect(outcome.plainIterations).toBeGreaterThan(70);
    expect(outcome.relaxedIterations).toBeLessThanOrEqual(6);
    expect(lines.length).toBeGreaterThan(10);
  });

  it("gradient-descent-rate: the fixed step takes exactly the predicted iterations", () => {
    for (const row of gradientDescentRate.main(quiet([]))) {
      expect(row.fixed).toBe(row.predicted);
      expect(row.inPlace).toBe(row.fixed);
      expect(row.backtracking).toBeLessThan(row.predicted * 1.5);
    }
  });

  it("custom-solver: power iteration finds lambda = 4 at the rate (2/4)^2", () => {
    const outcome = customSolver.main(quiet([]));
    expect(outcome.eigenvalue).toBeCloseTo(4, 11);
    expect(outcome.lastRatio).toBeCloseTo(0.25, 2);
  });

  it("step-through: Heron's iterates double their correct digits", () => {
    const { iterates } = stepThrough.main(quiet([]));
    [1, 3 / 2, 17 / 12, 577 / 408].forEach((exact, k) => expect(iterates[k]).toBeCloseTo(exact, 15));
    expect(iterates.at(-1)).toBeCloseTo(Math.SQRT2, 15);
  });

  it("early-stopping: patience stops SGD near the true weights in whole epochs", () => {
    const outcome = earlyStopping.main(quiet([]));
    expect(outcome.stopReason).toBe("converged");
    expect(outcome.iterations % 13).toBe(0);
    expect(outcome.weights[0]).toBeCloseTo(3, 1);
    expect(outcome.weights[1]).toBeCloseTo(-1, 1);
  });

  it("checkpoint-resume: a resumed run equals an uninterrupted one", () => {
    expect(checkpointResume.main(quiet([])).same).toBe(true);
  });

  it("logging: lines and JSON lines go to the given output", () => {
    const lines: string[] = [];
    logging.main(quiet(lines));
    expect(lines.some((line) => line.startsWith("iter "))).toBe(true);
    expect(
      lines.filter((line) => line.startsWith("{")).every((line) => typeof JSON.parse(line).event === "string"),
    ).toBe(true);
  });
});
