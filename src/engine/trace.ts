import type { OptionSchemaOf } from "./validate.js";
import { anyValue, rejectUnknownOptions } from "./validate.js";

/**
 * How a run records its trace: which record to keep per iteration, how often, and how many at most.
 *
 * @typeParam S - The state type.
 * @typeParam R - The record type.
 */
export interface TraceOptions<S, R> {
  /**
   * Builds the record of one iteration from its state. Return new data (numbers, copies of vectors), not a
   * buffer the next step overwrites.
   * @defaultValue the state itself for `iterate`; the solver's record for `solve`
   */
  readonly record?: (state: S) => R;
  /**
   * Record every `every`-th iteration (iteration 0 and the final iteration are always recorded).
   * @defaultValue `1`
   */
  readonly every?: number;
  /**
   * The most entries kept, an integer >= 2. When the trace is full it is thinned: every other entry is
   * dropped and the stride doubles, so a long run keeps an evenly spaced view of its whole history in
   * bounded memory.
   * @defaultValue `10000`
   */
  readonly maxLength?: number;
}

/** One recorded iteration. */
export interface TraceEntry<R> {
  /** The iteration (0 is the initial state). */
  readonly iteration: number;
  /** Completed epochs at that iteration (0 without an epoch length). */
  readonly epoch: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  /** What the record function returned. */
  readonly record: R;
}

/**
 * A run's trace: its entries in iteration order, iteration 0 first and the final iteration last.
 *
 * @typeParam R - The record type.
 */
export interface Trace<R> {
  /** The entries. */
  readonly entries: readonly TraceEntry<R>[];
  /** The distance in iterations between regular entries: `every`, doubled at each thinning. */
  readonly stride: number;
  /** Whether entries were dropped to respect `maxLength`. */
  readonly thinned: boolean;
}

/** Options of {@link traceToCSV}. */
export interface TraceCsvOptions {
  /**
   * The field separator.
   * @defaultValue `","`
   */
  readonly separator?: string;
}

/** The names of {@link TraceCsvOptions}. */
const traceCsvNames = { separator: anyValue } satisfies OptionSchemaOf<TraceCsvOptions>;

/**
 * Writes a trace as CSV: columns `iteration`, `epoch`, `elapsed_ms`, then the record's fields.
 *
 * @remarks Records are flattened: a number is one column `value`; an object gives one column per key,
 * nested objects as `key.sub`, and arrays or typed arrays one column per entry as `key[i]`. Columns come
 * from the first entry. Non-finite numbers are written `NaN`, `Inf` and `-Inf`, which pandas and R read.
 *
 * @param trace - The trace.
 * @param options - The separator.
 * @returns The CSV text with a header line and a trailing newline.
 * @example
 * ```ts
 * writeFileSync("trace.csv", traceToCSV(result.trace));
 * ```
 */
export function traceToCSV(trace: Trace<unknown>, options: TraceCsvOptions = {}): string {
  rejectUnknownOptions(options, traceCsvNames, "traceToCSV");
  const separator = options.separator ?? ",";
  const first = trace.entries[0];
  const recordColumns = first === undefined ? [] : flatten(first.record, "value").map(([name]) => name);
  const lines = [["iteration", "epoch", "elapsed_ms", ...recordColumns].map(csvField).join(separator)];
  for (const entry of trace.entries) {
    const values = new Map(flatten(entry.record, "value"));
    const cells = [String(entry.iteration), String(entry.epoch), csvNumber(entry.elapsedMs)];
    for (const column of recordColumns) cells.push(csvCell(values.get(column)));
    lines.push(cells.join(separator));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes a trace as JSON: `{ "stride", "thinned", "entries": [{ "iteration", "epoch", "elapsedMs",
 * "record" }] }`, with typed arrays as arrays. Non-finite numbers become `null`, as JSON requires.
 *
 * @param trace - The trace.
 * @param indent - Spaces of indentation; 0 for one line.
 * @returns The JSON text.
 */
export function traceToJSON(trace: Trace<unknown>, indent = 0): string {
  return JSON.stringify(
    trace,
    (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value),
    indent,
  );
}

function flatten(value: unknown, name: string): [string, unknown][] {
  if (value === null || typeof value !== "object") return [[name, value]];
  const prefix = name === "value" ? "" : name;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = value as ArrayLike<unknown>;
    const columns: [string, unknown][] = [];
    for (let i = 0; i < items.length; i++) columns.push(...flatten(items[i], `${prefix || "value"}[${i}]`));
    return columns;
  }
  return Object.entries(value).flatMap(([key, item]) => flatten(item, prefix ? `${prefix}.${key}` : key));
}

function csvNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return csvNumber(value);
  return csvField(String(value));
}

function csvField(text: string): string {
  return /[",\n;\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
