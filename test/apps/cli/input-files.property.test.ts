import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJsonProblem } from "../../../src/apps/cli/problem-sources.js";
import { UsageError } from "../../../src/apps/cli/usage-error.js";
import { describeValue } from "../../../src/engine/internals.js";
import { entries, nested } from "../../engine/strict-data-slots.js";
import type { Fixture } from "../../engine/strict-data-slots.js";
import { twoStateMdp } from "../../fixtures/mdp.js";

const scratch = mkdtempSync(join(tmpdir(), "iterlab-input-property-"));

/** What a JSON file can hold in place of a number (NaN and infinities are written as null). */
const jsonBad = fc.constantFrom<unknown>(null, true, false, "3", "", {}, []);

/** Runs of each row: 5 rows, 150 cases. */
const runs = 30;

const files: readonly (readonly [string, () => Fixture])[] = [
  [
    "a dense linear system: matrix, rhs, x0",
    () => {
      const input = {
        matrix: [
          [4, 1, 0],
          [1, 4, 1],
          [0, 1, 4],
        ],
        rhs: [1, 2, 3],
        x0: [0, 0, 0],
      };
      const slots = [...nested(input.matrix, "matrix"), ...entries(input.rhs, "rhs"), ...entries(input.x0, "x0")];
      return { input, slots };
    },
  ],
  [
    "a CSR linear system: values, offsets, column indices, b",
    () => {
      const matrix = { rows: 2, columns: 2, rowPointers: [0, 2, 4], columnIndices: [0, 1, 0, 1], values: [4, 1, 1, 3] };
      const input = { matrix, b: [1, 2] };
      const slots = [
        ...entries(matrix.values, "matrix.values"),
        ...entries(matrix.rowPointers, "matrix.rowPointers"),
        ...entries(matrix.columnIndices, "matrix.columnIndices"),
        ...entries(input.b, "b"),
      ];
      return { input, slots };
    },
  ],
  [
    "a linear system in triplets: values and indices",
    () => {
      const indices = { rowIndices: [0, 0, 1, 1], columnIndices: [0, 1, 0, 1] };
      const matrix = { rows: 2, columns: 2, ...indices, values: [4, 1, 1, 3] };
      const slots = [
        ...entries(matrix.values, "matrix.values"),
        ...entries(matrix.rowIndices, "matrix.rowIndices"),
        ...entries(matrix.columnIndices, "matrix.columnIndices"),
      ];
      return { input: { matrix, rhs: [1, 2] }, slots };
    },
  ],
  [
    "an MDP: transitions and rewards R(s, a)",
    () => {
      const input = twoStateMdp();
      return { input, slots: [...nested(input.transitions, "transitions"), ...nested(input.rewards, "rewards")] };
    },
  ],
  [
    "an MDP: rewards R(s, a, s')",
    () => {
      const rewards = [
        [
          [1, 1],
          [0, 0],
        ],
        [
          [0, 0],
          [2, 2],
        ],
      ];
      const input = { ...twoStateMdp(), rewards };
      return { input, slots: nested(rewards, "rewards") };
    },
  ],
];

describe("--input files with a non-number", () => {
  it.each(files)("%s: the usage error names the file and the entry with the file's keys", (name, build) => {
    const file = join(scratch, `${name.replace(/\W+/g, "-")}.json`);
    fc.assert(
      fc.property(jsonBad, fc.nat(), (value, pick) => {
        const { input, slots } = build();
        const slot = slots[pick % slots.length] as (typeof slots)[number];
        slot.container[slot.key] = value;
        writeFileSync(file, JSON.stringify(input));
        let error: unknown;
        try {
          readJsonProblem(file);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(UsageError);
        const message = (error as Error).message;
        expect(message.startsWith(`${file}: ${slot.path} must be `), message).toBe(true);
        expect(message.endsWith(`got ${describeValue(value)}`), message).toBe(true);
      }),
      { numRuns: runs, seed: 14 },
    );
  });
});
