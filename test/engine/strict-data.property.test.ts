import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeValue } from "../../src/engine/internals.js";
import { clusteringCases } from "./strict-data-clustering-cases.js";
import { anyBad, hole } from "./strict-data-slots.js";
import { systemCases } from "./strict-data-system-cases.js";

const typedBad = fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity);
const optionalBad = fc.constantFrom<unknown>(null, true, false, "3", "", Number.NaN, Infinity, -Infinity, {}, []);

/** Runs of each row of the table: 47 rows, 1,410 cases. */
const runsPerCase = 30;

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("strict numeric data", () => {
  it.each([...clusteringCases, ...systemCases].map((dataCase) => [dataCase.name, dataCase] as const))(
    "%s: a non-number at a random position is a typed error naming exactly that entry",
    (_name, dataCase) => {
      const bad = dataCase.typedOnly === true ? typedBad : dataCase.optional === true ? optionalBad : anyBad;
      fc.assert(
        fc.property(bad, fc.nat(), (value, pick) => {
          const { input, slots } = dataCase.build();
          const slot = slots[pick % slots.length];
          if (slot === undefined) throw new Error(`${dataCase.name}: no slots`);
          if (value === hole) delete slot.container[slot.key];
          else slot.container[slot.key] = value;
          const error = thrownBy(() => dataCase.run(input));
          expect(error).toBeInstanceOf(dataCase.error);
          const message = (error as Error).message;
          // The path, then " must be" (or a note in parentheses, as "(row 1, column 2)"), and the value as given.
          const named = message.startsWith(`${slot.path} must be `) || message.startsWith(`${slot.path} (`);
          expect(named, message).toBe(true);
          expect(message.endsWith(`got ${describeValue(value === hole ? undefined : value)}`), message).toBe(true);
        }),
        { numRuns: runsPerCase, seed: 14 },
      );
    },
  );
});
