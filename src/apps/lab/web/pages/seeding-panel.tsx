import { useCallback, useEffect, useState } from "preact/hooks";
import type { SeedingStep } from "../../problems/seeding.js";
import { Canvas, dot, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { colourOf, rgba } from "../parts/points-canvas.js";

/**
 * k-means++ seeding as the weighted draw it is, one centroid at a time: every point's D(x)^2 weight (the
 * orange disc's area), the candidates drawn from those weights (purple rings), the one kept (red: the
 * least potential), and the centroids chosen before (numbered). The draws are the library's own.
 */
export function SeedingPanel({
  steps,
  points,
  view,
}: {
  steps: readonly SeedingStep[];
  points: readonly (readonly number[])[];
  view: Viewport;
}) {
  const [shown, setShown] = useState(0);
  useEffect(() => setShown(0), [steps]);
  const step = steps[Math.min(shown, steps.length - 1)];
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      if (step === undefined) return;
      context.fillStyle = "#fff";
      context.fillRect(0, 0, view.width, view.height);
      let largest = 0;
      for (const weight of step.weights) if (weight > largest) largest = weight;
      context.fillStyle = "rgba(255,127,14,0.45)";
      context.beginPath();
      points.forEach(([x, y], i) => {
        const [px, py] = toPixel(view, x as number, y as number);
        const radius = 1 + 7 * Math.sqrt((step.weights[i] as number) / (largest || 1));
        context.moveTo(px + radius, py);
        context.arc(px, py, radius, 0, 2 * Math.PI);
      });
      context.fill();
      context.fillStyle = "#555";
      for (const [x, y] of points) {
        const [px, py] = toPixel(view, x as number, y as number);
        context.fillRect(px - 1, py - 1, 2, 2);
      }
      for (const candidate of step.candidates) {
        const [x, y] = points[candidate.index] ?? [0, 0];
        const at = toPixel(view, x as number, y as number);
        context.beginPath();
        context.arc(at[0], at[1], 8, 0, 2 * Math.PI);
        context.strokeStyle = "#9467bd";
        context.lineWidth = 2;
        context.stroke();
      }
      steps.slice(0, step.centroid + 1).forEach((earlier, j) => {
        const [x, y] = points[earlier.chosen] ?? [0, 0];
        const at = toPixel(view, x as number, y as number);
        const current = j === step.centroid;
        dot(context, at, current ? 10 : 8, current ? "#d62728" : "#000");
        dot(context, at, current ? 7 : 6, rgba(colourOf(j)));
        context.fillStyle = "#fff";
        context.fillText(String(j + 1), at[0] - 3, at[1] + 4);
      });
    },
    [step, steps, points],
  );
  if (step === undefined) return null;
  const chosen = points[step.chosen] ?? [];
  return (
    <section class="panel" aria-label="k-means++ seeding" data-testid="seeding">
      <h3>k-means++ seeding, draw by draw</h3>
      <div class="buttons">
        <button type="button" data-testid="seeding-previous" disabled={shown === 0} onClick={() => setShown(shown - 1)}>
          ◀ previous draw
        </button>
        <button
          type="button"
          data-testid="seeding-next"
          disabled={shown >= steps.length - 1}
          onClick={() => setShown(shown + 1)}
        >
          next draw ▶
        </button>{" "}
        <span>
          centroid <output data-testid="seeding-draw">{step.centroid + 1}</output> of {steps.length}
        </span>
      </div>
      <Canvas width={view.width} height={view.height} draw={draw} aria-label="k-means++ draw weights" />
      <p class="note">
        {step.centroid === 0
          ? "The first centroid: one point drawn with equal weights."
          : `Each point's weight is D(x)^2, its squared distance to the nearest of the ${step.centroid} centroid${step.centroid === 1 ? "" : "s"} chosen so far (disc area). ${step.candidates.length} candidates are drawn with these weights; the one that leaves the least potential sum D(x)^2 is kept (greedy k-means++).`}{" "}
        Kept: point{" "}
        <output data-testid="seeding-chosen">{`${step.chosen} (${chosen.map((v) => v.toFixed(4)).join(", ")})`}</output>
      </p>
      <table class="seeding">
        <thead>
          <tr>
            <th>candidate</th>
            <th>point</th>
            <th>weight D(x)^2</th>
            <th>chance</th>
            <th>potential if kept</th>
          </tr>
        </thead>
        <tbody>
          {step.candidates.map((candidate, t) => (
            <tr
              key={`${t}-${candidate.index}`}
              data-testid="seeding-candidate"
              class={candidate.index === step.chosen ? "kept" : undefined}
            >
              <td>{t + 1}</td>
              <td data-testid="seeding-index">{candidate.index}</td>
              <td data-testid="seeding-weight">{candidate.weight.toPrecision(6)}</td>
              <td>{(100 * candidate.probability).toFixed(2)}%</td>
              <td>{candidate.potential.toPrecision(6)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
