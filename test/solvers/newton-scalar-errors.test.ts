import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { halley, newton, secant } from "../../solvers/newton/index.js";

describe("problem and option errors", () => {
  it("rejects malformed problems with a typed error naming the part", () => {
    expect(() => solve(newton(), { f: "x^3 - 2x -", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression mathjs can parse, got "x^3 - 2x -" (Unexpected end of expression (char 11))]`,
    );
    expect(() => solve(newton(), { f: "x^3 - 2y", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x, got "x^3 - 2y" (unknown variable y)]`,
    );
    expect(() => solve(newton(), { f: "gamma(x) - 2", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x of arithmetic and elementary functions, got "gamma(x) - 2" (unsupported function gamma of 1 argument)]`,
    );
    expect(() => solve(newton(), { f: "2 x (x - 1)", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x, got "2 x (x - 1)" (x(...) reads as a call of x: write x * (...))]`,
    );
    expect(() => solve(newton(), { f: "x = 2", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x of arithmetic and elementary functions, got "x = 2" (unsupported syntax (AssignmentNode))]`,
    );
    expect(() => solve(newton(), { f: 42 as never, x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be a function of x or an expression string, got 42]`,
    );
    expect(() => solve(newton(), { f: Math.atan, x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.derivative must be a function, an expression string or finiteDifferences() when problem.f is a function, got undefined]`,
    );
    expect(() => solve(newton(), { f: Math.atan, derivative: 1 as never, x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.derivative must be a function, an expression string or finiteDifferences(), got 1]`,
    );
    expect(() => solve(newton(), { f: "x^2", derivative: "3y", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.derivative must be an expression in x, got "3y" (unknown variable y)]`,
    );
    expect(() =>
      solve(halley(), { f: Math.atan, derivative: (x) => 1 / (1 + x * x), x0: 2 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.secondDerivative must be a function, an expression string or finiteDifferences() when neither problem.f nor problem.derivative is an expression string, got undefined]`,
    );
    expect(() => solve(newton(), { f: "x^2 - 2", x0: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a finite number, got NaN]`,
    );
    expect(() => solve(newton(), { f: "x^2 - 2", x0: [1] as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a finite number, got an array of length 1]`,
    );
    expect(() => solve(newton(), { f: "log(x)", x0: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x0) must be a finite number, got NaN]`,
    );
    expect(() => solve(newton(), { f: "x^2 - 2", variable: "2x", x0: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.variable must be a name such as "x", got "2x"]`,
    );
    expect(() => solve(secant(), { f: "x^2 - 2", x0: 1, x1: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x1 must be a finite number other than x0, got 1]`,
    );
    expect(() => solve(newton(), null as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem must be an object { f, x0 }, got null]`,
    );
  });

  it("rejects a given derivative that does not return a number, when it is first called", () => {
    expect(() =>
      solve(newton(), { f: Math.atan, derivative: (() => "1") as never, x0: 2 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.derivative(x) must be a number, got "1"]`);
  });

  it("rejects options outside their ranges", () => {
    expect(() => newton({ stepAbsTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepAbsTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => secant({ maxIterations: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got 1.5]`,
    );
    expect(() => halley({ divergenceTolerance: 0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got 0.5]`,
    );
    expect(() => newton({ absTolerance: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number >= 0, got NaN]`,
    );
    expect(() => newton({ stepRelTolerance: Infinity })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepRelTolerance must be a finite number >= 0, got Infinity]`,
    );
  });
});
