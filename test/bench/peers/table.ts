/** A figure measured on one side: milliseconds per unit of work, or why it is missing. */
export type Figure = { readonly ms: number; readonly note?: string } | { readonly missing: string };

/** One row of the peer table: a workload, the peer and its threads, both figures and the target ratio. */
export interface PeerRow {
  /** What is measured, with its unit of work (per sweep, per iteration, to convergence, per step). */
  readonly workload: string;
  /** The peer program, its version and threads. */
  readonly peer: string;
  readonly peerFigure: Figure;
  readonly iterlabFigure: Figure;
  /** The largest iterlab / peer ratio that meets the target, when the issue sets one. */
  readonly targetAtMost?: number | undefined;
  /** The smallest and largest ratio of the single passes, when the row merges several ({@link mergePasses}). */
  readonly ratioRange?: readonly [number, number] | undefined;
}

/** iterlab's time over the peer's (below 1: iterlab is faster); NaN when either figure is missing or not positive. */
export function ratio(row: Pick<PeerRow, "peerFigure" | "iterlabFigure">): number {
  const { peerFigure, iterlabFigure } = row;
  if (!("ms" in peerFigure) || !("ms" in iterlabFigure)) return Number.NaN;
  const { ms: peer } = peerFigure;
  const { ms: ours } = iterlabFigure;
  if (!(Number.isFinite(peer) && peer > 0 && Number.isFinite(ours) && ours > 0)) return Number.NaN;
  return ours / peer;
}

/** A duration with three significant digits in the unit that suits it (ns, µs, ms, s). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  const [value, unit] =
    ms >= 1000 ? [ms / 1000, "s"] : ms >= 1 ? [ms, "ms"] : ms >= 1e-3 ? [ms * 1000, "µs"] : [ms * 1e6, "ns"];
  return `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ${unit}`;
}

/** A ratio as `0.48x` (three decimals below 0.1); a dash when it is not a number. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return "-";
  return `${value.toFixed(value < 0.1 ? 3 : 2)}x`;
}

/** The median of samples (the upper one of an even count); NaN for none. */
function upperMedian(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

function mergeFigures(figures: readonly Figure[]): Figure {
  const measured = figures.filter((figure): figure is Extract<Figure, { ms: number }> => "ms" in figure);
  if (measured.length === 0) return figures[0] ?? { missing: "not run" };
  const ms = upperMedian(measured.map((figure) => figure.ms));
  const note = measured.find((figure) => figure.ms === ms)?.note;
  return note === undefined ? { ms } : { ms, note };
}

/**
 * Merges the rows of several passes over the same sections (the same rows in the same order): each figure is
 * the median of the passes' figures (its note from the pass that gave it), and the row keeps the range of the
 * passes' own ratios, each measured side by side within one pass.
 *
 * @throws When the passes' rows differ in number, workload or peer.
 */
export function mergePasses(passes: readonly (readonly PeerRow[])[]): PeerRow[] {
  const [first = []] = passes;
  return first.map((row, index) => {
    const same = passes.map((pass) => pass[index]);
    if (same.some((other) => other?.workload !== row.workload || other.peer !== row.peer)) {
      throw new Error(`pass rows differ at row ${index + 1} (${row.workload})`);
    }
    const rows = same as PeerRow[];
    const ratios = rows.map(ratio).filter(Number.isFinite);
    return {
      ...row,
      peerFigure: mergeFigures(rows.map((entry) => entry.peerFigure)),
      iterlabFigure: mergeFigures(rows.map((entry) => entry.iterlabFigure)),
      ratioRange: passes.length > 1 && ratios.length > 0 ? [Math.min(...ratios), Math.max(...ratios)] : undefined,
    };
  });
}

function formatFigure(figure: Figure): string {
  if ("missing" in figure) return `- (${figure.missing})`;
  return figure.note === undefined ? formatDuration(figure.ms) : `${formatDuration(figure.ms)} (${figure.note})`;
}

/** `<= 1.2x: met`, `<= 1.2x: NOT met`, a dash when there is no target or no ratio. */
export function formatTarget(row: PeerRow): string {
  if (row.targetAtMost === undefined) return "-";
  const value = ratio(row);
  const bound = `<= ${formatRatio(row.targetAtMost)}`;
  if (!Number.isFinite(value)) return `${bound}: not measured`;
  return `${bound}: ${value <= row.targetAtMost ? "met" : "NOT met"}`;
}

/** The ratio of the median figures, and the range of the single passes' ratios when there were several. */
function formatRatioCell(row: PeerRow): string {
  const main = formatRatio(ratio(row));
  if (row.ratioRange === undefined) return main;
  return `${main} (passes ${formatRatio(row.ratioRange[0])} to ${formatRatio(row.ratioRange[1])})`;
}

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** The rows as one Markdown table: workload, peer, peer figure, iterlab figure, ratio (iterlab / peer), target. */
export function formatPeerTable(rows: readonly PeerRow[]): string {
  const header = ["workload", "peer", "peer figure", "iterlab figure", "ratio (iterlab / peer)", "target"];
  const lines = rows.map((row) =>
    [
      row.workload,
      row.peer,
      formatFigure(row.peerFigure),
      formatFigure(row.iterlabFigure),
      formatRatioCell(row),
      formatTarget(row),
    ].map(cell),
  );
  return [header, header.map(() => "---"), ...lines].map((columns) => `| ${columns.join(" | ")} |`).join("\n");
}
