import { describe, expect, it } from "vitest";
import { evaluatePolicy, greedyPolicy, gridworld4x4 } from "../../solvers/mdp/index.js";
import * as frozenLakeComparison from "../../examples/frozen-lake-value-vs-policy-iteration.js";
import * as gridworldEvaluation from "../../examples/gridworld-policy-evaluation.js";
import * as spanRuleTrap from "../../examples/mdp-span-rule-trap.js";

// The MDP examples run here, so none can rot; each asserts the point it teaches.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("examples: value and policy iteration", () => {
  it("frozen-lake-value-vs-policy-iteration: policy iteration takes few iterations, value iteration many cheap sweeps", () => {
    const lines: string[] = [];
    const { rows, start } = frozenLakeComparison.main(quiet(lines));
    const [synchronous, inPlace, exact, iterative, modified5, modified20] = rows;
    expect(start).toBeCloseTo(0.4146, 4);
    expect(exact?.iterations).toBeLessThanOrEqual(12);
    expect(synchronous?.iterations).toBeGreaterThan(10 * (exact?.iterations as number));
    expect(inPlace?.iterations).toBeLessThan(synchronous?.iterations as number);
    expect(synchronous?.valueError).toBeLessThanOrEqual(0.005);
    for (const row of [iterative, modified5, modified20]) expect(row?.valueError).toBeLessThanOrEqual(1e-4);
    for (const row of rows) expect(row.policyLoss).toBeLessThanOrEqual(0.01);
    expect(lines.join("\n")).toContain("\n↑ → → → → → → →\n");
  });

  it("gridworld-policy-evaluation: Figure 4.1 sweep by sweep, and a greedy policy optimal from k = 3", () => {
    const lines: string[] = [];
    const { snapshots, final } = gridworldEvaluation.main(quiet(lines));
    expect(snapshots.get(1)?.slice(0, 4)).toEqual([0, -1, -1, -1]);
    expect(snapshots.get(2)?.slice(0, 4)).toEqual([0, -1.75, -2, -2]);
    final.forEach((value, s) =>
      expect(value).toBeCloseTo(
        [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0][s] as number,
        6,
      ),
    );
    const mdp = gridworld4x4();
    const atThree = evaluatePolicy(mdp, greedyPolicy(mdp, snapshots.get(3) as number[]));
    expect(Array.from(atThree)).toEqual([0, -1, -2, -3, -1, -2, -3, -2, -2, -3, -2, -1, -3, -2, -1, 0]);
    expect(lines.join("\n")).toContain("-22.0 -20.0 -14.0   0.0");
  });

  it("mdp-span-rule-trap: the span rule stops at 4 sweeps far from V*, the sup-norm rule within eps / 2", () => {
    const { span, sup, optimalPolicy, bound } = spanRuleTrap.main(quiet([]));
    expect(span.iterations).toBe(4);
    expect(span.error).toBeGreaterThan(60);
    expect(sup.error).toBeLessThanOrEqual(0.005);
    expect(sup.iterations).toBeLessThanOrEqual(bound);
    expect(span.policy).toEqual(optimalPolicy);
    expect(sup.policy).toEqual(optimalPolicy);
  });
});
