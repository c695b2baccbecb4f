import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a child suite printed: its results, or why it skipped. */
export type ChildOutcome<T> = { readonly skip: string } | T;

/** Runs one suite of `webgpu-child.ts` in a plain Node process and parses its result line. */
export function runGpuChild<T>(suite: string, timeoutMs = 240_000): Promise<ChildOutcome<T>> {
  const script = fileURLToPath(new URL("./webgpu-child.ts", import.meta.url));
  const env = { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? "/tmp" };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, suite],
      { env, timeout: timeoutMs, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const line = stdout.split("\n").find((text) => text.startsWith("RESULT "));
        if (line !== undefined) resolve(JSON.parse(line.slice(7)) as ChildOutcome<T>);
        else resolve({ skip: `the WebGPU child failed: ${error?.message ?? ""} ${stderr.slice(-2000)}` });
      },
    );
  });
}
