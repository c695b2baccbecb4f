import type { OptionRule } from "../../src/engine/internals.js";

const hasMethod = (value: unknown, method: string): boolean =>
  value !== null && typeof value === "object" && typeof (value as Record<string, unknown>)[method] === "function";

/** A {@link SweepOrder} (or undefined). */
export const sweepOrderRule: OptionRule = {
  expected: "a sweep order (synchronousSweep() or inPlaceSweep())",
  test: (value) => value === undefined || hasMethod(value, "sweep"),
};

/** A stopping rule (a criterion with `check`), or undefined. */
export const stoppingRuleRule: OptionRule = {
  expected: "a stopping rule (supNormRule(), spanRule(), toleranceRule() or a criterion)",
  test: (value) => value === undefined || hasMethod(value, "check"),
};

/** A policy evaluation method, or undefined. */
export const evaluationRule: OptionRule = {
  expected: "a policy evaluation method (exactEvaluation(), iterativeEvaluation() or modifiedEvaluation())",
  test: (value) => value === undefined || hasMethod(value, "evaluate"),
};
