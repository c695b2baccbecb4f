import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinProblems } from "../../../src/apps/cli/registry-problems.js";
import { findSolver, solverEntries } from "../../../src/apps/cli/registry-solvers.js";
import { unknownNameError } from "../../../src/apps/cli/unknown-name.js";

// A mistyped solver or problem name, one edit away (a letter inserted, deleted, replaced, or two neighbours
// swapped), is answered with "did you mean" and that name. Where the typo is also one edit from another
// valid name (poisson-1d -> poisson-2d is itself valid; frozen-lake-4x4 -> frozen-lake-8x4 is as close to
// frozen-lake-8x8), either name is a right answer.

const solverNames = solverEntries.map((entry) => entry.name);
const problemNames = builtinProblems.map((problem) => problem.name);
const letters = "abcdefghijklmnopqrstuvwxyz0123456789-";

/** One edit of a name, chosen by the random numbers. */
const typo = (name: string) =>
  fc
    .record({
      kind: fc.constantFrom("insert", "delete", "replace", "swap"),
      at: fc.nat(),
      letter: fc.constantFrom(...letters),
    })
    .map(({ kind, at, letter }) => {
      const i = at % (kind === "insert" ? name.length + 1 : kind === "swap" ? name.length - 1 : name.length);
      if (kind === "insert") return name.slice(0, i) + letter + name.slice(i);
      if (kind === "delete") return name.slice(0, i) + name.slice(i + 1);
      if (kind === "replace") return name.slice(0, i) + letter + name.slice(i + 1);
      return name.slice(0, i) + (name[i + 1] as string) + (name[i] as string) + name.slice(i + 2);
    });

/** Edits between two names as closestName compares them (case, '-' and '_' ignored), for at most one edit. */
function withinOneEdit(a: string, b: string): boolean {
  const x = a.replace(/[-_]/g, "");
  const y = b.replace(/[-_]/g, "");
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  if (x.length === y.length) {
    const differ = [...x].flatMap((char, i) => (char === y[i] ? [] : [i]));
    return (
      differ.length === 1 ||
      (differ.length === 2 &&
        differ[1] === (differ[0] as number) + 1 &&
        x[differ[0] as number] === y[differ[1] as number] &&
        x[differ[1] as number] === y[differ[0] as number])
    );
  }
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

describe.each([
  ["solver", solverNames],
  ["problem", problemNames],
])("a mistyped %s name", (what, names) => {
  it.each(names)(`one edit from "%s" suggests it`, (name) => {
    fc.assert(
      fc.property(typo(name), (typed) => {
        fc.pre(typed !== name && !names.includes(typed) && typed.length > 0);
        const message = unknownNameError(what, typed, names).message;
        const suggested = /did you mean "([^"]+)"\?$/.exec(message)?.[1];
        const ambiguous = names.filter((other) => other !== name && withinOneEdit(typed, other));
        if (ambiguous.length === 0) expect(suggested).toBe(name);
        else expect([name, ...ambiguous]).toContain(suggested);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe("findSolver", () => {
  it("throws the suggestion for a mistyped solver", () => {
    expect(() => findSolver("gaus-seidel")).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: unknown solver "gaus-seidel"; did you mean "gauss-seidel"?]`,
    );
  });

  it("lists the solvers when nothing is close", () => {
    // Every solver, in the registry's order (whatever a new solver adds).
    expect(() => findSolver("zzz")).toThrow(`unknown solver "zzz" (known: ${solverNames.join(", ")})`);
  });
});
