import { toleranceOptionNames } from "./tolerance-flag.js";

/**
 * The flag that sets each option of the API the CLI calls, so that an `InvalidOptionError` reads in the
 * user's words: `--omega must be ...`, not `relaxation must be ...`. Nested options are matched by their
 * last part (`earlyStopping.patience` is `--patience`).
 */
const flagOfOption: Readonly<Record<string, string>> = {
  ...Object.fromEntries(toleranceOptionNames.map((option) => [option, "--tol"])),
  relaxation: "--omega",
  k: "--k",
  batchSize: "--batch-size",
  threads: "--threads",
  nInit: "--n-init",
  checkInterval: "--check-every",
  length: "--step-size",
  maxIterations: "--max-iterations",
  seed: "--seed",
  learningRate: "--lr",
  maxEpochs: "--epochs",
  patience: "--patience",
  validationSplit: "--validation-split",
  dropout: "--dropout",
  rate: "--dropout",
};

/**
 * An error's message in the user's words: an `InvalidOptionError` about an option a flag sets starts with
 * the flag instead (`relTolerance must be a finite number >= 0, got -1` becomes `--tol must be ...`);
 * any other message is returned as it is.
 *
 * @param error - What was thrown.
 * @returns The message.
 */
export function messageInFlagWords(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof Error) || error.name !== "InvalidOptionError") return message;
  const option = (error as Error & { option?: unknown }).option;
  if (typeof option !== "string" || !message.startsWith(`${option} `)) return message;
  const flag = flagOfOption[option.slice(option.lastIndexOf(".") + 1)];
  return flag === undefined ? message : `${flag}${message.slice(option.length)}`;
}
