import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { CanvasHTMLAttributes } from "preact";
import { markDrawn, recordPartTime } from "./frame-times.js";

/** A world box `[xmin, xmax, ymin, ymax]` mapped onto a canvas of `width x height` pixels (y up). */
export interface Viewport {
  readonly box: readonly [number, number, number, number];
  readonly width: number;
  readonly height: number;
}

/** Pixel coordinates of a world point. */
export function toPixel({ box, width, height }: Viewport, x: number, y: number): [number, number] {
  const [x0, x1, y0, y1] = box;
  return [((x - x0) / (x1 - x0)) * width, height - ((y - y0) / (y1 - y0)) * height];
}

/** World coordinates of a pixel. */
export function toWorld({ box, width, height }: Viewport, px: number, py: number): [number, number] {
  const [x0, x1, y0, y1] = box;
  return [x0 + (px / width) * (x1 - x0), y0 + ((height - py) / height) * (y1 - y0)];
}

/** Props of {@link Canvas}. */
export interface CanvasProps extends Omit<CanvasHTMLAttributes<HTMLCanvasElement>, "width" | "height"> {
  readonly width: number;
  readonly height: number;
  /** Draws the picture; runs after every render while the page is visible, before the browser paints. */
  readonly draw: (context: CanvasRenderingContext2D) => void;
}

/**
 * A canvas drawn by `draw` after a render that changed `draw` (pages memoise it on what it shows) or the
 * size: a canvas left alone is not sent to the compositor again. While the page is hidden (a background tab
 * running) it is not drawn, and it is drawn with the latest `draw` when the page shows again.
 */
export function Canvas({ width, height, draw, ...rest }: CanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const latest = useRef({ draw, width, height });
  latest.current = { draw, width, height };
  const painted = useRef<{ draw: unknown; width: number; height: number } | undefined>(undefined);
  const paint = (force: boolean) => {
    if (document.visibilityState === "hidden") return;
    const last = painted.current;
    const next = latest.current;
    if (!force && last?.draw === next.draw && last.width === next.width && last.height === next.height) return;
    const context = ref.current?.getContext("2d");
    if (context === null || context === undefined) return;
    const started = performance.now();
    context.clearRect(0, 0, next.width, next.height);
    next.draw(context);
    painted.current = { ...next };
    recordPartTime(`draw ${rest["aria-label"] ?? "canvas"}`, performance.now() - started);
    markDrawn();
  };
  useLayoutEffect(() => paint(false));
  useEffect(() => {
    const onVisible = () => paint(true);
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);
  return <canvas ref={ref} width={width} height={height} {...rest} />;
}

/** A filled dot. */
export function dot(context: CanvasRenderingContext2D, [x, y]: [number, number], radius: number, fill: string): void {
  context.beginPath();
  context.arc(x, y, radius, 0, 2 * Math.PI);
  context.fillStyle = fill;
  context.fill();
}

/** A straight segment. */
export function segment(
  context: CanvasRenderingContext2D,
  [ax, ay]: [number, number],
  [bx, by]: [number, number],
  stroke: string,
  width = 1,
): void {
  context.beginPath();
  context.moveTo(ax, ay);
  context.lineTo(bx, by);
  context.strokeStyle = stroke;
  context.lineWidth = width;
  context.stroke();
}

/** A colour from blue (0) through white (0.5) to red (1). */
export function diverging(t: number): string {
  const [r, g, b] = divergingRgb(t);
  return `rgb(${r},${g},${b})`;
}

/** {@link diverging} as RGB bytes. */
export function divergingRgb(t: number): [number, number, number] {
  const u = Math.max(0, Math.min(1, t));
  const r = u < 0.5 ? Math.round(255 * 2 * u) : 255;
  const b = u > 0.5 ? Math.round(255 * 2 * (1 - u)) : 255;
  const g = Math.round(255 * (1 - Math.abs(2 * u - 1)));
  return [r, g, b];
}

/** A sequential colour from pale yellow (0) to dark red (1). */
export function heat(t: number): string {
  const u = Math.max(0, Math.min(1, t));
  return `hsl(${Math.round(55 - 55 * u)}, 90%, ${Math.round(92 - 60 * u)}%)`;
}
