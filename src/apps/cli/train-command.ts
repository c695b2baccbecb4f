import { InvalidArgumentError } from "commander";
import type { Command } from "commander";
import type { Activation, BackendChoice, LayerSpec, OptimizerFactory } from "../../../solvers/neural/index.js";
import { backendNames } from "./backend-names.js";
import type { CliIo } from "./cli-io.js";
import { exitCodes } from "./exit-codes.js";
import { parseCount, parseNumber } from "./flag-parsers.js";
import { printTraining } from "./train-output.js";
import { csvData, datasets } from "./training-data.js";
import type { NeuralModule, TrainingData } from "./training-data.js";
import { usageErrors } from "./usage-errors.js";
import { loadNeural } from "./load-neural.js";
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

const optimizers: Record<string, (neural: NeuralModule) => OptimizerFactory> = {
  sgd: ({ sgd }) => sgd(),
  momentum: ({ momentum }) => momentum(),
  nesterov: ({ momentum }) => momentum({ nesterov: true }),
  adam: ({ adam }) => adam(),
  adamw: ({ adamW }) => adamW(),
  rmsprop: ({ rmsprop }) => rmsprop(),
};

/** A comma-separated list of positive integers, e.g. `64,32`. */
function parseWidths(text: string): number[] {
  const widths = text.split(",").map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : Number.NaN));
  if (widths.some((width) => !Number.isSafeInteger(width) || width < 1))
    throw new InvalidArgumentError("expected layer widths >= 1 separated by commas, e.g. 64,32.");
  return widths;
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
        const solver = neural.neuralNetwork({
          layers,
          optimizer: optimizer(neural),
          ...(flags.lr === undefined ? {} : { learningRate: flags.lr }),
          batchSize: flags.batchSize,
          validationSplit: flags.validationSplit ?? data.validationSplit,
          ...(flags.patience === undefined ? {} : { earlyStopping: { patience: flags.patience } }),
        });
        const result = await neural.trainNetwork(solver, data.train, {
          maxEpochs: flags.epochs,
          backend: flags.backend,
          ...(flags.threads === undefined ? {} : { threads: flags.threads }),
          seed: flags.seed,
        });
        const test = data.test === undefined ? undefined : await neural.evaluateNetwork(result.model, data.test);
        result.model.dispose();
        const planned = result.stopReason.kind === "converged" || result.stopReason.kind === "maxEpochs";
        printTraining(io, data, flags, result, test);
        setExitCode(planned ? exitCodes.ok : exitCodes.notConverged);
      }),
    );
}
