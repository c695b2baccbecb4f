import { InvalidOptionError } from "../../../index.js";
import type { CollectionEntry } from "../types.js";
import type { MghDefinition } from "./definition.js";
import { leastSquaresProblem, type MghProblem } from "./least-squares.js";
import { mghTwoUnknowns } from "./mgh-two.js";
import { mghThreeUnknowns } from "./mgh-three.js";
import { mghMedium } from "./mgh-four-eleven.js";
import { mghVariableA } from "./mgh-variable-a.js";
import { mghPenaltyTrigonometric } from "./mgh-penalty-trigonometric.js";
import { mghVariableB } from "./mgh-variable-b.js";
import { fixedSizeCurvatures } from "./curvature-fixed-size.js";
import { variableSizeCurvatures } from "./curvature-variable-size.js";
import {
  closestName,
  integerAtLeast,
  optional,
  validateOption,
  validateStrictOptions,
} from "../../../engine/internals.js";
import type { OptionSchemaOf } from "../../../engine/internals.js";

/** Options of {@link mghProblem}: the size, for the functions whose size the paper leaves free. */
export interface MghProblemOptions {
  /**
   * The number of unknowns, where the function allows a choice (Watson: 2 to 31; extended Rosenbrock: even;
   * extended Powell: a multiple of 4; the others from function 23 on: any integer >= 1, >= 3 for function
   * 34). For the fixed-size functions 1 to 19 only their own `n` is accepted.
   * @defaultValue the collection's size: 6 for Watson, 12 for extended Powell, 8 for Chebyquad, 10 otherwise
   */
  readonly n?: number;
  /**
   * The number of residuals, where the function allows a choice (Jennrich-Sampson, Gulf (n <= m <= 100),
   * Box 3-D, Brown-Dennis, Biggs EXP6, the linear functions and Chebyquad: m >= n); elsewhere `m` follows
   * from `n` and may be given only as that value.
   * @defaultValue 10 (Jennrich-Sampson, Box 3-D), 99 (Gulf), 20 (Brown-Dennis), 13 (Biggs EXP6), `2n` (the
   *   linear functions), `n` (Chebyquad)
   */
  readonly m?: number;
}

const rules = {
  n: optional(integerAtLeast(1)),
  m: optional(integerAtLeast(1)),
} satisfies OptionSchemaOf<MghProblemOptions>;

/** The 35 definitions in the paper's order. */
const definitions: readonly MghDefinition[] = [
  ...mghTwoUnknowns,
  ...mghThreeUnknowns,
  ...mghMedium,
  ...mghVariableA,
  ...mghPenaltyTrigonometric,
  ...mghVariableB,
];

/** The names of the 35 Moré-Garbow-Hillstrom functions, in the paper's order (`rosenbrock`, ..., `chebyquad`). */
export const mghNames: readonly string[] = definitions.map((definition) => definition.id);

/**
 * One of the 35 Moré-Garbow-Hillstrom test functions for unconstrained minimisation, as a collection entry:
 * the problem for `gradientDescent`, `newtonMinimize` and `bfgs`, its standard starting point, and the
 * minimum the paper gives.
 *
 * @remarks The function is `f(x) = sum_i r_i(x)^2` over the paper's `m` residuals (no factor 1/2). The
 * problem carries `f`, the exact gradient `2 J^T r` from analytic Jacobians, the Hessian
 * `2 (J^T J + sum_i r_i Hessian(r_i))` from hand-differentiated residuals (`finiteDifferences()` of the exact
 * gradient for helical valley, Gulf, Kowalik-Osborne and Osborne 2; `metadata.hessian` says which), `x0` (the
 * standard starting point), and the residuals and their
 * Jacobian for least-squares and equation solvers. `optimum` is the paper's minimum value, as printed (six
 * significant digits where it is not 0), for the sizes it gives one; `solution` is a minimiser where one is
 * known in closed form. `metadata.note` repeats what the paper says of other minima.
 * @param name - One of {@link mghNames}, e.g. `"rosenbrock"` or `"watson"`.
 * @param options - The size, for functions of variable size.
 * @returns The entry; each call builds new arrays and functions (no state is shared).
 * @throws `InvalidOptionError` for an unknown name (naming the closest), an unknown option, or a size the
 *   function does not allow.
 * @example
 * ```ts
 * const { problem, optimum } = mghProblem("watson", { n: 9 });
 * const result = solve(bfgs({ absTolerance: 1e-10 }), problem);
 * result.state.f - (optimum ?? 0); // about 1e-12
 * ```
 * @see J. J. Moré, B. S. Garbow and K. E. Hillstrom, Testing unconstrained optimization software, ACM
 *   Transactions on Mathematical Software 7(1), 1981, 17-41.
 */
export function mghProblem(name: string, options: MghProblemOptions = {}): CollectionEntry<MghProblem> {
  validateStrictOptions(options, rules, "mghProblem");
  const definition = definitions.find((candidate) => candidate.id === name);
  if (definition === undefined) {
    const suggestion = typeof name === "string" ? closestName(name, mghNames) : undefined;
    const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
    throw new InvalidOptionError(
      "name",
      "the name of a Moré-Garbow-Hillstrom function",
      name,
      `name must be the name of a Moré-Garbow-Hillstrom function${hint}, got ${JSON.stringify(name)}; names: ${mghNames.join(", ")}`,
      suggestion,
    );
  }
  const n = options.n ?? definition.n;
  validateOption("n", n, definition.nRule);
  const defaultM = definition.mOf?.(n) ?? definition.mDefault?.(n) ?? definition.m;
  const m = options.m ?? defaultM;
  if (definition.mRule === undefined) {
    validateOption("m", m, { expected: `${defaultM} (it follows from n for ${name})`, test: (v) => v === defaultM });
  } else {
    validateOption("m", m, definition.mRule(n));
  }
  const isDefault = n === definition.n && m === definition.m;
  const suffix = isDefault ? "" : m === defaultM ? `-n${n}` : `-n${n}-m${m}`;
  const optimum = definition.optimum(n, m);
  const curvature = fixedSizeCurvatures[definition.id] ?? variableSizeCurvatures[definition.id];
  const metadata: Record<string, string | number | boolean> = {
    number: definition.number,
    title: definition.title,
    n,
    m,
    source: `Moré, Garbow and Hillstrom (1981), function ${definition.number}`,
    hessian: curvature === undefined ? "finite differences of the exact gradient" : "analytic",
  };
  if (definition.note !== undefined) metadata.note = definition.note;
  return {
    name: definition.id + suffix,
    problem: leastSquaresProblem({ ...definition.build(n, m), residualCurvature: curvature?.(n, m) }),
    solution: definition.solution(n, m),
    optimum,
    dimension: n,
    metadata,
  };
}
