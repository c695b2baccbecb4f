import type { Command } from "commander";
import { IterlabError } from "../../index.js";
import { exitCodes } from "./exit-codes.js";
import { messageInFlagWords } from "./flag-words.js";

/**
 * The one line the CLI prints for an error: the message without a stack, on one line, naming flags rather
 * than the API's option names.
 *
 * @param error - What was thrown.
 * @returns The line, starting `error: `.
 */
export function errorLine(error: unknown): string {
  const message = messageInFlagWords(error);
  return `error: ${message.replace(/\s*\n\s*/g, " ")}`;
}

/**
 * Wraps a command's action so that what it throws (a usage error, an invalid option or problem, an
 * unreadable file, a failing expression) becomes commander's error: one line, the usage, exit code 2.
 * Commander's own errors pass through.
 *
 * @param command - The command, whose usage is printed.
 * @param action - The action.
 * @returns The wrapped action.
 */
export function usageErrors<A extends unknown[]>(
  command: Command,
  action: (...args: A) => void | Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof Error && error.name === "CommanderError") throw error;
      const known = error instanceof IterlabError || (error instanceof Error && error.name === "UsageError");
      if (!known && !(error instanceof Error)) throw error;
      command.error(errorLine(error), { exitCode: exitCodes.usage, code: "iterlab.usage" });
    }
  };
}

/**
 * Sets a subcommand's usage lines, shown after its errors: its synopsis and where to find its options.
 *
 * @param command - The subcommand.
 * @returns The command.
 */
export function showUsageAfterErrors(command: Command): Command {
  return command.showHelpAfterError(
    `Usage: iterlab ${command.name()} ${command.usage()}\nRun 'iterlab ${command.name()} --help' for its options.`,
  );
}
