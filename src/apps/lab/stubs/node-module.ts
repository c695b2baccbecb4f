/**
 * The browser's stand-in for `node:module`, aliased by the lab's Vite config. The solvers load mathjs with
 * `createRequire(import.meta.url)("mathjs/number")` so that importing them stays cheap in Node; in the
 * bundle that module is imported here instead, and every other name fails the way a missing module does.
 */
import * as mathjsNumber from "mathjs/number";

const bundled: Readonly<Record<string, unknown>> = { "mathjs/number": mathjsNumber };

/** A `require` that knows only the modules bundled above. */
export function createRequire(_from: string | URL): ((name: string) => unknown) & { resolve(name: string): string } {
  const load = (name: string): unknown => {
    const found = bundled[name];
    if (found === undefined) {
      throw Object.assign(new Error(`Cannot find module '${name}' in the browser bundle`), {
        code: "MODULE_NOT_FOUND",
      });
    }
    return found;
  };
  return Object.assign(load, {
    resolve(name: string): string {
      load(name);
      return name;
    },
  });
}
