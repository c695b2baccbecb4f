import { pathToFileURL } from "node:url";

/**
 * Runs an example's `main` when the file is executed directly (`npx tsx examples/x.ts`), not when a test
 * imports it.
 */
export function runIfMain(moduleUrl: string, main: () => unknown): void {
  const entry = process.argv[1];
  if (entry !== undefined && pathToFileURL(entry).href === moduleUrl) void main();
}
