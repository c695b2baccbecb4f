import * as tf from "../../../solvers/neural/tfjs.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidProblemError } from "../../../src/index.js";
import { describeValue } from "../../../src/engine/internals.js";
import { evaluateNetwork } from "../../../solvers/neural/index.js";
import type { NeuralNetworkOptions } from "../../../solvers/neural/index.js";
import { anyBad, entries, hole, nested } from "../../engine/strict-data-slots.js";
import type { Fixture } from "../../engine/strict-data-slots.js";
import { initialState } from "./fixtures.js";

/** Runs of each row: 6 rows, 120 cases. */
const runs = 20;

const layers = [{ units: 4, activation: "relu" as const }, { units: 3 }];
const x = () => [
  [0, 1],
  [1, 0],
  [1, 1],
  [0, 0],
];
const init = (options: NeuralNetworkOptions) => (input: Record<string, unknown>) =>
  initialState(options, input as never);

let model: tf.Sequential;
beforeAll(async () => {
  await tf.setBackend("cpu");
  model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
});
afterAll(() => model.dispose());

const cases: readonly (readonly [string, () => Fixture, (input: Record<string, unknown>) => unknown])[] = [
  [
    "neuralNetwork (crossEntropy): problem.x rows and problem.y labels",
    () => {
      const input = { x: x(), y: [0, 1, 2, 0] };
      return { input, slots: [...nested(input.x, "problem.x"), ...entries(input.y, "problem.y")] };
    },
    init({ layers }),
  ],
  [
    "neuralNetwork: problem.x as { values, shape }",
    () => {
      const input = { x: { values: x().flat(), shape: [4, 2] }, y: [0, 1, 2, 0] };
      return { input, slots: entries(input.x.values, "problem.x.values") };
    },
    init({ layers }),
  ],
  [
    "neuralNetwork (mse): problem.y target rows",
    () => {
      const input = {
        x: x(),
        y: [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
          [1, 0, 0],
        ],
      };
      return { input, slots: nested(input.y, "problem.y") };
    },
    init({ layers, loss: "mse" }),
  ],
  [
    "neuralNetwork (mse, one output): problem.y as a 1-D array",
    () => {
      const input = { x: x(), y: [0.5, 1, 1.5, 2] };
      return { input, slots: entries(input.y, "problem.y") };
    },
    init({ layers: [{ units: 4, activation: "relu" }, { units: 1 }], loss: "mse" }),
  ],
  [
    "neuralNetwork: problem.validation.x and .y",
    () => {
      const validation = {
        x: [
          [0.5, 0.5],
          [1, 0.5],
        ],
        y: [1, 2],
      };
      const slots = [...nested(validation.x, "problem.validation.x"), ...entries(validation.y, "problem.validation.y")];
      return { input: { x: x(), y: [0, 1, 2, 0], validation }, slots };
    },
    init({ layers }),
  ],
];

describe("strict numeric data for neural networks", () => {
  it.each(cases)("%s: a non-number at a random position is a typed error naming that entry", (_, build, run) => {
    fc.assert(
      fc.property(anyBad, fc.nat(), (value, pick) => {
        const { input, slots } = build();
        const slot = slots[pick % slots.length];
        if (slot === undefined) throw new Error("no slots");
        if (value === hole) delete slot.container[slot.key];
        else slot.container[slot.key] = value;
        let error: unknown;
        try {
          run(input);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(InvalidProblemError);
        const message = (error as Error).message;
        expect(message.startsWith(`${slot.path} must be `), message).toBe(true);
        expect(message.endsWith(`got ${describeValue(value === hole ? undefined : value)}`), message).toBe(true);
      }),
      { numRuns: runs, seed: 14 },
    );
  });

  it("evaluateNetwork: a non-number in data.x or data.y is a typed error naming exactly that entry", async () => {
    await fc.assert(
      fc.asyncProperty(anyBad, fc.nat(), async (value, pick) => {
        const data = { x: x(), y: [0, 1, 2, 0] };
        const slots = [...nested(data.x, "data.x"), ...entries(data.y, "data.y")];
        const slot = slots[pick % slots.length] as (typeof slots)[number];
        if (value === hole) delete slot.container[slot.key];
        else slot.container[slot.key] = value;
        const error: unknown = await evaluateNetwork(model, data as never).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(InvalidProblemError);
        expect((error as Error).message.startsWith(`${slot.path} must be `), (error as Error).message).toBe(true);
      }),
      { numRuns: runs, seed: 14 },
    );
  });

  it("reads a tensor with NaN as a typed error naming its row and column", () => {
    const features = tf.tensor2d([
      [0, 1],
      [1, Number.NaN],
    ]);
    expect(() => init({ layers })({ x: features, y: [0, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x[1][1] must be a finite number, got NaN]`,
    );
    features.dispose();
  });
});
