/** The browser's stand-in for `node:path` (only the neural backend's wasm path helper uses it, in Node). */
export const sep = "/";

/** The folder part of a `/`-separated path. */
export function dirname(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}
