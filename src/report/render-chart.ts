import { existsSync } from "node:fs";
import type { TopLevelSpec } from "vega-lite";
import { InvalidOptionError } from "../engine/errors.js";
import { importOptionalPart } from "../engine/optional-part.js";
import { numberBetween, optional, validateStrictOptions } from "../engine/validate.js";
import type { ChartSpec, PngOptions } from "./types.js";

/**
 * Font files tried for PNG text, first found wins: Debian's `fonts-dejavu-core`, then other common
 * places. Loading one file is much faster than scanning every system font.
 */
const fontCandidates = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/System/Library/Fonts/Supplemental/Arial.ttf",
  "C:\\Windows\\Fonts\\arial.ttf",
];

/**
 * Renders a vega-lite chart to SVG text, offline: vega-lite compiles it to vega, and a headless vega view
 * (renderer `none`) draws it.
 *
 * @remarks Text is measured with vega's estimate (no canvas is needed), so labels may be a few pixels
 * wider or narrower than in a browser. Takes about 10 to 50 ms for a comparison chart.
 * @param spec - A vega-lite specification, e.g. from {@link comparisonChartSpec}; inline data only.
 * @returns The SVG document (`<svg ...>...</svg>`), with its width and height in pixels.
 * @throws {@link iterlab!InvalidOptionError} when `spec` is not an object; what vega-lite throws for an invalid spec.
 * @throws {@link iterlab!OptionalPartMissingError} when vega or vega-lite is not installed (the message has the
 *   `npm install` command).
 * @example
 * ```ts
 * writeFileSync("newton.svg", await renderChartSvg(comparisonChartSpec(comparison, { x: "iteration" })));
 * ```
 */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  if (spec === null || typeof spec !== "object")
    throw new InvalidOptionError("spec", "a vega-lite specification", spec);
  // Loaded on first use: vega and vega-lite are optional peer dependencies, and take about a second to import,
  // which every user of the engine would otherwise pay at startup.
  const [{ parse, View }, { compile }] = await importOptionalPart("charts", () =>
    Promise.all([import("vega"), import("vega-lite")]),
  );
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a vega-lite chart to a PNG image, offline: {@link renderChartSvg}, then `@resvg/resvg-js`
 * rasterises the SVG.
 *
 * @remarks resvg draws text only with a font it has loaded: it loads DejaVu Sans (Debian's
 * `fonts-dejavu-core`) or another common sans-serif font file when one is present, and otherwise scans
 * the system's fonts (slower; with no font at all, text is left out and the lines still show). The image
 * is the SVG's size times `scale`.
 * @param spec - A vega-lite specification.
 * @param options - The scale.
 * @returns The PNG file's bytes.
 * @throws {@link iterlab!InvalidOptionError} for an unknown option or a `scale` not in (0, 10].
 * @throws {@link iterlab!OptionalPartMissingError} when vega, vega-lite or `@resvg/resvg-js` is not installed.
 * @example
 * ```ts
 * writeFileSync("newton.png", await renderChartPng(spec, { scale: 2 }));
 * ```
 */
export async function renderChartPng(spec: ChartSpec, options: PngOptions = {}): Promise<Uint8Array> {
  validateStrictOptions(options, pngRules, "renderChartPng");
  return rasteriseSvg(await renderChartSvg(spec), options);
}

const pngRules = { scale: optional(numberBetween(0, 10, "(]")) };

/**
 * Rasterises an SVG document (one {@link renderChartSvg} made) to a PNG image with `@resvg/resvg-js`, on a white
 * background, with the font {@link renderChartPng} describes.
 *
 * @param svg - The SVG document.
 * @param options - The scale.
 * @returns The PNG file's bytes.
 * @throws {@link iterlab!InvalidOptionError} for an unknown option, a `scale` not in (0, 10] or `svg` not a string.
 * @example
 * ```ts
 * const svg = await renderChartSvg(spec);
 * writeFileSync("chart.png", await rasteriseSvg(svg, { scale: 2 }));
 * ```
 */
export async function rasteriseSvg(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  validateStrictOptions(options, pngRules, "rasteriseSvg");
  if (typeof svg !== "string") throw new InvalidOptionError("svg", "an SVG document", svg);
  const fontFile = fontCandidates.find((path) => existsSync(path));
  const { Resvg } = await importOptionalPart("charts", () => import("@resvg/resvg-js"));
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? 1 },
    background: "white",
    font:
      fontFile === undefined
        ? { loadSystemFonts: true }
        : {
            loadSystemFonts: false,
            fontFiles: [fontFile],
            defaultFontFamily: "DejaVu Sans",
            sansSerifFamily: "DejaVu Sans",
          },
  });
  return new Uint8Array(resvg.render().asPng());
}
