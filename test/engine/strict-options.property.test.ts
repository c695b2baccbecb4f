import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/index.js";
import { collectionsTable } from "./strict-options-collections-table.js";
import { compareTable } from "./strict-options-compare-table.js";
import { engineTable } from "./strict-options-engine-table.js";
import type { Extra, StrictEntry } from "./strict-options-engine-table.js";
import { coveredFactories, factoryEntry, isSolver, probe } from "./strict-options-factories.js";
import { solverTable } from "./strict-options-solver-table.js";
import { studyTable } from "./strict-options-study-table.js";
import { handledWithCompare, takesNoOptions } from "./strict-options-untabled.js";
import { isSolverModule, publicModules } from "./public-modules.js";

// Every public options object rejects unknown names with a typed error that lists the valid ones. The rows:
// the engine's, compare's, the solvers' factories (made from the conformance cases, see
// strict-options-factories.ts), the solvers' other options objects, collections' and studies'.

const factories = coveredFactories(publicModules);
const table: readonly StrictEntry[] = [
  ...engineTable,
  ...compareTable,
  ...factories.map(factoryEntry),
  ...solverTable,
  ...collectionsTable,
  ...studyTable,
];
const runsPerEntry = 50;

const exportedFunctions = Object.entries(publicModules).flatMap(([module, api]) =>
  Object.entries(api)
    .filter(([, value]) => typeof value === "function")
    .map(([name, value]) => ({ module, name, fn: value as (...args: never[]) => unknown })),
);

/** Calls an entry and returns what it threw (synchronously or as a rejection), or undefined. */
async function thrown(entry: StrictEntry, extra: Extra): Promise<unknown> {
  try {
    await entry.call(extra);
  } catch (error) {
    return error;
  }
  return undefined;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, "");
}

/** Optimal-string-alignment distance, written here independently of the library's. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      const substitution = (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const label = (entry: StrictEntry): string =>
  entry.part === undefined ? entry.export : `${entry.export} ${entry.part}`;
const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const unknownKey = (names: readonly string[]) =>
  fc
    .oneof(
      fc.string({ minLength: 0, maxLength: 24 }),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
      fc.constantFrom("__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"),
      fc.constantFrom("tolerance", "omega", "lr", "epochs", "maxIteration", "covarianceType"),
    )
    .filter((key) => !names.includes(key));
const singleEdit = (names: readonly string[]) =>
  fc
    .record({
      intended: fc.constantFrom(...names),
      kind: fc.constantFrom("insert", "delete", "substitute", "swap"),
      position: fc.nat(),
      char: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzEIMST0123456789_-"),
    })
    .map(({ intended, kind, position, char }) => {
      const at = position % (intended.length + (kind === "insert" ? 1 : 0));
      const typo =
        kind === "insert"
          ? intended.slice(0, at) + char + intended.slice(at)
          : kind === "delete"
            ? intended.slice(0, at) + intended.slice(at + 1)
            : kind === "substitute"
              ? intended.slice(0, at) + char + intended.slice(at + 1)
              : intended.slice(0, at) + (intended[at + 1] ?? "") + (intended[at] ?? "") + intended.slice(at + 2);
      return { intended, typo };
    })
    .filter(({ typo }) => typo.length > 0 && !names.includes(typo));

describe("strict options", () => {
  it("tables every public function that takes an options object, and lists the others", () => {
    const tabled = new Set(table.map((entry) => entry.export));
    const unclassified = exportedFunctions
      .filter(({ name }) => !tabled.has(name) && !takesNoOptions.has(name) && !handledWithCompare.has(name))
      .map(({ module, name }) => `${module}: ${name}`);
    expect(unclassified).toEqual([]);
    const exported = new Set(exportedFunctions.map(({ name }) => name));
    const stale = [...tabled, ...takesNoOptions, ...handledWithCompare].filter((name) => !exported.has(name));
    expect(stale).toEqual([]);
  });

  it("finds every conformance case's factory among the public exports", () => {
    const unexported = factories.filter(({ exportName }) => exportName === undefined);
    expect(unexported.map(({ factory }) => factory.name)).toEqual([]);
  });

  it("gets the same option names from every conformance case of one factory", () => {
    const disagreeing = factories.filter(({ cases }) =>
      cases.some(
        (solverCase) => [...solverCase.optionNames].sort().join() !== [...cases[0]!.optionNames].sort().join(),
      ),
    );
    expect(disagreeing.map(({ exportName }) => exportName)).toEqual([]);
  });

  it("has a conformance case for every public function of a solver module that returns a solver", () => {
    const covered = new Set(factories.map(({ factory }) => factory));
    const rowOf = new Map(table.filter((entry) => entry.part === undefined).map((entry) => [entry.export, entry]));
    const uncovered = exportedFunctions
      .filter(({ module, fn }) => isSolverModule(module) && !covered.has(fn as never))
      .filter(({ name, fn }) => isSolver(probe(fn, rowOf.get(name))))
      .map(({ module, name }) => `${module}: ${name}`);
    expect(uncovered).toEqual([]);
  });

  describe.each(table.map((entry) => [label(entry), entry] as const))("%s", (_label, entry) => {
    const prefix = entry.prefix ?? "";

    it("lists exactly the documented option names in its error", async () => {
      const error = await thrown(entry, { zzUnknownZz: 1 });
      expect(error).toBeInstanceOf(InvalidOptionError);
      const listed = /\((?:options: (.*)|it takes none)\)$/.exec((error as Error).message)?.[1]?.split(", ") ?? [];
      expect([...listed].sort()).toEqual([...entry.names].sort());
    });

    it("rejects every unknown key, naming it", async () => {
      await fc.assert(
        fc.asyncProperty(unknownKey(entry.names), anyValue, async (key, value) => {
          const error = await thrown(entry, { [key]: value });
          expect(error).toBeInstanceOf(InvalidOptionError);
          expect((error as InvalidOptionError).option).toBe(prefix + key);
          expect((error as Error).message).toContain(`${prefix}${key} is not an option of `);
        }),
        { numRuns: runsPerEntry },
      );
    });

    it("suggests the intended name for a one-edit typo", async () => {
      await fc.assert(
        fc.asyncProperty(singleEdit(entry.names), async ({ intended, typo }) => {
          const error = await thrown(entry, { [typo]: 1 });
          expect(error).toBeInstanceOf(InvalidOptionError);
          expect((error as InvalidOptionError).option).toBe(prefix + typo);
          const nearest = entry.names.filter((name) => distance(normalise(typo), normalise(name)) <= 1);
          expect(nearest).toContain(intended);
          if (nearest.length === 1) expect((error as InvalidOptionError).suggestion).toBe(intended);
          else expect(nearest).toContain((error as InvalidOptionError).suggestion);
        }),
        { numRuns: runsPerEntry },
      );
    });
  });
});
