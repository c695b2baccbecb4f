import { InvalidOptionError } from "../../src/index.js";
import { anyValue, integerAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** Options of {@link renderGrid}. */
export interface RenderGridOptions {
  /** Grid rows. */
  readonly rows: number;
  /** Grid columns; states are numbered row by row, `s = row * columns + column`. */
  readonly columns: number;
  /** One value per state, printed with `digits` decimals; omitted: no value grid. */
  readonly values?: ArrayLike<number> | undefined;
  /**
   * One action per state in the order left, down, right, up (Gymnasium's), drawn as arrows; `-1` draws `.`;
   * omitted: no policy grid.
   */
  readonly policy?: ArrayLike<number> | undefined;
  /** A label per state that replaces its arrow (e.g. `H`, `G` of FrozenLake); `""` or missing: the arrow. */
  readonly labels?: readonly string[] | undefined;
  /**
   * Decimals of the values.
   * @defaultValue `1`
   */
  readonly digits?: number | undefined;
}

/** Arrows for left, down, right, up. */
const arrows = ["←", "↓", "→", "↑"];

/**
 * Renders a grid's values and greedy policy for a terminal: a pure function returning the text (library code
 * never prints).
 *
 * @remarks The values come first, right-aligned with `digits` decimals, one grid row per line; then the
 * policy as arrows (left, down, right, up: Gymnasium's action order), `.` for `-1` (terminal), or the state's
 * label where one is given.
 * @param options - Grid shape, values, policy, labels, decimals.
 * @returns The lines, joined with newlines.
 * @throws `InvalidOptionError` for a shape that is not two integers >= 1, or values, policy or labels of the
 *   wrong length.
 * @example
 * ```ts
 * renderGrid({ rows: 1, columns: 3, values: [0, -1, -2], policy: [-1, 0, 0] });
 * // " 0.0 -1.0 -2.0\n\n. ← ←"
 * ```
 */
export function renderGrid(options: RenderGridOptions): string {
  const rules = {
    rows: integerAtLeast(1),
    columns: integerAtLeast(1),
    values: anyValue,
    policy: anyValue,
    labels: anyValue,
    digits: optional(integerAtLeast(0, 20)),
  } satisfies OptionSchemaOf<RenderGridOptions>;
  validateStrictOptions(options, rules, "renderGrid");
  const { rows, columns, values, policy, labels, digits = 1 } = options;
  const cells = rows * columns;
  for (const [name, array] of [
    ["values", values],
    ["policy", policy],
    ["labels", labels],
  ] as const) {
    if (array !== undefined && (array === null || typeof array !== "object" || array.length !== cells)) {
      throw new InvalidOptionError(name, `an array of rows * columns = ${cells} entries`, array);
    }
  }
  const lines: string[] = [];
  if (values !== undefined) {
    const texts = Array.from({ length: cells }, (_, s) => (values[s] as number).toFixed(digits));
    const width = Math.max(...texts.map((text) => text.length));
    for (let r = 0; r < rows; r++)
      lines.push(
        texts
          .slice(r * columns, (r + 1) * columns)
          .map((text) => text.padStart(width))
          .join(" "),
      );
  }
  if (policy !== undefined || labels !== undefined) {
    if (lines.length > 0) lines.push("");
    for (let r = 0; r < rows; r++) {
      const row: string[] = [];
      for (let c = 0; c < columns; c++) {
        const s = r * columns + c;
        const label = labels?.[s];
        const action = policy?.[s] ?? -1;
        row.push(label !== undefined && label !== "" ? label : (arrows[action] ?? "."));
      }
      lines.push(row.join(" "));
    }
  }
  return lines.join("\n");
}
