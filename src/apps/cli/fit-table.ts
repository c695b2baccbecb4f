import { wrapText } from "./table.js";

/** A header rule: runs of dashes separated by two spaces. */
const rule = /^-+(?: {2}-+)*$/;

/**
 * Fits a block of text made elsewhere (a comparison table with its caption, a chart) into `width`
 * columns: a table wider than that is split into column groups printed one under the other, each
 * repeating the first column (the method); other long lines are wrapped at spaces. Tables are found by
 * their header rule (`-----  ----`); their rows are the lines after it up to a blank line, a note in
 * parentheses or the `notes:` that follow a comparison table (notes are text, never cut into columns).
 * A chart's legend continues indented under itself.
 *
 * @param text - The text, lines separated by newlines.
 * @param width - The widest line allowed.
 * @returns The text, unchanged when it fits.
 */
export function fitText(text: string, width: number): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (next !== undefined && rule.test(next)) {
      let end = i + 2;
      const isRow = (line: string | undefined) =>
        line !== undefined && line.trim() !== "" && !line.startsWith("(") && !line.startsWith("notes:");
      while (isRow(lines[end])) end++;
      out.push(...splitTable(lines.slice(i, end), next, width));
      i = end - 1;
      continue;
    }
    const line = lines[i] as string;
    out.push(...(line.length <= width || isChartRow(line) ? [line] : wrapLine(line, width)));
  }
  return out.join("\n");
}

/** Wraps a line at spaces: a legend continues under itself, an indented line (a note) keeps its indent. */
function wrapLine(line: string, width: number): string[] {
  if (line.startsWith("legend:")) return wrapText(line, width, "        ");
  const lead = /^ */.exec(line)?.[0] ?? "";
  if (lead === "") return wrapText(line, width);
  return wrapText(line.slice(lead.length), width - lead.length, "  ").map((text) => `${lead}${text}`);
}

/** A chart's rows (axis ticks) are never wrapped: a wrapped chart is no chart. */
function isChartRow(line: string): boolean {
  return /[┤┼│]/.test(line);
}

/** Splits the header, rule and rows of a table into column groups of at most `width` characters. */
function splitTable(table: readonly string[], ruleLine: string, width: number): string[] {
  if (table.every((line) => line.length <= width)) return [...table];
  const spans: [number, number][] = [];
  for (const match of ruleLine.matchAll(/-+/g)) spans.push([match.index, match.index + match[0].length]);
  const cell = (line: string, [start, end]: [number, number]) => line.slice(start, end).padEnd(end - start);
  const first = spans[0] as [number, number];
  const groups: [number, number][][] = [];
  let group: [number, number][] = [];
  let used = first[1] - first[0];
  for (const span of spans.slice(1)) {
    const size = span[1] - span[0] + 2;
    if (group.length > 0 && used + size > width) {
      groups.push(group);
      group = [];
      used = first[1] - first[0];
    }
    group.push(span);
    used += size;
  }
  if (group.length > 0) groups.push(group);
  return groups.flatMap((columns, index) => [
    ...(index > 0 ? [""] : []),
    ...table.map((line) =>
      [first, ...columns]
        .map((span) => cell(line, span))
        .join("  ")
        .trimEnd(),
    ),
  ]);
}
