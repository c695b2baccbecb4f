import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as internalsApi from "../../src/engine/internals.js";
import * as engineApi from "../../src/index.js";
import * as reportApi from "../../src/report/index.js";
import { InvalidOptionError } from "../../src/index.js";
import * as fixedPointApi from "../../solvers/fixed-point/index.js";
import * as gaussSeidelApi from "../../solvers/gauss-seidel/index.js";
import * as mixtureApi from "../../solvers/gaussian-mixture/index.js";
import * as gradientDescentApi from "../../solvers/gradient-descent/index.js";
import * as kmeansApi from "../../solvers/kmeans/index.js";
import * as krylovApi from "../../solvers/krylov/index.js";
import * as mdpApi from "../../solvers/mdp/index.js";
import * as neuralApi from "../../solvers/neural/index.js";
import * as newtonApi from "../../solvers/newton/index.js";
import * as studyApi from "../../src/apps/study/index.js";
import { engineTable } from "./strict-options-engine-table.js";
import type { Extra, StrictEntry } from "./strict-options-engine-table.js";
import { compareTable } from "./strict-options-compare-table.js";
import { solverTable } from "./strict-options-solver-table.js";
import { studyTable } from "./strict-options-study-table.js";
import { collectionsTable, collectionsWithoutOptions } from "./strict-options-collections-table.js";
import * as collectionsApi from "../../src/apps/collections/index.js";

const table: readonly StrictEntry[] = [
  ...engineTable,
  ...compareTable,
  ...solverTable,
  ...collectionsTable,
  ...studyTable,
];
const runsPerEntry = 50;

/** Public functions that take no options object (their arguments are numbers, data, strategies or nothing). */
const takesNoOptions = new Set([
  // engine
  "describeResult",
  "monotonicClock",
  "kernelPool",
  "fixedStep",
  "describeStopReason",
  "formatCriterion",
  "allOf",
  "anyOf",
  "sustained",
  "norm1",
  "norm2",
  "normInf",
  "every",
  "once",
  "silentLogger",
  "traceToJSON",
  "parseCheckpoint",
  "serializeCheckpoint",
  "deriveSeed",
  "Random",
  "CheckpointError",
  "describeValue",
  "DisposedError",
  "HookError",
  "InvalidOptionError",
  "InvalidProblemError",
  "IterlabError",
  "PromiseInSyncDriverError",
  "StepError",
  // optional parts: a part's name and a loader
  "installCommand",
  "isOptionalPartInstalled",
  "OptionalPartMissingError",
  "importOptionalPart",
  "requireOptionalPart",
  "integerAtLeast",
  "labelledStrategy",
  "numberAbove",
  "numberAtLeast",
  "numberBetween",
  "oneOf",
  "optional",
  "closestName",
  "assertFiniteNumbers",
  "copyFiniteNumbers",
  "finiteNumber",
  "finiteRows",
  "returnedNumber",
  "toFiniteFloat64",
  "formatNumber",
  "compileWasm",
  "bindKernel",
  "coresFreeFor",
  "synchronousSweep",
  "MemoryLayout",
  "defaultKernelThreads",
  // stopping tests with a fused check: a criterion and a function, a memory and a value, a number
  "withFusedCheck",
  "checkFinite",
  "objectiveDivergence",
  // the validation mechanism itself: its second argument names the options of someone else
  "rejectUnknownOptions",
  "validateOption",
  "validateOptions",
  "validateStrictOptions",
  // gauss-seidel
  "csrFromTriplets",
  "poisson1d",
  "poisson2d",
  "poissonJacobiRadius",
  "optimalRelaxation",
  "toCsrMatrix",
  // krylov
  "jacobiPreconditioner",
  "ic0",
  // gaussian mixtures
  "fullCovariance",
  "diagonalCovariance",
  "sphericalCovariance",
  "tiedCovariance",
  "fromKMeans",
  "fromKMeansPlusPlus",
  "randomResponsibilities",
  "givenParameters",
  // k-means
  "predictLabels",
  "kmeansPlusPlus",
  "randomInit",
  "givenCentroids",
  "toDataMatrix",
  // mdp
  "inPlaceSweep",
  "evaluatePolicy",
  "equiprobablePolicy",
  "greedyPolicy",
  "actionValues",
  "valueIterationBound",
  // neural
  "trainingLoss",
  "BackendUnavailableError",
  "sgd",
  "constantRate",
  "clipByGlobalNorm",
  "clipByValue",
  "globalNorm",
  "useFastMatMulGradient",
  "syncTrainedModel",
  // newton
  "finiteDifferences",
  "modifiedCholesky",
  "noModification",
  // honest stopping, strict values and fingerprints (positional arguments only)
  "roundingStall",
  "stopAfterFailedSearch",
  "confirmedBy",
  "checkProblemFingerprint",
  "fingerprintProblem",
  "assertFiniteNested",
  "optionData",
  "returnedMatrix",
  "returnedVector",
  "formatCount",
  "comparisonNotes",
  // studies: a path, results or rows, a profile and a label (study files are checked by defineStudy)
  "loadStudyFile",
  "readStudy",
  "distanceToSolution",
  "profileValue",
  "problemTable",
  "formatProblemTable",
  "studyProblems",
  ...collectionsWithoutOptions,
]);

/** Compare and report functions whose arguments are not options objects (tabled ones are in compareTable). */
const handledWithCompare = new Set([
  "distanceTo",
  "gradientNorm",
  "logLikelihoodGap",
  "objectiveGap",
  "relativeResidual",
  "residualNorm",
  "describeCompareOptions",
  "renderChartSvg",
  "toJsonable",
]);

const modules: Readonly<Record<string, object>> = {
  iterlab: engineApi,
  "iterlab/report": reportApi,
  "iterlab/internals": internalsApi,
  "iterlab/solvers/fixed-point": fixedPointApi,
  "iterlab/solvers/gradient-descent": gradientDescentApi,
  "iterlab/solvers/newton": newtonApi,
  "iterlab/solvers/gauss-seidel": gaussSeidelApi,
  "iterlab/solvers/krylov": krylovApi,
  "iterlab/solvers/kmeans": kmeansApi,
  "iterlab/solvers/gaussian-mixture": mixtureApi,
  "iterlab/solvers/mdp": mdpApi,
  "iterlab/solvers/neural": neuralApi,
  "iterlab/study": studyApi,
  "iterlab/collections": collectionsApi,
};

const exportedFunctions = Object.entries(modules).flatMap(([module, api]) =>
  Object.entries(api)
    .filter(([, value]) => typeof value === "function")
    .map(([name]) => ({ module, name })),
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
