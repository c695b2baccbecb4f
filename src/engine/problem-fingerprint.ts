import { CheckpointError } from "./errors.js";

/**
 * A structural fingerprint of a problem: for each part (`problem.A.values`, `problem.b`, `problem.map`), its
 * shape and a hash of its contents, e.g. `Float64Array(3) #9f2c41d07a3be815`. Checkpoints taken by
 * `solve` carry one, so that resuming into a different problem is refused instead of continuing with a
 * state that belongs to another problem.
 *
 * @remarks Numbers are hashed by their bits, functions by their source text, strings by their text. Plain
 * objects are walked (to depth 6); arrays of rows are described by their shape (`array 3 x 2`) and one
 * hash of every entry. Other class instances (an ml-matrix `Matrix`) are named by their class, with a hash
 * of their own enumerable fields.
 */
export type ProblemFingerprint = Readonly<Record<string, string>>;

const maxDepth = 6;

/**
 * Computes a problem's fingerprint. It is computed only when a checkpoint is taken or resumed, so runs
 * that never checkpoint pay nothing.
 *
 * @param problem - The problem passed to `solve`.
 * @returns The fingerprint: one entry per part of the problem.
 */
export function fingerprintProblem(problem: unknown): ProblemFingerprint {
  const parts: Record<string, string> = {};
  describePart(problem, "problem", parts, 0, new Set());
  return parts;
}

/**
 * Checks that a checkpoint's problem fingerprint matches the problem a run resumes into.
 *
 * @param saved - The fingerprint stored in the checkpoint.
 * @param current - The fingerprint of the problem now passed to `solve`.
 * @throws `CheckpointError` (exported by `iterlab`) naming the first part that differs, e.g. `the checkpoint was taken on
 *   another problem: problem.b is Float64Array(2) #... in the checkpoint but Float64Array(3) #... here`.
 */
export function checkProblemFingerprint(saved: unknown, current: ProblemFingerprint): void {
  if (saved === null || typeof saved !== "object") {
    throw new CheckpointError(`checkpoint.problem must be a problem fingerprint (an object), got ${String(saved)}`);
  }
  const before = saved as Record<string, unknown>;
  const paths = [...new Set([...Object.keys(before), ...Object.keys(current)])].sort();
  for (const path of paths) {
    const was = before[path];
    const is = current[path];
    if (was === is) continue;
    const then = was === undefined ? "absent" : String(was);
    const now = is === undefined ? "absent" : is;
    throw new CheckpointError(
      `the checkpoint was taken on another problem: ${path} is ${then} in the checkpoint but ${now} in this run`,
    );
  }
}

function describePart(
  value: unknown,
  path: string,
  parts: Record<string, string>,
  depth: number,
  seen: Set<object>,
): void {
  const leaf = value === null || typeof value !== "object" || ArrayBuffer.isView(value) || Array.isArray(value);
  if (leaf || depth >= maxDepth) {
    parts[path] = describeLeaf(value);
    return;
  }
  if (seen.has(value)) {
    parts[path] = "a reference to an enclosing object";
    return;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    parts[path] = `an instance of ${(value as object).constructor?.name ?? "an unknown class"} #${hashOf(value)}`;
    return;
  }
  seen.add(value);
  const keys = Object.keys(value);
  if (keys.length === 0) parts[path] = "an empty object";
  for (const key of keys) {
    describePart((value as Record<string, unknown>)[key], `${path}.${key}`, parts, depth + 1, seen);
  }
  seen.delete(value);
}

function describeLeaf(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") {
    return value.length <= 40 ? JSON.stringify(value) : `a string of length ${value.length} #${hashOf(value)}`;
  }
  if (typeof value === "function") return `a function #${hashOf(value)}`;
  if (typeof value === "symbol") return "a symbol";
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length ?? value.byteLength;
    return `${value.constructor.name}(${length}) #${hashOf(value)}`;
  }
  if (Array.isArray(value)) return `${shapeOf(value)} #${hashOf(value)}`;
  return `an object #${hashOf(value)}`;
}

/** `array 3`, `array 3 x 2`, or `array 3 x (ragged)`. */
function shapeOf(array: readonly unknown[]): string {
  const first: unknown = array[0];
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) return `array(${array.length})`;
  const width = (first as ArrayLike<unknown>).length;
  const regular = array.every(
    (row) => (Array.isArray(row) || ArrayBuffer.isView(row)) && (row as ArrayLike<unknown>).length === width,
  );
  return `array(${array.length} x ${regular ? width : "ragged"})`;
}

/** Two 32-bit FNV-1a-style hashes of a value's contents, as 16 hex digits. */
function hashOf(value: unknown): string {
  const hasher = new Hasher();
  hasher.add(value, 0);
  return hasher.digest();
}

class Hasher {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  private readonly bits = new DataView(new ArrayBuffer(8));

  add(value: unknown, depth: number): void {
    if (typeof value === "number") {
      this.bits.setFloat64(0, value);
      this.word(this.bits.getUint32(0));
      this.word(this.bits.getUint32(4));
    } else if (typeof value === "string") {
      this.word(value.length);
      for (let i = 0; i < value.length; i++) this.word(value.charCodeAt(i));
    } else if (typeof value === "function") {
      this.add(String(value), depth);
    } else if (ArrayBuffer.isView(value) || Array.isArray(value)) {
      const items = value as unknown as ArrayLike<unknown>;
      this.word(0x5b + items.length);
      for (let i = 0; i < items.length; i++) this.add(items[i], depth + 1);
    } else if (value !== null && typeof value === "object" && depth < 2 * maxDepth) {
      for (const key of Object.keys(value)) {
        this.add(key, depth);
        this.add((value as Record<string, unknown>)[key], depth + 1);
      }
    } else {
      this.add(String(value), depth);
    }
  }

  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0");
  }

  private word(word: number): void {
    this.a = Math.imul(this.a ^ (word & 0xffff), 0x01000193);
    this.a = Math.imul(this.a ^ (word >>> 16), 0x01000193);
    this.b = Math.imul(this.b ^ word, 0x5bd1e995);
    this.b ^= this.b >>> 13;
  }
}
