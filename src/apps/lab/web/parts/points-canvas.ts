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
 * Voronoi cells of the centroids as the canvas's background, each pale in its centroid's colour. Each cell
 * is the view's box clipped by the half-planes nearer its centroid than each other one: k filled polygons,
 * exact, where a per-pixel nearest-centroid image cost most of a k-means frame.
 */
export function drawVoronoi(context: CanvasRenderingContext2D, view: Viewport, centroids: Float64Array): void {
  const k = centroids.length / 2;
  const [x0, x1, y0, y1] = view.box;
  for (let j = 0; j < k; j++) {
    const cx = centroids[2 * j] as number;
    const cy = centroids[2 * j + 1] as number;
    let cell: [number, number][] = [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ];
    for (let m = 0; m < k && cell.length > 0; m++) {
      if (m === j) continue;
      const mx = centroids[2 * m] as number;
      const my = centroids[2 * m + 1] as number;
      // Nearer c_j than c_m: (c_m - c_j) . p <= (|c_m|^2 - |c_j|^2) / 2.
      cell = clip(cell, mx - cx, my - cy, (mx * mx + my * my - cx * cx - cy * cy) / 2);
    }
    if (cell.length < 3) continue;
    context.beginPath();
    cell.forEach(([x, y], t) => {
      const [px, py] = toPixel(view, x, y);
      if (t === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    });
    context.closePath();
    context.fillStyle = rgba(
      colourOf(j).map((channel) => Math.round(255 - 0.12 * (255 - channel))) as unknown as [number, number, number],
    );
    context.fill();
  }
}

/** A convex polygon clipped to the half-plane `a x + b y <= c` (Sutherland-Hodgman, one edge). */
function clip(polygon: readonly [number, number][], a: number, b: number, c: number): [number, number][] {
  const out: [number, number][] = [];
  const side = ([x, y]: readonly [number, number]) => a * x + b * y - c;
  polygon.forEach((point, i) => {
    const next = polygon[(i + 1) % polygon.length] as [number, number];
    const here = side(point);
    const there = side(next);
    if (here <= 0) out.push(point);
    if ((here < 0 && there > 0) || (here > 0 && there < 0)) {
      const t = here / (here - there);
      out.push([point[0] + t * (next[0] - point[0]), point[1] + t * (next[1] - point[1])]);
    }
  });
  return out;
}

/** Points as small dots, one path per colour (one fill per cluster, not one per point). */
export function drawPoints(
  context: CanvasRenderingContext2D,
  view: Viewport,
  points: readonly (readonly number[])[],
  labels: ArrayLike<number> | undefined,
  k: number,
  radius = 2.5,
): void {
  for (let j = 0; j < Math.max(1, k); j++) {
    context.beginPath();
    points.forEach(([x, y], i) => {
      if ((labels?.[i] ?? 0) !== j) return;
      const [px, py] = toPixel(view, x as number, y as number);
      context.moveTo(px + radius, py);
      context.arc(px, py, radius, 0, 2 * Math.PI);
    });
    context.fillStyle = rgba(colourOf(j), 0.85);
    context.fill();
  }
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
