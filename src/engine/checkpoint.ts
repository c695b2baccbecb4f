import { CheckpointError } from "./errors.js";
import type { ProblemFingerprint } from "./problem-fingerprint.js";
import type { RandomState } from "./random.js";
import type { TraceEntry } from "./trace.js";

/**
 * A snapshot of a run after a completed iteration: everything needed to continue it and get the same
 * result and trace as a run that was never interrupted.
 *
 * @remarks Take one with `result.checkpoint()` after a run, or `event.control.checkpoint()` in a hook.
 * Continue with `resume` / `resumeAsync`, or `solve(..., { resumeFrom })`. It is plain data (state,
 * counters, random generator state, the stopping tests' memories, the trace so far), copied at the moment
 * it is taken; {@link serializeCheckpoint} writes it as JSON, typed arrays and non-finite numbers included.
 *
 * The run it is resumed into must use the same convergence and divergence tests, epoch length and trace
 * settings (checked by label); the iteration bound, time limit and hooks may change. A checkpoint taken by
 * `solve` also carries a fingerprint of the problem (`problem`: each part's shape and a hash of its
 * contents), and resuming it into a different problem is a {@link CheckpointError} naming the part that
 * differs; checkpoints of `iterate` runs have none.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 */
export interface Checkpoint<S, R = S> {
  /** Always `"iterlab.checkpoint"`. */
  readonly format: "iterlab.checkpoint";
  /** The format's version, `1`. */
  readonly version: 1;
  /** The state of the last completed iteration. */
  readonly state: S;
  /** Completed iterations. */
  readonly iteration: number;
  /** Elapsed run time so far, carried into the resumed run. */
  readonly elapsedMs: number;
  /** Iterations per epoch, or `undefined`. */
  readonly epochLength: number | undefined;
  /** The random generator's state. */
  readonly randomState: RandomState;
  /** The convergence test's label and memory. */
  readonly convergence: CriterionSnapshot | undefined;
  /** The divergence test's label and memory. */
  readonly divergence: CriterionSnapshot | undefined;
  /** The trace so far (without the extra final entry a stopped run adds), or `undefined` without a trace. */
  readonly trace: TraceSnapshot<R> | undefined;
  /** The problem's fingerprint, for checkpoints of `solve` runs (see {@link ProblemFingerprint}). */
  readonly problem?: ProblemFingerprint | undefined;
}

/** A stopping test's memory in a checkpoint, with its label to check it is resumed into the same test. */
export interface CriterionSnapshot {
  /** The test's label. */
  readonly label: string;
  /** The test's memory (plain data). */
  readonly memory: unknown;
}

/** The trace in a checkpoint. */
export interface TraceSnapshot<R> {
  /** The trace's `every` option. */
  readonly every: number;
  /** The trace's `maxLength` option. */
  readonly maxLength: number;
  /** The current stride after thinning. */
  readonly stride: number;
  /** Whether entries were dropped. */
  readonly thinned: boolean;
  /** The regular entries so far. */
  readonly entries: readonly TraceEntry<R>[];
}

const typedArrayTag = "$typedArray";
const numberTag = "$number";
const typedArrays = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof typedArrays;

/**
 * Writes a checkpoint as JSON text that {@link parseCheckpoint} reads back exactly: typed arrays keep
 * their type, and NaN, Infinity and -0 survive.
 *
 * @param checkpoint - The checkpoint.
 * @returns JSON text.
 * @throws {@link CheckpointError} when the state holds something JSON cannot carry (a function, a Map, a
 *   tensor).
 * @example
 * ```ts
 * writeFileSync("run.json", serializeCheckpoint(result.checkpoint()));
 * const resumed = resume(parseCheckpoint(readFileSync("run.json", "utf8")), { update, maxIterations: 200 });
 * ```
 */
export function serializeCheckpoint(checkpoint: Checkpoint<unknown, unknown>): string {
  return JSON.stringify(encode(checkpoint, "checkpoint"));
}

/**
 * Reads a checkpoint written by {@link serializeCheckpoint}.
 *
 * @param text - The JSON text.
 * @returns The checkpoint. Its types are the caller's claim: pass the type parameters you saved.
 * @throws {@link CheckpointError} when the text is not such a checkpoint.
 */
export function parseCheckpoint<S = unknown, R = S>(text: string): Checkpoint<S, R> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => decode(value));
  } catch (error) {
    if (error instanceof CheckpointError) throw error; // valid JSON with an invalid tag: already says what is wrong
    throw new CheckpointError(
      `checkpoint is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const candidate = parsed as Partial<Checkpoint<S, R>> | null;
  if (candidate === null || typeof candidate !== "object" || candidate.format !== "iterlab.checkpoint") {
    throw new CheckpointError('checkpoint must be an object with format "iterlab.checkpoint"');
  }
  if (candidate.version !== 1)
    throw new CheckpointError(`checkpoint version must be 1, got ${String(candidate.version)}`);
  return candidate as Checkpoint<S, R>;
}

function encode(value: unknown, path: string): unknown {
  if (typeof value === "number") {
    return Number.isFinite(value) && !Object.is(value, -0)
      ? value
      : { [numberTag]: String(Object.is(value, -0) ? "-0" : value) };
  }
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value === undefined) return undefined;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!(name in typedArrays)) throw new CheckpointError(`${path} is a ${name}, which a checkpoint cannot carry`);
    return { [typedArrayTag]: name, values: Array.from(value as unknown as ArrayLike<number>, (x) => encode(x, path)) };
  }
  if (Array.isArray(value)) return value.map((item, index) => encode(item, `${path}[${index}]`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = encode(item, `${path}.${key}`);
    return result;
  }
  throw new CheckpointError(
    `${path} is ${describe(value)}, which a checkpoint cannot carry; keep states to plain data`,
  );
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (typeof record[numberTag] === "string") return Number(record[numberTag]);
  const name = record[typedArrayTag];
  if (typeof name === "string" && Array.isArray(record["values"])) {
    if (!(name in typedArrays)) throw new CheckpointError(`unknown typed array ${name} in checkpoint`);
    return typedArrays[name as TypedArrayName].from(record["values"] as number[]);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "symbol") return "a symbol";
  return `an instance of ${(value as object).constructor?.name ?? "an unknown class"}`;
}
