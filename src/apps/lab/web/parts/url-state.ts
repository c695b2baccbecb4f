import { useCallback, useState } from "preact/hooks";

/** Page parameters as strings, as the query string holds them. */
export type Params = Readonly<Record<string, string>>;

/** The query string's parameters. */
export function readParams(): Params {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

/**
 * A page's parameters, kept in the URL (so a setup can be shared as a link): missing ones take their
 * defaults; `set` updates the address without reloading.
 */
export function useUrlState<T extends Record<string, string>>(defaults: T): [T, (changes: Partial<T>) => void] {
  const [params, setParams] = useState<T>(() => ({ ...defaults, ...pick(readParams(), defaults) }));
  const set = useCallback((changes: Partial<T>) => {
    setParams((previous) => {
      const next = { ...previous, ...changes } as T;
      const query = new URLSearchParams(readParams());
      for (const [key, value] of Object.entries(next)) query.set(key, value);
      window.history.replaceState(null, "", `?${query.toString()}`);
      return next;
    });
  }, []);
  return [params, set];
}

function pick<T extends Record<string, string>>(params: Params, defaults: T): Partial<T> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => key in defaults)) as Partial<T>;
}

/** A number parameter, or the fallback when it is not a finite number. */
export function numberParam(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text === undefined || text === "" || !Number.isFinite(value) ? fallback : value;
}
