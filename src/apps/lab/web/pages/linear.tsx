import { useCallback, useMemo } from "preact/hooks";
import { estimateRateFit } from "../../../../index.js";
import { linearMethods, linearRun, theoreticalRate, youngOptimum } from "../../problems/linear.js";
import type { LinearMethod } from "../../problems/linear.js";
import type { GaussSeidelState } from "../../../../../solvers/gauss-seidel/index.js";
import { Canvas, divergingRgb, dot, segment, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { MethodChoice, Slider } from "../parts/choice.js";
import { RunPanel } from "../parts/run-panel.js";
import { numberParam, useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";

const defaults = { page: "linear", n: "32", method: "gauss-seidel", omega: "1.5" };
const relaxed: readonly LinearMethod[] = ["sor", "ssor", "red-black"];

/** Stationary methods on 2-D Poisson: the error as a heat map after each sweep, and SOR's rate against omega. */
export function LinearPage() {
  const [params, set] = useUrlState(defaults);
  const n = Math.round(Math.min(64, Math.max(4, numberParam(params.n, 32))));
  const method = (
    (linearMethods as readonly string[]).includes(params.method) ? params.method : "gauss-seidel"
  ) as LinearMethod;
  const omega = Math.min(1.99, Math.max(0.05, numberParam(params.omega, 1.5)));
  const usesOmega = relaxed.includes(method);
  const run = useMemo(() => linearRun({ n, method, omega: usesOmega ? omega : 1 }), [n, method, omega, usesOmega]);
  const handle = useStepper(
    `${n}|${method}|${run.name}`,
    () => run,
    (state: GaussSeidelState) => {
      const error = new Float64Array(state.x.length);
      for (let i = 0; i < error.length; i++) error[i] = (state.x[i] as number) - (run.exact[i] as number);
      return error;
    },
  );
  const frames = handle.stepper?.frames.slice(0, handle.stepper.cursor + 1) ?? [];
  const cell = Math.floor(384 / n);
  const cells = useMemo(() => document.createElement("canvas"), []);
  const drawError = useCallback(
    (context: CanvasRenderingContext2D) => {
      const error = frames.at(-1)?.view;
      if (error === undefined) return;
      // Each sweep's own scale: the shape of the error, not its size, is the lesson.
      let scale = 1e-300;
      for (const value of error) if (Math.abs(value) > scale) scale = Math.abs(value);
      // One pixel per unknown, scaled up when drawn (a fill per cell cost most of the frame).
      const image = new ImageData(n, n);
      for (let i = 0; i < n * n; i++) {
        const [r, g, b] = divergingRgb(0.5 + (error[i] as number) / (2 * scale));
        image.data[4 * i] = r;
        image.data[4 * i + 1] = g;
        image.data[4 * i + 2] = b;
        image.data[4 * i + 3] = 255;
      }
      // Resizing a canvas (even to its size) drops and reallocates its pixels: only when n changed.
      if (cells.width !== n) cells.width = n;
      if (cells.height !== n) cells.height = n;
      cells.getContext("2d")?.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = false;
      context.drawImage(cells, 0, 0, n * cell, n * cell);
    },
    [frames, n, cell, cells],
  );
  const sweep = useMemo(() => (usesOmega ? rateAgainstOmega(n, method) : undefined), [n, method, usesOmega]);
  const optimum = youngOptimum(n);
  const rateView: Viewport = { box: [0.9, 2, 0, 1], width: 380, height: 200 };
  const drawRates = useCallback(
    (context: CanvasRenderingContext2D) => {
      if (sweep === undefined) return;
      segment(context, toPixel(rateView, optimum, 0), toPixel(rateView, optimum, 1), "#2ca02c", 2);
      for (const point of sweep) {
        if (point.theory !== undefined) dot(context, toPixel(rateView, point.omega, point.theory), 2, "#888");
        if (point.measured !== undefined) dot(context, toPixel(rateView, point.omega, point.measured), 3.5, "#1f77b4");
      }
      segment(context, toPixel(rateView, omega, 0), toPixel(rateView, omega, 1), "#d62728", 1);
      context.fillStyle = "#222";
      context.fillText("rate", 4, 12);
      context.fillText("omega 1", toPixel(rateView, 1, 0)[0] + 2, 196);
      context.fillText("2", 370, 196);
    },
    [sweep, omega, optimum],
  );
  return (
    <main>
      <p class="intro">
        Ax = b for the 5-point Laplacian on a {n} x {n} grid, b = Ax* with x* a smooth bump plus noise, from x = 0. The
        map shows the error x - x* after each sweep (blue negative, red positive, scaled per sweep): the rough modes die
        in a few sweeps, the smooth ones survive.
      </p>
      <section class="panel">
        <div class="options">
          <MethodChoice value={method} options={linearMethods} set={set} />
          <Slider
            label="grid n"
            value={n}
            min={8}
            max={64}
            step={8}
            testId="n"
            onChange={(value) => set({ n: String(value) })}
          />
          {usesOmega && (
            <Slider
              label="omega"
              value={omega}
              min={0.1}
              max={1.98}
              step={0.01}
              testId="omega"
              onChange={(value) => set({ omega: String(value) })}
            />
          )}
          {usesOmega && (
            <button type="button" onClick={() => set({ omega: optimum.toFixed(4) })}>
              Young's optimum {optimum.toFixed(4)}
            </button>
          )}
        </div>
        <Canvas width={cell * n} height={cell * n} draw={drawError} data-testid="heatmap" aria-label="error heat map" />
        {sweep !== undefined && (
          <>
            <p class="note">
              Rate against omega over 60 sweeps: blue measured (estimateRateFit), grey Young's theory, green the optimum{" "}
              {optimum.toFixed(4)}, red the current omega.
            </p>
            <Canvas width={rateView.width} height={rateView.height} draw={drawRates} aria-label="rate against omega" />
          </>
        )}
      </section>
      <RunPanel handle={handle} run={run} frames={frames} />
    </main>
  );
}

/** The measured tail rate of 60 sweeps for omega from 1 to 1.96, beside Young's theory. */
function rateAgainstOmega(n: number, method: LinearMethod) {
  return Array.from({ length: 13 }, (_, i) => {
    const omega = 1 + i * 0.08;
    const run = linearRun({ n, method, omega });
    const result = run.solve(60);
    const residuals = (result as { state: GaussSeidelState }).state.recentResidualNorms;
    return {
      omega,
      measured: estimateRateFit(residuals, { tail: 10 }).rate,
      theory: theoreticalRate(method, n, omega),
    };
  });
}
