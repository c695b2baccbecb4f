import type { PeerModule, PeerResult, PeerThreads } from "./python-peers.js";
import type { Figure } from "./table.js";

/** What every workload gets from the driver. */
export interface PeerContext {
  /** The temporary folder the data sets are written to. */
  readonly directory: string;
  /** iterlab's threads where a solver takes them (2 on the 2-core machine). */
  readonly threads: number;
  /** Fewer repeats and smaller spans, for a quick check that everything runs. */
  readonly quick: boolean;
  /**
   * Runs a peer script on a data set once per thread setting; a result, or why there is none (a module not
   * installed, the script failed).
   */
  peer(
    script: string,
    manifest: string,
    needs: readonly PeerModule[],
    threads: readonly PeerThreads[],
  ): Promise<Map<PeerThreads, PeerResult | string>>;
  /** Progress, to standard error. */
  log(message: string): void;
}

/** The peer figure `key` of a result, or the reason it is missing. */
export function peerFigure(
  result: PeerResult | string | undefined,
  key: string,
  note?: (result: PeerResult) => string,
): Figure {
  if (result === undefined) return { missing: "not run" };
  if (typeof result === "string") return { missing: result };
  const ms = result.figures[key];
  if (ms === undefined) return { missing: `no figure ${key}` };
  return note === undefined ? { ms } : { ms, note: note(result) };
}

/** "1 thread", "2 threads" or "default threads (n)" for a peer's label. */
export function threadLabel(threads: PeerThreads, result: PeerResult | string | undefined): string {
  if (threads !== "default") return threads === 1 ? "1 thread" : `${threads} threads`;
  const count = typeof result === "object" ? result.threads : undefined;
  return count === undefined ? "default threads" : `default threads (${count})`;
}

/** The median of samples (the upper one of an even count); NaN for none. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}
