/**
 * Newton, secant and Brent on one function in one compare() call: the classic lesson of root finding,
 * speed against a guarantee. Then the same three from a poor start, where Newton runs away unless it is
 * given the bracket, which turns it into a safeguarded method that falls back to bisection.
 *
 * Run: npx tsx examples/newton-vs-brent.ts
 *
 * On atan(x) = 0 the root is 0 and Newton converges only from |x0| < 1.3917: from x0 = 0.5 it is quadratic
 * and needs the fewest steps; from x0 = 1.5 each step overshoots further. Brent's method needs a bracket
 * [a, b] with a sign change instead of a start, and finds the root from any bracket in at most about
 * (log2((b - a) / tol))^2 evaluations, typically a few more than Newton. With the same bracket, Newton
 * bisects where its step would leave the bracket or would not halve the step before the last, then takes
 * its own quadratic steps again.
 */
import { compare, distanceTo, formatComparison } from "../src/index.js";
import { brent, newton, secant } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const methods = [
    { label: "Newton", solver: newton() },
    { label: "secant", solver: secant() },
    { label: "Brent", solver: brent() },
  ];
  const runs = [0.5, 1.5].map((x0) => {
    // One problem for all three: Newton and the secant read x0 (and the bracket when given), Brent the bracket.
    const problem = { f: "atan(x)", x0, bracket: [-2, 3] as [number, number] };
    const error = distanceTo(0);
    const tolerances = [1e-4, 1e-8];
    const plain = compare({ problem: { f: "atan(x)", x0 }, methods: methods.slice(0, 2), error, tolerances });
    const bracketed = compare({ problem, methods, error, tolerances });
    print(`atan(x) = 0 from x0 = ${x0}, without a bracket:`);
    print(formatComparison(plain));
    print(`the same with the bracket [-2, 3] (Brent needs it; it safeguards Newton and the secant):`);
    print(formatComparison(bracketed));
    print("");
    const summary = (comparison: typeof plain) =>
      Object.fromEntries(
        comparison.rows.map((row) => [row.label, { iterations: row.iterations, stop: row.stopReason.kind }]),
      );
    return { x0, plain: summary(plain), bracketed: summary(bracketed) };
  });
  return { runs };
}

runIfMain(import.meta.url, main);
