import { writeFileSync } from "node:fs";
import { describeStopReason } from "../../index.js";
import { formatNumber } from "../../engine/internals.js";
import type { Evaluation, TrainNetworkResult } from "../../../solvers/neural/index.js";
import type { CliIo } from "./cli-io.js";
import { iterationCount } from "./iteration-count.js";
import { formatTable } from "./table.js";
import type { TrainingData } from "./training-data.js";
import { UsageError } from "./usage-error.js";

/** What `iterlab train` prints: the flags that shape the output. */
export interface TrainOutputFlags {
  readonly batchSize: number;
  readonly json?: boolean;
  readonly history?: string;
}

/**
 * Prints a training run: as JSON, or as a summary with the epochs as a table; writes the history CSV when
 * `--history` asks for it.
 */
export function printTraining(
  io: CliIo,
  data: TrainingData,
  flags: TrainOutputFlags,
  result: TrainNetworkResult,
  test: Evaluation | undefined,
): void {
  if (flags.history !== undefined) writeHistory(flags.history, result);
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
    io.stdout(`backend: ${result.backend.choice} (${result.backend.device}), trainer ${result.backend.trainer}\n`);
    io.stdout(`batch ${flags.batchSize}: ${result.iterationsPerEpoch} iterations (optimizer steps) per epoch\n\n`);
    io.stdout(`${formatEpochs(result)}\n\n`);
    io.stdout(`${describeStopReason(result.stopReason)}\n`);
    const epochs = `${result.epochs} epoch${result.epochs === 1 ? "" : "s"}`;
    const restored = result.restoredFrom === undefined ? "" : `; weights of iteration ${result.restoredFrom} restored`;
    io.stdout(
      `${iterationCount(result.iterations)}, ${epochs} in ${(result.elapsedMs / 1000).toFixed(2)} s${restored}\n`,
    );
    if (test !== undefined)
      io.stdout(`test: loss ${formatNumber(test.loss)}, accuracy ${((test.accuracy ?? 0) * 100).toFixed(2)}%\n`);
    if (flags.history !== undefined) io.stdout(`history written to ${flags.history}\n`);
  }
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
