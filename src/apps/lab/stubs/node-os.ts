/** The browser's stand-in for `node:os`: the kernels' default thread count reads the page's cores. */
export function availableParallelism(): number {
  const browser = globalThis as { navigator?: { hardwareConcurrency?: number } };
  return browser.navigator?.hardwareConcurrency ?? 1;
}
