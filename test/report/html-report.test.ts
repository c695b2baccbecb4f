import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare, distanceTo } from "../../src/index.js";
import { htmlReport, writeHtmlReport } from "../../src/report/index.js";
import { newton } from "../../solvers/newton/index.js";
import { cubic, rootFinderOptionsDescribed, rootFinders, wallis } from "./fixtures.js";

const version = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
const options = rootFinderOptionsDescribed();

describe("htmlReport", () => {
  it("writes one page with the table, both plots, the problem, the options, the version and the date", async () => {
    const html = await htmlReport({
      title: "Root finders",
      generatedBy: "iterlab compare",
      date: new Date("2026-01-02T03:04:05Z"),
      sections: [
        {
          heading: "x^3 - 2x - 5",
          description: "Newton against the secant method.",
          problem: cubic,
          options,
          comparison: rootFinders(),
        },
      ],
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Root finders</title>");
    expect(html).toContain(`iterlab ${version}`);
    expect(html).toContain("generated 2026-01-02T03:04:05.000Z");
    expect(html).toContain("<code>iterlab compare</code>");
    expect(html.match(/<svg /g)).toHaveLength(2); // against the iteration and against the time
    expect(html.match(/<g class="mark-line role-mark/g)).toHaveLength(4);
    expect(html).toContain('<th scope="row">Newton</th>');
    expect(html).toContain("iterations to 1e-12"); // chosen from the errors reached
    expect(html).toContain("<li>tolerances 0.01, 1e-5, 1e-9, 1e-12 chosen from the errors reached");
    expect(html).toContain("<li>times after 1 untimed warm-up run per method</li>");
    expect(html).toContain("&quot;f&quot;: &quot;x^3 - 2x - 5&quot;"); // the problem, as escaped JSON
    expect(html).toContain("&quot;error&quot;: &quot;|x - x*|&quot;"); // the options
    expect(html).toContain("converged: ");
  });

  it("is self-contained: no scripts, no stylesheets or images to load, no URLs but the SVG namespaces", async () => {
    const html = await htmlReport({
      title: "t",
      sections: [{ heading: "h", problem: cubic, options, comparison: rootFinders() }],
    });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=/i);
    const urls = [...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((match) => match[0]);
    expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]));
  });

  it("escapes every text it is given, and keeps the ids of several plots apart", async () => {
    const html = await htmlReport({
      title: "<script>alert(1)</script>",
      generatedBy: 'a "quoted" & <b>bold</b> command',
      sections: [
        {
          heading: "<i>one</i>",
          description: "x < y & y > z",
          problem: { note: "</pre><script>" },
          options: {},
          comparison: rootFinders(["<em>N</em>", "s"]),
        },
        { heading: "two", problem: cubic, options: {}, comparison: rootFinders() },
      ],
    });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<i>one</i>");
    expect(html).not.toContain("<em>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; command");
    expect(html).toContain("x &lt; y &amp; y &gt; z");
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shows means ± sd and each seed's run when there are several seeds", async () => {
    const comparison = compare({
      problem: cubic,
      methods: [{ label: "Newton", solver: newton() }],
      error: distanceTo(wallis),
      seeds: [3, 4],
    });
    const html = await htmlReport({
      title: "t",
      sections: [{ heading: "h", problem: cubic, options: {}, comparison }],
    });
    expect(html).toContain("2 seeds: iterations and ms to a tolerance are medians over the seeds that reached it");
    expect(html).toContain("<td>5 ± 0</td>");
    expect(html).toContain("<summary>Runs per seed</summary>");
    expect(html.match(/<tr><th scope="row">Newton<\/th><td>[34]<\/td><td>5<\/td>/g)).toHaveLength(2);
  });

  it("rejects a report without a title or sections", async () => {
    await expect(htmlReport({ title: 1 as never, sections: [] })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: report.title must be a string, got 1]`,
    );
    await expect(htmlReport({ title: "t", sections: undefined as never })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: report.sections must be an array of sections, got undefined]`,
    );
  });
});

describe("writeHtmlReport", () => {
  it("writes the page to a file", async () => {
    const directory = mkdtempSync(join(tmpdir(), "iterlab-report-"));
    try {
      const path = join(directory, "report.html");
      await writeHtmlReport(path, {
        title: "Root finders",
        sections: [{ heading: "h", problem: cubic, options, comparison: rootFinders() }],
      });
      const html = readFileSync(path, "utf8");
      expect(html).toContain("<title>Root finders</title>");
      expect(html.match(/<svg /g)).toHaveLength(2);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
