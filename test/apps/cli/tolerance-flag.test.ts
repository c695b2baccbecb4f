import { describe, expect, it } from "vitest";
import { solve } from "../../../src/index.js";
import { builtinProblems } from "../../../src/apps/cli/registry-problems.js";
import { solverEntries } from "../../../src/apps/cli/registry-solvers.js";
import {
  toleranceFlag,
  toleranceHelp,
  toleranceOption,
  toleranceOptionNames,
} from "../../../src/apps/cli/tolerance-flag.js";

describe("toleranceFlag", () => {
  it("sets each family's headline absTolerance or relTolerance; the bracket width or simplex size where there is no residual or gradient", () => {
    const options = Object.entries(toleranceFlag).map(([family, { option }]) => [family, option]);
    for (const [family, option] of options) {
      if (family === "bracketing" || family === "nelder-mead") expect(option).toBe("stepAbsTolerance");
      else expect(["absTolerance", "relTolerance"]).toContain(option);
    }
    expect(toleranceOptionNames).toEqual(["absTolerance", "stepAbsTolerance", "relTolerance"]);
  });

  it("gives the option with the flag's value, and nothing without it (the solver's default)", () => {
    expect(toleranceOption("linear-system", 1e-10)).toEqual({ relTolerance: 1e-10 });
    expect(toleranceOption("bracketing", 1e-6)).toEqual({ stepAbsTolerance: 1e-6 });
    expect(toleranceOption("gaussian-mixture", undefined)).toEqual({});
    expect(toleranceHelp("linear-system")).toBe("||b - A x|| / ||b|| (relTolerance)");
  });

  it("is what every solver of the CLI takes --tol from, and what 'iterlab solvers' prints", () => {
    const helps = new Set(
      Object.keys(toleranceFlag).map((family) => toleranceHelp(family as keyof typeof toleranceFlag)),
    );
    for (const entry of solverEntries) {
      expect(entry.flags).toContain("tol");
      expect(helps.has(entry.tolerance)).toBe(true);
    }
  });

  // The tests whose tolerance is --tol itself (value and policy iteration turn epsilon into a threshold that
  // depends on the discount).
  const direct = solverEntries.filter(({ name }) => !["value-iteration", "policy-iteration"].includes(name));
  it.each(direct)("$name: --tol 0.0123 is the tolerance of one of its convergence tests", (entry) => {
    const builtin = builtinProblems.find(
      (problem) =>
        problem.name === entry.defaultProblem || (entry.defaultProblem === undefined && problem.kind === entry.kind),
    );
    if (builtin === undefined) throw new Error(`no built-in problem for ${entry.name}`);
    const setup = entry.create({ tol: 0.0123, omega: 1, k: 3 }, builtin.create({}));
    const result = solve(setup.solver, setup.problem, { maxIterations: 0 });
    expect(result.criteria.convergence.map((report) => report.tolerance)).toContain(0.0123);
  });
});
