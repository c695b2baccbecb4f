/** Column alignment in {@link formatTable}. */
export type Alignment = "left" | "right";

/** The width the CLI's tables fit by default (`--wide` lifts it). */
export const defaultTableWidth = 100;

/** Options of {@link formatTable}. */
export interface FormatTableOptions {
  /**
   * The widest line allowed: columns marked in `wrap` are narrowed and their cells wrapped at spaces onto
   * continuation lines until the table fits, or until no column can narrow further.
   * @defaultValue `Infinity` (every cell on one line)
   */
  readonly maxWidth?: number;
  /**
   * Per column, whether its cells may wrap.
   * @defaultValue every left-aligned column but the first
   */
  readonly wrap?: readonly boolean[];
}

/** A column is never narrowed below this (or its longest word, whichever is wider). */
const narrowest = 8;

/**
 * Formats rows as a plain-text table with a header rule, padding each column to its widest cell (a row
 * given as one string is a heading across the whole table, e.g. the problem the rows below it share); with
 * `maxWidth`, long cells of the wrappable columns continue on the next lines so that the table fits (the
 * columns narrowed are those where that adds the fewest lines).
 *
 * @param headers - The column titles.
 * @param rows - The cells, one array per row, as strings; or a heading line.
 * @param alignments - Per column; numbers read best right-aligned.
 * @param options - The width to fit and the columns that may wrap.
 * @returns The table, lines joined with newlines (no trailing newline).
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[] | string)[],
  alignments: readonly Alignment[] = [],
  options: FormatTableOptions = {},
): string {
  const maxWidth = options.maxWidth ?? Infinity;
  const cellRows = rows.filter((row): row is readonly string[] => typeof row !== "string");
  const wrap = options.wrap ?? headers.map((_, column) => column > 0 && alignments[column] !== "right");
  const column = (index: number) => [headers[index] ?? "", ...cellRows.map((row) => row[index] ?? "")];
  const widths = headers.map((_, index) => Math.max(...column(index).map((cell) => cell.length)));
  const floors = headers.map((_, index) =>
    wrap[index] === true
      ? Math.max(
          narrowest,
          ...column(index)
            .flatMap(words)
            .map((word) => word.length),
        )
      : Infinity,
  );
  const total = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
  // Narrow one column at a time: the one whose narrowing adds the fewest lines to the table (then the widest).
  const rowHeight = (row: readonly string[], trial: readonly number[]) =>
    Math.max(...row.map((cell, index) => wrapText(cell, trial[index] ?? cell.length).length));
  const height = (trial: readonly number[]) =>
    [headers, ...cellRows].reduce((sum, row) => sum + rowHeight(row, trial), 0);
  while (total() > maxWidth) {
    let best = -1;
    let bestHeight = Infinity;
    widths.forEach((width, column) => {
      if (width <= (floors[column] as number)) return;
      const trial = widths.map((other, index) => (index === column ? other - 1 : other));
      const lines = height(trial);
      if (lines < bestHeight || (lines === bestHeight && width > (widths[best] as number))) {
        best = column;
        bestHeight = lines;
      }
    });
    if (best < 0) break;
    widths[best] = (widths[best] as number) - 1;
  }
  const lines = (cells: readonly string[]) => {
    const wrapped = cells.map((cell, column) => wrapText(cell, widths[column] ?? cell.length));
    const height = Math.max(1, ...wrapped.map((parts) => parts.length));
    return Array.from({ length: height }, (_, index) =>
      wrapped
        .map((parts, column) => {
          const part = parts[index] ?? "";
          const width = widths[column] ?? 0;
          return alignments[column] === "right" ? part.padStart(width) : part.padEnd(width);
        })
        .join("  ")
        .trimEnd(),
    );
  };
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const headingWidth = Math.min(maxWidth, Math.max(rule.length, 40));
  const body = rows.flatMap((row) => (typeof row === "string" ? wrapText(row, headingWidth, "  ") : lines(row)));
  return [...lines(headers), rule, ...body].join("\n");
}

function words(text: string): string[] {
  return text.split(" ").filter((word) => word !== "");
}

/**
 * Wraps text at spaces into lines of at most `width` characters (a word longer than that is cut).
 *
 * @param text - One line of text.
 * @param width - The widest line.
 * @param indent - Put before every line after the first.
 * @returns The lines (one, when the text fits).
 */
export function wrapText(text: string, width: number, indent = ""): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let current = "";
  const room = () => Math.max(1, lines.length === 0 ? width : width - indent.length);
  for (let word of words(text)) {
    if (current !== "" && current.length + 1 + word.length <= room()) {
      current += ` ${word}`;
      continue;
    }
    if (current !== "") lines.push(current);
    while (word.length > room()) {
      const cut = room();
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    current = word;
  }
  if (current !== "") lines.push(current);
  return lines.map((line, index) => (index === 0 ? line : `${indent}${line}`));
}
