import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeHtmlReport } from "../../src/report/index.js";
import { cubic, rootFinderOptionsDescribed, rootFinders } from "./fixtures.js";

// Debian's chromium, driven by playwright-core. CI installs it (.ci/run); without it this test is skipped.
const executablePath = "/usr/bin/chromium";
const missing = !existsSync(executablePath);
const title = missing
  ? `the HTML report in Chromium (skipped: ${executablePath} not found; install it with apt-get install -y chromium)`
  : "the HTML report in Chromium";

describe(title, () => {
  it.skipIf(missing)(
    "renders every plot, with no console errors and no requests beyond the file itself",
    async () => {
      const work = mkdtempSync(join(tmpdir(), "iterlab-browser-"));
      const context = await chromium.launchPersistentContext(join(work, "profile"), {
        executablePath,
        headless: true,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
        viewport: { width: 1200, height: 900 },
      });
      try {
        const path = join(work, "report.html");
        const options = rootFinderOptionsDescribed();
        await writeHtmlReport(path, {
          title: "Root finders <in a browser>",
          generatedBy: "report-in-browser.test.ts",
          sections: [
            { heading: "Newton vs secant", problem: cubic, options, comparison: rootFinders() },
            { heading: "Again, to check ids stay apart", problem: cubic, options, comparison: rootFinders(["N", "S"]) },
          ],
        });
        const page = await context.newPage();
        const consoleErrors: string[] = [];
        const failed: string[] = [];
        const requested: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") consoleErrors.push(message.text());
        });
        page.on("pageerror", (error) => consoleErrors.push(error.message));
        page.on("requestfailed", (request) => failed.push(request.url()));
        page.on("request", (request) => requested.push(request.url()));
        const url = pathToFileURL(path).href;
        await page.goto(url, { waitUntil: "load" });

        expect(await page.title()).toBe("Root finders <in a browser>");
        const plots = page.locator("figure.plot svg");
        expect(await plots.count()).toBe(4);
        for (let i = 0; i < 4; i++) {
          const box = await plots.nth(i).boundingBox();
          expect(box?.width).toBeGreaterThan(100);
          expect(box?.height).toBeGreaterThan(100);
        }
        // Each line is drawn: its path has a nonzero bounding box inside the plot.
        const lines = page.locator("figure.plot svg g.mark-line path");
        expect(await lines.count()).toBe(8);
        for (let i = 0; i < 8; i++) {
          const box = await lines.nth(i).boundingBox();
          expect((box?.width ?? 0) + (box?.height ?? 0)).toBeGreaterThan(10);
        }
        expect(await page.locator("table").first().locator("tbody tr").count()).toBe(2);
        expect(consoleErrors).toEqual([]);
        expect(failed).toEqual([]);
        expect(requested).toEqual([url]);

        const artifacts = resolve("test-artifacts");
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, "report.png"), fullPage: true });
        expect(existsSync(join(artifacts, "report.png"))).toBe(true);
      } finally {
        await context.close();
        rmSync(work, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
