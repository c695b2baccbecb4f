import { useCallback, useMemo, useState } from "preact/hooks";
import { predictLabels } from "../../../../../solvers/kmeans/index.js";
import type { KMeansState } from "../../../../../solvers/kmeans/index.js";
import { kmeansRun } from "../../problems/clustering.js";
import { decodePoints, encodePoints, generatePoints, pointSetNames } from "../../problems/point-sets.js";
import type { PointSetName } from "../../problems/point-sets.js";
import { Canvas, dot, toPixel, toWorld } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { Choice, MethodChoice, Slider } from "../parts/choice.js";
import { RunPanel } from "../parts/run-panel.js";
import { colourOf, drawPoints, drawVoronoi, rgba } from "../parts/points-canvas.js";
import { numberParam, useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";
import { MixturePanel } from "./mixture.js";
import { SeedingPanel } from "./seeding-panel.js";

const defaults = {
  page: "clustering",
  method: "kmeans",
  data: "blobs",
  count: "500",
  seed: "1",
  k: "3",
  seeding: "random",
  pts: "",
  c: "",
  cov: "full",
};
const view: Viewport = { box: [-0.1, 1.1, -0.1, 1.1], width: 440, height: 440 };

/** The clustering page's points: generated, or drawn by clicking (kept in the URL). */
export function usePoints(params: Readonly<Record<string, string>>): number[][] {
  return useMemo(
    () =>
      params.data === "drawn"
        ? decodePoints(params.pts ?? "")
        : generatePoints(
            (pointSetNames as readonly string[]).includes(params.data ?? "") ? (params.data as PointSetName) : "blobs",
            Math.round(Math.min(5000, Math.max(10, numberParam(params.count, 500)))),
            numberParam(params.seed, 1),
          ),
    [params.data, params.pts, params.count, params.seed],
  );
}

/** k-means (assignment and update as half-steps, Voronoi cells, draggable centroids) or a Gaussian mixture. */
export function ClusteringPage() {
  const [params, set] = useUrlState(defaults);
  const points = usePoints(params);
  const k = Math.round(Math.min(8, Math.max(1, numberParam(params.k, 3))));
  const options = (
    <div class="options">
      <MethodChoice
        value={params.method}
        options={[
          ["kmeans", "k-means (Lloyd)"],
          ["gmm", "Gaussian mixture (EM)"],
        ]}
        set={set}
      />
      <Choice
        label="points"
        value={params.data}
        testId="data"
        options={[...pointSetNames, ["drawn", "drawn by clicking"]]}
        onChange={(value) => set({ data: value, c: "" })}
      />
      <Slider
        label="k"
        value={k}
        min={1}
        max={8}
        step={1}
        testId="k"
        onChange={(value) => set({ k: String(value), c: "" })}
      />
      <Slider
        label="seed"
        value={numberParam(params.seed, 1)}
        min={1}
        max={20}
        step={1}
        testId="seed"
        onChange={(value) => set({ seed: String(value), c: "" })}
      />
      {params.data === "drawn" && (
        <button type="button" onClick={() => set({ pts: "", c: "" })}>
          Clear points
        </button>
      )}
    </div>
  );
  if (params.method === "gmm")
    return <MixturePanel points={points} k={k} params={params} set={set} options={options} view={view} />;
  return <KMeansPanel points={points} k={k} params={params} set={set} options={options} />;
}

function KMeansPanel({
  points,
  k,
  params,
  set,
  options,
}: {
  points: number[][];
  k: number;
  params: typeof defaults;
  set: (changes: Partial<typeof defaults>) => void;
  options: preact.JSX.Element;
}) {
  const given = params.c === "" ? undefined : decodePoints(params.c);
  const seeding = params.seeding === "kmeans++" ? "kmeans++" : "random";
  const seed = numberParam(params.seed, 1);
  const run = useMemo(
    () => kmeansRun({ points, k, seed, centroids: given, seeding }),
    [points, k, seed, params.c, seeding],
  );
  const handle = useStepper(
    `${params.data}|${params.pts}|${params.count}|${k}|${seed}|${params.c}|${seeding}`,
    () => run,
    (state: KMeansState) => ({
      centroids: Float64Array.from(state.centroids),
      labels: Int32Array.from(state.labels),
      inertia: state.inertia,
    }),
  );
  const [assigned, setAssigned] = useState<{ cursor: number; labels: Int32Array } | undefined>(undefined);
  const [drag, setDrag] = useState<{ index: number; at: [number, number] } | undefined>(undefined);
  const frame = handle.frame;
  const cursor = handle.stepper?.cursor ?? 0;
  const centroids = useMemo(() => {
    const current = Float64Array.from(frame?.view.centroids ?? []);
    if (drag !== undefined) current.set(drag.at, 2 * drag.index);
    return current;
  }, [frame, drag]);
  const halfStep = assigned !== undefined && assigned.cursor === cursor ? assigned.labels : undefined;
  const labels = halfStep ?? frame?.view.labels;
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      drawVoronoi(context, view, centroids);
      drawPoints(context, view, points, labels, centroids.length / 2);
      for (let j = 0; j < centroids.length / 2; j++) {
        const at = toPixel(view, centroids[2 * j] as number, centroids[2 * j + 1] as number);
        dot(context, at, 9, "#000");
        dot(context, at, 7, rgba(colourOf(j)));
        context.fillStyle = "#fff";
        context.fillText(String(j + 1), at[0] - 3, at[1] + 4);
      }
    },
    [centroids, labels, points],
  );
  const worldAt = (event: PointerEvent): [number, number] => {
    const box = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    return toWorld(view, event.clientX - box.left, event.clientY - box.top);
  };
  const onPointerDown = (event: PointerEvent) => {
    const [x, y] = worldAt(event);
    for (let j = 0; j < centroids.length / 2; j++) {
      if (Math.hypot(x - (centroids[2 * j] as number), y - (centroids[2 * j + 1] as number)) < 0.035) {
        (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
        setDrag({ index: j, at: [x, y] });
        return;
      }
    }
    if (params.data === "drawn") set({ pts: encodePoints([...points, [x, y]]), c: "" });
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag !== undefined) setDrag({ index: drag.index, at: worldAt(event) });
  };
  const onPointerUp = () => {
    if (drag === undefined) return;
    const moved = Array.from({ length: centroids.length / 2 }, (_, j) => [
      centroids[2 * j] as number,
      centroids[2 * j + 1] as number,
    ]);
    setDrag(undefined);
    set({ c: encodePoints(moved) });
  };
  const frames = handle.stepper?.frames.slice(0, cursor + 1) ?? [];
  return (
    <main>
      <p class="intro">
        Lloyd's k-means on the library's solver. "Assign" shows the first half-step (each point to its nearest centroid:
        predictLabels); "Step" runs the library's iteration (the update to the means, then the new assignment). Drag a
        centroid to restart from there; the numbers on the seeds show their order.
      </p>
      <section class="panel">
        {options}
        <div class="options">
          <Choice
            label="seeding"
            value={seeding}
            testId="seeding"
            options={[
              ["random", "k random points"],
              ["kmeans++", "k-means++"],
            ]}
            onChange={(value) => set({ seeding: value, c: "" })}
          />
          <button
            type="button"
            data-testid="assign"
            disabled={frame === undefined}
            onClick={() => setAssigned({ cursor, labels: predictLabels(toRows(centroids), points).labels })}
          >
            Assign (half-step)
          </button>
        </div>
        <Canvas
          width={view.width}
          height={view.height}
          draw={draw}
          data-testid="points"
          aria-label="points, centroids and Voronoi cells"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
        />
        <p class="note" data-testid="inertia">
          inertia {frame === undefined ? "-" : frame.view.inertia.toPrecision(8)}; {points.length} points
        </p>
      </section>
      <RunPanel
        handle={handle}
        run={run}
        frames={frames}
        followed={{ title: "inertia", label: "inertia", values: frames.map((f) => f.view.inertia) }}
      />
      {handle.stepper !== undefined && run.seeding !== undefined && (
        <SeedingPanel steps={run.seeding.steps()} points={points} view={view} />
      )}
    </main>
  );
}

function toRows(flat: Float64Array): number[][] {
  return Array.from({ length: flat.length / 2 }, (_, j) => [flat[2 * j] as number, flat[2 * j + 1] as number]);
}
