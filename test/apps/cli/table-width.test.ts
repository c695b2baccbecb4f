import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/apps/cli/run-cli.js";
import { fitText } from "../../../src/apps/cli/fit-table.js";
import { formatTable, wrapText } from "../../../src/apps/cli/table.js";

async function run(argv: string[]) {
  let stdout = "";
  const code = await runCli(argv, { stdout: (text) => void (stdout += text), stderr: () => undefined });
  return { code, stdout };
}

const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));

describe("formatTable with maxWidth", () => {
  it("wraps the cells of the columns it narrows at spaces, and keeps the others whole", () => {
    const table = formatTable(
      ["name", "n", "note"],
      [
        ["alpha", "12", "one two three four"],
        ["b", "3", "five"],
      ],
      ["left", "right", "left"],
      { maxWidth: 20 },
    );
    expect(table.split("\n")).toEqual([
      "name    n  note",
      "-----  --  ---------",
      "alpha  12  one two",
      "           three",
      "           four",
      "b       3  five",
    ]);
  });

  it("leaves a table that fits as it is", () => {
    const rows = [["alpha", "12", "one two"]];
    expect(formatTable(["name", "n", "note"], rows, ["left", "right", "left"], { maxWidth: 100 })).toBe(
      formatTable(["name", "n", "note"], rows, ["left", "right", "left"]),
    );
  });

  it("prints a heading row across the table", () => {
    expect(formatTable(["a", "b"], ["group one", ["x", "y"]]).split("\n")).toEqual([
      "a  b",
      "-  -",
      "group one",
      "x  y",
    ]);
  });
});

describe("wrapText", () => {
  it("breaks at spaces, indents continuation lines, and cuts a word longer than a line", () => {
    expect(wrapText("legend: ** Newton oo BFGS", 12, "  ")).toEqual(["legend: **", "  Newton oo", "  BFGS"]);
    expect(wrapText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });
});

describe("fitText", () => {
  const table = [
    "error: e",
    "method  aaaaaaaa  bbbbbbbb  cccccccc",
    "------  --------  --------  --------",
    "one            1         2         3",
    "(a note)",
  ].join("\n");

  it("splits a wide table into column groups that repeat the first column", () => {
    expect(fitText(table, 26).split("\n")).toEqual([
      "error: e",
      "method  aaaaaaaa  bbbbbbbb",
      "------  --------  --------",
      "one            1         2",
      "",
      "method  cccccccc",
      "------  --------",
      "one            3",
      "(a note)",
    ]);
  });

  it("returns text that fits unchanged", () => {
    expect(fitText(table, 100)).toBe(table);
  });

  it("leaves the notes under a comparison table whole when it splits the table", () => {
    const note = "  rate of one: log error is not a straight line";
    const withNotes = [...table.split("\n").slice(0, 4), "notes:", note].join("\n");
    expect(fitText(withNotes, 48).split("\n")).toEqual([
      "error: e",
      "method  aaaaaaaa  bbbbbbbb  cccccccc",
      "------  --------  --------  --------",
      "one            1         2         3",
      "notes:",
      note,
    ]);
    expect(fitText(withNotes, 30).split("\n").slice(-7)).toEqual([
      "",
      "method  cccccccc",
      "------  --------",
      "one            3",
      "notes:",
      "  rate of one: log error is",
      "    not a straight line",
    ]);
  });
});

describe("iterlab tour's tables", () => {
  it("fit 100 columns by default: every line of the summary, the comparisons and the charts", {
    timeout: 120_000,
  }, async () => {
    const { code, stdout } = await run(["tour", "--no-report"]);
    expect(code).toBe(0);
    const wide = stdout.split("\n").filter((line) => line.length > 100);
    expect(wide).toEqual([]);
    // Notes under a comparison are sentences, never cut into the table's columns.
    expect(stdout).toContain("  times after 1 untimed warm-up run per method\n");
    // The summary groups runs under their problem; notes on a stop are footnotes.
    expect(stdout).toContain("2-D Poisson 15 x 15, b = A x* (error: ||x - x*||)\n");
    expect(stdout).toMatch(/\n\[1\] mini-batch k-means \(k-means\+\+, batch 256\): best \S+ at iteration \d+\n/);
  });

  it("print everything in full with --wide", { timeout: 120_000 }, async () => {
    const { code, stdout } = await run(["tour", "--no-report", "--wide"]);
    expect(code).toBe(0);
    expect(widest(stdout)).toBeGreaterThan(200);
    expect(stdout).toMatch(
      /mini-batch k-means \(k-means\+\+, batch 256\)\s+three 2-D blobs, 3000 points\s+\d+\s+converged: ewa inertia: checks without improvement = 10 >= 10 \(met, best \S+ at iteration \d+\)/,
    );
  });
});

describe("other tables", () => {
  it.each([
    [["solvers"]],
    [["problems"]],
    [["compare", "poisson-2d", "--no-report"]],
    [["compare", "iris", "--seeds", "3", "--no-report"]],
  ])("%j fits 100 columns by default and not with --wide", async (argv) => {
    const fitted = await run(argv);
    expect(fitted.code).toBe(0);
    expect(widest(fitted.stdout)).toBeLessThanOrEqual(100);
    const wide = await run([...argv, "--wide"]);
    expect(wide.code).toBe(0);
    expect(widest(wide.stdout)).toBeGreaterThan(100);
  });
});
