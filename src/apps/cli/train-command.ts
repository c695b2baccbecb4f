import { writeFileSync } from "node:fs";
import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import { describeStopReason } from "../../index.js";
import { formatNumber } from "../../engine/internals.js";
import type {
  Activation,
  BackendChoice,
  LabelledData,
  LayerSpec,
  OptimizerFactory,
  TrainNetworkResult,
} from "../../../solvers/neural/index.js";
import { backendNames } from "./backend-names.js";
import type { CliIo } from "./cli-io.js";
import { exitCodes } from "./exit-codes.js";
import { parseCount, parseNumber } from "./flag-parsers.js";
import { readCsvPoints } from "./problem-sources.js";
import { formatTable } from "./table.js";
import { usageErrors } from "./usage-errors.js";
import { iterationCount } from "./iteration-count.js";
import { loadNeural } from "./load-neural.js";
import type { NeuralModule } from "./load-neural.js";
import { unknownNameError } from "./unknown-name.js";
import { UsageError } from "./usage-error.js";

/** The flags of `iterlab train`. */
interface TrainFlags {
  readonly csv?: string;
  readonly hidden?: number[];
  readonly activation: Activation;
  readonly dropout?: number;
  readonly optimizer: string;
  readonly lr?: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly validationSplit?: number;
  readonly patience?: number;
  readonly backend: BackendChoice | "auto";
  readonly threads?: number;
  readonly seed: number;
  readonly json?: boolean;
  readonly history?: string;
}

/** A built-in data set: training rows, held-out test rows, and the hidden layers that suit it. */
interface TrainingData {
  readonly name: string;
  readonly train: LabelledData;
  readonly test: LabelledData | undefined;
  readonly classes: number;
  readonly hidden: readonly number[];
  /** The share of training rows held out for validation unless `--validation-split` says otherwise. */
  readonly validationSplit: number;
}

/** The neural solver's module, imported when a command needs it: TensorFlow.js takes about 0.4 s to load. */

const optimizers: Record<string, (neural: NeuralModule) => OptimizerFactory> = {
  sgd: ({ sgd }) => sgd(),
  momentum: ({ momentum }) => momentum(),
  nesterov: ({ momentum }) => momentum({ nesterov: true }),
  adam: ({ adam }) => adam(),
  adamw: ({ adamW }) => adamW(),
  rmsprop: ({ rmsprop }) => rmsprop(),
};

const datasets: Record<string, (neural: NeuralModule) => TrainingData> = {
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

/** A comma-separated list of positive integers, e.g. `64,32`. */
function parseWidths(text: string): number[] {
  const widths = text.split(",").map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : Number.NaN));
  if (widths.some((width) => !Number.isSafeInteger(width) || width < 1))
    throw new InvalidArgumentError("expected layer widths >= 1 separated by commas, e.g. 64,32.");
  return widths;
}

