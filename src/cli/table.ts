/** Column alignment in {@link formatTable}. */
export type Alignment = "left" | "right";

/**
 * Formats rows as a plain-text table with a header rule, padding each column to its widest cell.
 *
 * @param headers - The column titles.
 * @param rows - The cells, one array per row, as strings.
 * @param alignments - Per column; numbers read best right-aligned.
 * @returns The table, lines joined with newlines (no trailing newline).
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], alignments: readonly Alignment[] = []): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return alignments[column] === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
