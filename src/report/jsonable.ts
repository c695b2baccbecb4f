import { describeValue } from "../engine/errors.js";

/** Arrays longer than this are shortened in reports: their first entries, then the length. */
const longArray = 32;

/** How deep nested objects are followed before they are described in words. */
const maxDepth = 8;

/**
 * Converts a value to JSON-able data for reports: typed arrays become arrays, non-finite numbers and
 * functions become words, long arrays are shortened (first entries and the length), cycles are marked.
 *
 * @remarks Problems and options hold functions, typed arrays and class instances that `JSON.stringify`
 * drops or garbles; this keeps what a reader needs to see what was run. Cost: O(size of the shown part).
 * @param value - Any value.
 * @returns Data made of strings, finite numbers, booleans, null, arrays and plain objects.
 * @example
 * ```ts
 * toJsonable({ f: Math.cos, x0: new Float64Array([1, 2]), tolerance: NaN });
 * // { f: "function cos", x0: [1, 2], tolerance: "NaN" }
 * ```
 */
export function toJsonable(value: unknown): unknown {
  return convert(value, 0, new Set());
}

function convert(value: unknown, depth: number, seen: Set<object>): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "function") return value.name ? `function ${value.name}` : "a function";
  if (typeof value !== "object") return String(value);
  if (seen.has(value)) return "[circular]";
  if (depth >= maxDepth) return describeValue(value);
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return shorten(Array.from(value as unknown as ArrayLike<number>), value.constructor.name, depth, seen);
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) return shorten(value, "array", depth, seen);
    if (value instanceof Map) return convert(Object.fromEntries(value), depth, seen);
    if (value instanceof Set) return convert([...value], depth, seen);
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (prototype !== null && prototype !== Object.prototype) {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") return convert((toJSON as () => unknown).call(value), depth + 1, seen);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = convert(item, depth + 1, seen);
    return result;
  } finally {
    seen.delete(value);
  }
}

function shorten(items: readonly unknown[], kind: string, depth: number, seen: Set<object>): unknown {
  const shown = items.length > longArray ? items.slice(0, 8) : items;
  const converted = shown.map((item) => convert(item, depth + 1, seen));
  return items.length > longArray ? [...converted, `... (${kind} of length ${items.length})`] : converted;
}
