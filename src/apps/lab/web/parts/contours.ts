import type { Objective2d } from "../../problems/objectives.js";
import { heat, toWorld } from "./canvas.js";
import type { Viewport } from "./canvas.js";

/**
 * The objective's landscape as an image: log(f - f_min + 1e-3) in colour bands, so that the contour lines
 * are the band edges; f_min is the least value at the minimisers, or on the image when none is known (a
 * typed expression). Computed once per objective (cached by the caller).
 */
export function contourImage(objective: Objective2d, view: Viewport): ImageData {
  const { width, height } = view;
  const values = new Float64Array(width * height);
  const point = new Float64Array(2);
  let least = Number.POSITIVE_INFINITY;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const [x, y] = toWorld(view, px, py);
      point[0] = x;
      point[1] = y;
      const value = objective.f(point);
      values[py * width + px] = value;
      if (value < least) least = value;
    }
  }
  const fMin =
    objective.minima.length > 0
      ? Math.min(...objective.minima.map(([a, b]) => objective.f(Float64Array.of(a, b))))
      : least;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    // Non-finite values (outside a typed f's domain) take the top band.
    const raw = values[i] as number;
    const value = Number.isFinite(raw) ? Math.log(Math.max(raw - fMin, 0) + 1e-3) : Number.NaN;
    values[i] = value;
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  const image = new ImageData(width, height);
  const bands = 18;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = Number.isNaN(v) ? 1 : (v - lo) / (hi - lo || 1);
    const band = Math.floor(t * bands) / bands;
    const [r, g, b] = rgbOf(heat(1 - band));
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  return image;
}

const colourCache = new Map<string, [number, number, number]>();

/** The RGB bytes of a CSS colour, read through a 1-pixel canvas (cached per colour). */
function rgbOf(colour: string): [number, number, number] {
  const cached = colourCache.get(colour);
  if (cached !== undefined) return cached;
  const context = document.createElement("canvas").getContext("2d");
  if (context === null) return [255, 255, 255];
  context.fillStyle = colour;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  const rgb: [number, number, number] = [r ?? 0, g ?? 0, b ?? 0];
  colourCache.set(colour, rgb);
  return rgb;
}
