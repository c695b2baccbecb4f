/** The browser's stand-in for `node:os`: the kernels' default thread count reads the page's cores. */
export function availableParallelism(): number {
  const browser = globalThis as { navigator?: { hardwareConcurrency?: number } };
  return browser.navigator?.hardwareConcurrency ?? 1;
}

/** The page cannot see the machine's load: no core counts as free, so kernels start workers once they pay. */
export function loadavg(): number[] {
  return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
}
