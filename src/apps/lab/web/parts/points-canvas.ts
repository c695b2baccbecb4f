import type { Viewport } from "./canvas.js";
import { toPixel } from "./canvas.js";

/** Cluster colours (RGB), one per centroid or component. */
export const clusterColours: readonly (readonly [number, number, number])[] = [
  [31, 119, 180],
  [214, 39, 40],
  [44, 160, 44],
  [148, 103, 189],
  [255, 127, 14],
  [23, 190, 207],
  [140, 86, 75],
  [227, 119, 194],
];

/** A CSS colour from RGB and an alpha. */
export function rgba([r, g, b]: readonly [number, number, number], alpha = 1): string {
  return `rgba(${r},${g},${b},${alpha})`;
}

/** The colour of cluster `j`. */
export function colourOf(j: number): readonly [number, number, number] {
  return clusterColours[j % clusterColours.length] as readonly [number, number, number];
}

/**
 * Voronoi cells of the centroids as the canvas's background: each pixel takes its nearest centroid's colour,
 * pale (written as one image: a fill per block was the slowest part of a k-means redraw).
 */
export function drawVoronoi(context: CanvasRenderingContext2D, view: Viewport, centroids: Float64Array): void {
  const k = centroids.length / 2;
  if (k === 0) return;
  const { width, height } = view;
  const [x0, x1, y0, y1] = view.box;
  const image = context.createImageData(width, height);
  const pale = (j: number) => colourOf(j).map((channel) => Math.round(255 - 0.12 * (255 - channel)));
  const colours = Array.from({ length: k }, (_, j) => pale(j));
  for (let py = 0; py < height; py++) {
    const y = y0 + ((height - py - 0.5) / height) * (y1 - y0);
    for (let px = 0; px < width; px++) {
      const x = x0 + ((px + 0.5) / width) * (x1 - x0);
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const d = (x - (centroids[2 * j] as number)) ** 2 + (y - (centroids[2 * j + 1] as number)) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = j;
        }
      }
      const colour = colours[best] as number[];
      const at = 4 * (py * width + px);
      image.data[at] = colour[0] as number;
      image.data[at + 1] = colour[1] as number;
      image.data[at + 2] = colour[2] as number;
      image.data[at + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
}

/** The 2-sigma ellipse of a 2 x 2 covariance around a mean. */
export function drawEllipse(
  context: CanvasRenderingContext2D,
  view: Viewport,
  mean: readonly [number, number],
  covariance: readonly (readonly number[])[],
  colour: string,
): void {
  const a = covariance[0]?.[0] ?? 0;
  const b = covariance[0]?.[1] ?? 0;
  const c = covariance[1]?.[1] ?? 0;
  // Eigen-decomposition of [[a, b], [b, c]]: the axes' lengths and the angle of the first.
  const mid = (a + c) / 2;
  const spread = Math.hypot((a - c) / 2, b);
  const major = Math.sqrt(Math.max(mid + spread, 0));
  const minor = Math.sqrt(Math.max(mid - spread, 0));
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  context.beginPath();
  for (let t = 0; t <= 64; t++) {
    const theta = (2 * Math.PI * t) / 64;
    const u = 2 * major * Math.cos(theta);
    const v = 2 * minor * Math.sin(theta);
    const [px, py] = toPixel(
      view,
      mean[0] + u * Math.cos(angle) - v * Math.sin(angle),
      mean[1] + u * Math.sin(angle) + v * Math.cos(angle),
    );
    if (t === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  }
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.stroke();
}
