import { runCli } from "../../../src/apps/cli/run-cli.js";

/** What one `iterlab` invocation wrote and returned. */
export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in-process on `argv`, capturing what it writes. With `keys`, the run reads them as key presses
 * (then `q`), as on a terminal.
 */
export async function captureCli(argv: string[], keys?: string[]): Promise<CapturedRun> {
  let stdout = "";
  let stderr = "";
  const readKey = keys === undefined ? undefined : async () => keys.shift() ?? "q";
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readKey,
  });
  return { code, stdout, stderr };
}
