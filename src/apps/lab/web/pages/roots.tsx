import { useCallback } from "preact/hooks";
import { rootFunctions, rootMethods, rootRun } from "../../problems/roots.js";
import type { RootFunctionName, RootMethod } from "../../problems/roots.js";
import type { ScalarRootState } from "../../../../../solvers/newton/index.js";
import { Canvas, dot, segment, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { Choice, MethodChoice, Slider } from "../parts/choice.js";
import { RunPanel } from "../parts/run-panel.js";
import { numberParam, useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";

const defaults = { page: "roots", fn: "cubic", method: "newton", x0: "3" };
const lineNames: Readonly<Record<RootMethod, string>> = {
  newton: "the tangent at the last iterate",
  secant: "the secant through the last two iterates",
  halley: "Halley's line (the tangent corrected by f'')",
};

/** 1-D root finding: the function, each iterate, and the line whose zero is the next iterate. */
export function RootsPage() {
  const [params, set] = useUrlState(defaults);
  const fn = (params.fn in rootFunctions ? params.fn : "cubic") as RootFunctionName;
  const method = (rootMethods as readonly string[]).includes(params.method) ? (params.method as RootMethod) : "newton";
  const x0 = numberParam(params.x0, rootFunctions[fn].x0);
  const entry = rootFunctions[fn];
  const handle = useStepper(
    `${fn}|${method}|${x0}`,
    () => rootRun({ fn, method, x0 }),
    (state: ScalarRootState) => ({ x: state.x, fx: state.fx }),
  );
  const frames = handle.stepper?.frames.slice(0, handle.stepper.cursor + 1) ?? [];
  const xs = frames.map((frame) => frame.view.x).filter(Number.isFinite);
  const lo = Math.min(entry.root - 1, ...xs.slice(0, 3)) - 0.3;
  const hi = Math.max(entry.root + 1, ...xs.slice(0, 3)) + 0.3;
  const samples = Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);
  const values = samples.map(entry.evaluate);
  const view: Viewport = {
    box: [lo, hi, Math.min(0, ...values) - 0.5, Math.max(0, ...values) + 0.5],
    width: 520,
    height: 340,
  };
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      segment(context, toPixel(view, lo, 0), toPixel(view, hi, 0), "#999");
      context.beginPath();
      samples.forEach((x, i) => {
        const [px, py] = toPixel(view, x, values[i] as number);
        if (i === 0) context.moveTo(px, py);
        else context.lineTo(px, py);
      });
      context.strokeStyle = "#1f4e99";
      context.lineWidth = 2;
      context.stroke();
      frames.forEach((frame, k) => {
        const current = toPixel(view, frame.view.x, frame.view.fx);
        const previous = frames[k - 1];
        if (previous !== undefined) {
          // The line from the previous point to the new iterate on the axis: its slope is the method's model.
          const from = toPixel(view, previous.view.x, previous.view.fx);
          const to = toPixel(view, frame.view.x, 0);
          segment(context, from, to, k === frames.length - 1 ? "#d62728" : "#e8a0a0", k === frames.length - 1 ? 2 : 1);
          segment(context, to, current, "#bbb");
        }
        dot(context, current, k === frames.length - 1 ? 5 : 3, k === frames.length - 1 ? "#d62728" : "#888");
      });
    },
    [frames, view],
  );
  const run = rootRun({ fn, method, x0 });
  return (
    <main>
      <p class="intro">
        Each step draws {lineNames[method]}; where it crosses the axis is the next iterate. The error column is |x - x*|
        with x* known to full precision.
      </p>
      <section class="panel">
        <div class="options">
          <Choice
            label="f(x) ="
            value={fn}
            testId="fn"
            options={Object.entries(rootFunctions).map(([id, value]) => [id, value.label] as const)}
            onChange={(value) => set({ fn: value, x0: String(rootFunctions[value as RootFunctionName].x0) })}
          />
          <MethodChoice value={method} options={rootMethods} set={set} />
          <Slider
            label="x0"
            value={x0}
            min={-4}
            max={4}
            step={0.1}
            testId="x0"
            onChange={(value) => set({ x0: String(value) })}
          />
        </div>
        <Canvas width={520} height={340} draw={draw} aria-label="the function and the iterates" />
      </section>
      <RunPanel handle={handle} run={run} frames={frames} title="|x - x*|" />
    </main>
  );
}
