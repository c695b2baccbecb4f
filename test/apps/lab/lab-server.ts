import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";
import { packageRoot } from "../../../src/apps/lab/lab-bundle.js";
import { exportLab, serveLab } from "../../../src/apps/lab/server.js";
import type { LabServer } from "../../../src/apps/lab/server.js";

/** Debian's chromium, driven by playwright-core (CI installs it). */
export const executablePath = "/usr/bin/chromium";

/** Builds the lab from the current sources into a fresh folder and exports it (as `iterlab lab --export`). */
export async function buildFreshLab(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), "iterlab-lab-"));
  const vite = await import("vite");
  await vite.build({
    configFile: join(packageRoot(), "src", "apps", "lab", "vite.config.ts"),
    logLevel: "error",
    build: { outDir: join(work, "bundle"), emptyOutDir: true },
  });
  exportLab(join(work, "bundle"), join(work, "site"));
  return join(work, "site");
}

/** Bytes and gzipped bytes of every file of the site, by kind. */
export function bundleSizes(folder: string): {
  files: number;
  bytes: number;
  gzipBytes: number;
  byFile: Record<string, number>;
} {
  const byFile: Record<string, number> = {};
  let bytes = 0;
  let gzipBytes = 0;
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const content = readFileSync(path);
        byFile[path.slice(folder.length + 1)] = content.length;
        bytes += content.length;
        gzipBytes += gzipSync(content).length;
      }
    }
  };
  walk(folder);
  return { files: Object.keys(byFile).length, bytes, gzipBytes, byFile };
}

/** A headless browser whose only reachable host is the lab server; it collects console errors and failed requests. */
export interface LabBrowser {
  readonly server: LabServer;
  readonly context: BrowserContext;
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  readonly blockedRequests: string[];
  /** Per opened page: milliseconds from the navigation's start until the page showed its iteration 0. */
  readonly loadTimes: number[];
  open(query: string): Promise<Page>;
  close(): Promise<void>;
}

/** Serves the site and starts Chromium with every other host blocked. */
export async function startLabBrowser(site: string): Promise<LabBrowser> {
  const server = await serveLab(site, 0);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const blockedRequests: string[] = [];
  const loadTimes: number[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blockedRequests.push(url);
    return route.abort("blockedbyclient");
  });
  return {
    server,
    context,
    consoleErrors,
    failedRequests,
    blockedRequests,
    loadTimes,
    async open(query) {
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(`${query}: ${message.text()}`);
      });
      page.on("pageerror", (error) => consoleErrors.push(`${query}: ${error.message}`));
      page.on("requestfailed", (request) => failedRequests.push(`${query}: ${request.url()}`));
      await page.goto(`${server.url}?${query}`, { waitUntil: "load" });
      await page.waitForFunction(
        `document.querySelector('[data-testid="iteration"]')?.textContent === "0"`,
        undefined,
        {
          timeout: 20_000,
        },
      );
      loadTimes.push(Math.round(await page.evaluate<number>("performance.now()")));
      return page;
    },
    async close() {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

/** Clicks Step until the page shows iteration `target`. */
export async function stepTo(page: Page, target: number): Promise<void> {
  const iteration = page.getByTestId("iteration").first();
  for (let k = Number(await iteration.textContent()); k < target; k++) {
    await page.getByTestId("step").first().click();
    await waitForText(page, "iteration", String(k + 1));
  }
}

/** Sets the run speed to its maximum and runs until the page shows a stop reason. */
export async function runToStop(page: Page): Promise<string> {
  const slider = page.getByTestId("speed").first();
  await slider.focus();
  await slider.press("End");
  await page.getByTestId("run").first().click();
  await page.waitForFunction(
    `document.querySelector('[data-testid="stop-reason"]')?.textContent !== "not stopped"`,
    undefined,
    {
      timeout: 30_000,
    },
  );
  return (await page.getByTestId("stop-reason").first().textContent()) ?? "";
}

/** The step-and-redraw times the page recorded (milliseconds). */
export async function frameTimes(page: Page): Promise<number[]> {
  return page.evaluate<number[]>("window.iterlabLab?.frameTimes ?? []");
}

/**
 * Waits until the first element with a test id (or, with `all`, every one) shows `expected`. The checks
 * run in the page, so they are strings here (the test's TypeScript has no DOM types).
 */
export async function waitForText(page: Page, testId: string, expected: string, all = false): Promise<void> {
  const nodes = `[...document.querySelectorAll('[data-testid="${testId}"]')]`;
  const check = all ? "every" : "slice(0, 1).some";
  await page.waitForFunction(
    `${nodes}.length > 0 && ${nodes}.${check}((node) => node.textContent === ${JSON.stringify(expected)})`,
  );
}

/** Waits until the page's URL has query parameter `name` matching `pattern`. */
export async function waitForParam(page: Page, name: string, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    `${pattern}.test(new URLSearchParams(location.search).get(${JSON.stringify(name)}) ?? "")`,
  );
}

/** Median, 95th percentile and maximum of some times, rounded to 0.1 ms. */
export function frameSummary(times: readonly number[]): { median: number; p95: number; max: number; count: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number | undefined) => Math.round((value ?? Number.NaN) * 10) / 10;
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { median: at(0.5), p95: at(0.95), max: round(sorted.at(-1)), count: sorted.length };
}
