// Test support: the places in a problem where numeric data (or an expression string) lives, and a copy of
// the problem with one of them changed, for the checkpoint-fingerprint property tests.

/** One place in a problem: a path of keys from the problem to an array, a number or a string. */
export interface Site {
  /** Keys from the problem to the value. */
  readonly keys: readonly (string | number)[];
  /** `problem.a.b`: the part's name in a fingerprint (arrays are leaves). */
  readonly part: string;
  /** What lives there. */
  readonly kind: "array" | "number" | "string";
}

/** How to change a site. */
export type Perturbation = "entry" | "grow" | "shrink";

/** Every site of a problem, walking plain objects (arrays, typed arrays, numbers and strings are leaves). */
export function sitesOf(problem: unknown): Site[] {
  const sites: Site[] = [];
  const walk = (value: unknown, keys: (string | number)[], part: string): void => {
    if (typeof value === "number") sites.push({ keys, part, kind: "number" });
    else if (typeof value === "string") sites.push({ keys, part, kind: "string" });
    else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      if (numbersIn(value as ArrayLike<unknown>) > 0) sites.push({ keys, part, kind: "array" });
    } else if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) walk(item, [...keys, key], `${part}.${key}`);
    }
  };
  walk(problem, [], "problem");
  return sites;
}

/** A copy of `problem` (copied only along the site's path) with the site changed. */
export function perturb(problem: unknown, site: Site, how: Perturbation, pick: number): unknown {
  const change = (value: unknown, depth: number): unknown => {
    if (depth < site.keys.length) {
      const key = site.keys[depth] as string;
      const copy = { ...(value as Record<string, unknown>) };
      copy[key] = change((value as Record<string, unknown>)[key], depth + 1);
      return copy;
    }
    if (site.kind === "number") return bump(value as number);
    if (site.kind === "string") return `${value as string} + 0`;
    return changeArray(value as ArrayLike<unknown>, how, pick);
  };
  return change(problem, 0);
}

function changeArray(array: ArrayLike<unknown>, how: Perturbation, pick: number): unknown {
  const rows = Array.from(array);
  const nested = rows.length > 0 && (Array.isArray(rows[0]) || ArrayBuffer.isView(rows[0]));
  const typed = ArrayBuffer.isView(array)
    ? (array.constructor as new (
        values: ArrayLike<number>,
      ) => ArrayLike<number>)
    : undefined;
  const rebuild = (values: unknown[]): unknown => (typed === undefined ? values : new typed(values as number[]));
  if (how === "grow") return rebuild([...rows, rows[rows.length - 1]]);
  if (how === "shrink" && rows.length > 1) return rebuild(rows.slice(0, -1));
  const i = pick % rows.length;
  if (nested) {
    const row = rows[i] as ArrayLike<number>;
    rows[i] = changeArray(row, "entry", Math.floor(pick / rows.length));
    return rebuild(rows);
  }
  rows[i] = bump(rows[i] as number);
  return rebuild(rows);
}

/** A different number, for any finite value (also where adding 1 rounds away). */
function bump(value: number): number {
  return value + 1 === value ? value * 2 : value + 1;
}

function numbersIn(array: ArrayLike<unknown>): number {
  const first = array[0];
  if (typeof first === "number") return array.length;
  return Array.isArray(first) || ArrayBuffer.isView(first) ? array.length : 0;
}

/** A deep copy of a problem's plain data (functions and class instances are shared). */
export function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): unknown }).slice();
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyOf(item)]));
  }
  return value;
}