/** Rows of a CSV whose last column is the class label (an integer >= 0). */
function csvData(path: string): TrainingData {
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

/**
 * Configures `iterlab train`: a network trained by mini-batch gradient descent on a built-in data set or a
 * CSV, with the epochs as a table. Exit code 0 when training ends as planned (early stopping or the epoch
 * bound), 1 when it diverges or is cut short.
 *
 * @param command - The command, made by the program.
 * @param io - Where to write.
 * @param setExitCode - Receives the exit code.
 * @returns The command.
 */
export function configureTrainCommand(command: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  return command
    .description(
      "train a neural network on two-moons, xor, mnist or a CSV (label in the last column); exit code 0 when training ends as planned, 1 when it diverges",
    )
    .argument("[dataset]", `the data: ${Object.keys(datasets).join(", ")} (or --csv)`, "two-moons")
    .option("--csv <file>", "rows of features with the class label (an integer >= 0) in the last column")
    .option("--hidden <widths>", "hidden layer widths, e.g. 64,32 (default: the data set's)", parseWidths)
    .option("--activation <name>", "hidden activation: relu, tanh, sigmoid, elu", "relu")
    .option("--dropout <rate>", "dropout after each hidden layer, in [0, 1)", parseNumber)
    .option("--optimizer <name>", `${Object.keys(optimizers).join(", ")}`, "adam")
    .option("--lr <rate>", "learning rate (default: the optimizer's)", parseNumber)
    .option("--batch-size <n>", "mini-batch size", parseCount, 32)
    .option("--epochs <n>", "epoch bound", parseCount, 20)
    .option(
      "--validation-split <fraction>",
      "share of the training rows (the last ones) held out for validation (default: 0.2; mnist 0.1; xor 0)",
      parseNumber,
    )
    .option(
      "--patience <n>",
      "stop early after n validation checks without improvement (best weights restored)",
      parseCount,
    )
    .option("--backend <name>", `auto, or one of ${backendNames.join(", ")}`, "auto")
    .option(
      "--threads <n>",
      "threads for the large matrix products on the wasm backend (default: the cores)",
      parseCount,
    )
    .option("--seed <n>", "seed of weights, dropout and batch order", parseCount, 1)
    .option("--history <file>", "write the per-epoch history as CSV")
    .option("--json", "print the result as JSON")
    .action(
      usageErrors(command, async (datasetName: string, flags: TrainFlags) => {
        const make = datasets[datasetName];
        if (flags.csv === undefined && make === undefined) {
          throw unknownNameError("data set", datasetName, Object.keys(datasets));
        }
        const optimizer = optimizers[flags.optimizer];
        if (optimizer === undefined) throw unknownNameError("optimizer", flags.optimizer, Object.keys(optimizers));
        if (flags.backend !== "auto" && !(backendNames as readonly string[]).includes(flags.backend)) {
          throw new UsageError(`unknown backend '${flags.backend}'; choose auto or one of ${backendNames.join(", ")}`);
        }
        const neural = await loadNeural();
        const data =
          flags.csv !== undefined ? csvData(flags.csv) : (make as (neural: NeuralModule) => TrainingData)(neural);
        const layers: LayerSpec[] = [];
        for (const units of flags.hidden ?? data.hidden) {
          layers.push({ units, activation: flags.activation });
          if (flags.dropout !== undefined && flags.dropout > 0) layers.push({ dropout: flags.dropout });
        }
        layers.push({ units: data.classes });
        const result = await neural.trainNetwork(data.train, {
          layers,
          optimizer: optimizer(neural),
          ...(flags.lr === undefined ? {} : { learningRate: flags.lr }),
          batchSize: flags.batchSize,
          validationSplit: flags.validationSplit ?? data.validationSplit,
          ...(flags.patience === undefined ? {} : { earlyStopping: { patience: flags.patience } }),
          maxEpochs: flags.epochs,
          backend: flags.backend,
          ...(flags.threads === undefined ? {} : { threads: flags.threads }),
          seed: flags.seed,
        });
        const test = data.test === undefined ? undefined : await neural.evaluateNetwork(result.model, data.test);
        result.model.dispose();
        if (flags.history !== undefined) writeHistory(flags.history, result);
        const planned = result.stopReason.kind === "converged" || result.stopReason.kind === "maxEpochs";
        if (flags.json === true) {
          io.stdout(
            `${JSON.stringify(
              {
                data: data.name,
                backend: result.backend,
                stopReason: { kind: result.stopReason.kind, text: describeStopReason(result.stopReason) },
                iterations: result.iterations,
                epochs: result.epochs,
                iterationsPerEpoch: result.iterationsPerEpoch,
                trainSamples: result.trainSamples,
                validationSamples: result.validationSamples,
                restoredFrom: result.restoredFrom ?? null,
                history: result.history.epochs,
                test: test === undefined ? null : { loss: test.loss, accuracy: test.accuracy ?? null },
                elapsedMs: result.elapsedMs,
              },
              null,
              2,
            )}\n`,
          );
        } else {
          io.stdout(`${data.name}: ${result.trainSamples} training rows, ${result.validationSamples} for validation\n`);
          io.stdout(`backend: ${result.backend.choice} (${result.backend.device})\n`);
          io.stdout(
            `batch ${flags.batchSize}: ${result.iterationsPerEpoch} iterations (optimizer steps) per epoch\n\n`,
          );
          io.stdout(`${formatEpochs(result)}\n\n`);
          io.stdout(`${describeStopReason(result.stopReason)}\n`);
          const epochs = `${result.epochs} epoch${result.epochs === 1 ? "" : "s"}`;
          const restored =
            result.restoredFrom === undefined ? "" : `; weights of iteration ${result.restoredFrom} restored`;
          io.stdout(
            `${iterationCount(result.iterations)}, ${epochs} in ${(result.elapsedMs / 1000).toFixed(2)} s${restored}\n`,
          );
          if (test !== undefined)
            io.stdout(`test: loss ${formatNumber(test.loss)}, accuracy ${((test.accuracy ?? 0) * 100).toFixed(2)}%\n`);
          if (flags.history !== undefined) io.stdout(`history written to ${flags.history}\n`);
        }
        setExitCode(planned ? exitCodes.ok : exitCodes.notConverged);
      }),
    );
}

function percent(value: number | undefined): string {
  return value === undefined ? "-" : `${(value * 100).toFixed(1)}%`;
}

function formatEpochs(result: TrainNetworkResult): string {
  const epochs = result.history.epochs;
  // Long runs: the first five epochs, then about twenty more at a round stride (1, 2 or 5 x 10^k), and the last.
  const rough = epochs.length / 20;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const stride = [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? 10 * power;
  const shown = epochs.filter(
    (epoch, index) => epochs.length <= 25 || index < 5 || epoch.epoch % stride === 0 || index === epochs.length - 1,
  );
  return formatTable(
    ["epoch", "iteration", "train loss", "train acc", "val loss", "val acc", "rate"],
    shown.map((epoch) => [
      String(epoch.epoch),
      String(epoch.iteration),
      formatNumber(epoch.trainLoss),
      percent(epoch.trainAccuracy),
      epoch.validationLoss === undefined ? "-" : formatNumber(epoch.validationLoss),
      percent(epoch.validationAccuracy),
      epoch.learningRate === undefined ? "-" : formatNumber(epoch.learningRate),
    ]),
    ["right", "right", "right", "right", "right", "right", "right"],
  );
}

function writeHistory(path: string, result: TrainNetworkResult): void {
  const lines = [
    "epoch,iteration,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,elapsed_ms",
  ];
  for (const e of result.history.epochs) {
    lines.push(
      [
        e.epoch,
        e.iteration,
        e.trainLoss,
        e.trainAccuracy ?? "",
        e.validationLoss ?? "",
        e.validationAccuracy ?? "",
        e.learningRate ?? "",
        e.elapsedMs.toFixed(1),
      ].join(","),
    );
  }
  try {
    writeFileSync(path, `${lines.join("\n")}\n`);
  } catch (error) {
    throw new UsageError(
      `cannot write the history to '${path}': ${(error as { code?: string }).code ?? String(error)}`,
    );
  }
}
