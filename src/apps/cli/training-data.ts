import type { LabelledData } from "../../../solvers/neural/index.js";
import { readCsvPoints } from "./problem-sources.js";
import { UsageError } from "./usage-error.js";

/** A built-in data set: training rows, held-out test rows, and the hidden layers that suit it. */
export interface TrainingData {
  readonly name: string;
  readonly train: LabelledData;
  readonly test: LabelledData | undefined;
  readonly classes: number;
  readonly hidden: readonly number[];
  /** The share of training rows held out for validation unless `--validation-split` says otherwise. */
  readonly validationSplit: number;
}

/** The neural solver's module, imported when a command needs it: TensorFlow.js takes about 0.4 s to load. */
export type NeuralModule = typeof import("../../../solvers/neural/index.js");

/** The built-in data sets of `iterlab train`, by name. */
export const datasets: Record<string, (neural: NeuralModule) => TrainingData> = {
  "two-moons": ({ twoMoons }) => {
    const moons = twoMoons({ samples: 500, noise: 0.15, seed: 7 });
    return {
      name: "two moons (400 training, 100 test points)",
      train: { x: moons.x.slice(0, 400), y: moons.y.slice(0, 400) },
      test: { x: moons.x.slice(400), y: moons.y.slice(400) },
      classes: 2,
      hidden: [16, 16],
      validationSplit: 0.2,
    };
  },
  xor: () => ({
    name: "XOR (4 points)",
    train: {
      x: [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      y: [0, 1, 1, 0],
    },
    test: undefined,
    classes: 2,
    hidden: [8],
    validationSplit: 0,
  }),
  mnist: ({ mnistDigits }) => {
    const { train, test } = mnistDigits();
    // The counts come from the split itself (9,001 and 999 today), never from the nominal 9,000/1,000.
    const count = (rows: number) => rows.toLocaleString("en-US");
    const name = `MNIST digits (${count(train.y.length)} training, ${count(test.y.length)} test)`;
    return { name, train, test, classes: 10, hidden: [128], validationSplit: 0.1 };
  },
};

/** Rows of a CSV whose last column is the class label (an integer >= 0). */
export function csvData(path: string): TrainingData {
  const rows = (readCsvPoints(path).problem as { data: number[][] }).data;
  if ((rows[0]?.length ?? 0) < 2)
    throw new UsageError(`${path}: expected at least one feature column and the class label in the last column`);
  const y = rows.map((row, index) => {
    const label = row[row.length - 1] as number;
    if (!Number.isInteger(label) || label < 0)
      throw new UsageError(
        `${path} row ${index + 1}: the last column is the class label, an integer >= 0; got ${label}`,
      );
    return label;
  });
  return {
    name: `${path} (${rows.length} rows)`,
    train: { x: rows.map((row) => row.slice(0, -1)), y },
    test: undefined,
    classes: Math.max(...y) + 1,
    hidden: [32],
    validationSplit: 0.2,
  };
}
