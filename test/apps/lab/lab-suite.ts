// The set-up shared by the lab-in-Chromium suites (lab-in-browser*, lab-features, lab-compare-backend-norm):
// the fresh site in a browser for one describe, its checks on close, and the Node answers the pages are
// compared with.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { describeStopReason } from "../../../src/index.js";
import type { RunResult } from "../../../src/index.js";
import { formatError } from "../../../src/apps/lab/problems/lab-run.js";
import type { LabRun } from "../../../src/apps/lab/problems/lab-run.js";
import type { LabBrowser } from "./lab-server.js";
import { buildFreshLab, executablePath, startLabBrowser } from "./lab-server.js";

/** Whether Debian's chromium is absent (CI installs it, .ci/run); then the suites are skipped. */
export const missing = !existsSync(executablePath);

/** The title of a lab-in-Chromium describe, saying why it is skipped when it is. */
export const labTitle = missing
  ? `the lab in Chromium (skipped: ${executablePath} not found; install it with apt-get install -y chromium)`
  : "the lab in Chromium";

/** Where the suites write screenshots and measurements. */
export const artifacts = join("test-artifacts", "lab");

/** The lab of one describe: its browser and site (set in `beforeAll`) and what its tests measured. */
export interface LabSuite {
  readonly lab: LabBrowser;
  readonly site: string;
  readonly measured: Record<string, unknown>;
}

/**
 * Registers, inside a describe, a freshly built site in a browser before its tests, and on close: no console
 * errors, failed or blocked requests, and the measurements (with the page load times) in `measurementsFile`.
 */
export function useLabInChromium(measurementsFile: string): LabSuite {
  let lab: LabBrowser | undefined;
  let site = "";
  const measured: Record<string, unknown> = {};
  beforeAll(async () => {
    if (missing) return;
    mkdirSync(artifacts, { recursive: true });
    site = await buildFreshLab();
    lab = await startLabBrowser(site);
  }, 120_000);
  afterAll(async () => {
    if (missing) return;
    await lab?.close();
    expect(lab?.consoleErrors).toEqual([]);
    expect(lab?.failedRequests).toEqual([]);
    expect(lab?.blockedRequests).toEqual([]);
    measured.pageLoadMs = lab?.loadTimes;
    writeFileSync(join(artifacts, measurementsFile), `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`lab measurements (under load when the machine is busy): ${JSON.stringify(measured)}`);
  });
  return {
    get lab(): LabBrowser {
      if (lab === undefined) throw new Error("the lab's browser is not started (chromium missing?)");
      return lab;
    },
    get site() {
      return site;
    },
    measured,
  };
}

/** The error and stop line Node computes for `run`, after `iterations` steps or at its natural stop. */
export async function nodeAnswer<S>(run: LabRun<S>, iterations?: number) {
  const result = (await run.solve(iterations)) as RunResult<S, unknown>;
  return {
    iterations: result.iterations,
    error: formatError(run.error(result.state, result.criteria.convergence)),
    stop: describeStopReason(result.stopReason),
    state: result.state,
  };
}

/** The text of the first element with test id `id`. */
export const text = async (page: Page, id: string) => (await page.getByTestId(id).first().textContent()) ?? "";

/** Median and maximum of a list of times, rounded to 0.1 ms. */
export function summary(times: readonly number[]): { median: number; max: number; count: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    median: round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
    count: sorted.length,
  };
}

/** The typed objective both minimisation suites use: the problem as Node gets it, and the page's query for `method`. */
export function typedObjective(method: string) {
  const expression = "(x - 1)^2 + 3 (y + 0.5)^2 + sin(x y)";
  const typed = { expression, start: [-1.5, 1.5], box: [-2, 2, -2, 2] } as const;
  const query = new URLSearchParams({
    page: "minimise",
    objective: "typed",
    method,
    expr: expression,
    start: "-1.5,1.5",
    box: "-2,2,-2,2",
  });
  return { typed, query };
}
