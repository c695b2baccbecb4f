import { useCallback, useEffect, useMemo, useRef } from "preact/hooks";
import { disposeTraining } from "../../../../../solvers/neural/index.js";
import type { ClassifiedPoints, TrainingState } from "../../../../../solvers/neural/index.js";
import { datasetNames, neuralRun, optimizerNames, scheduleNames } from "../../problems/neural.js";
import type { DatasetName, NeuralSetup } from "../../problems/neural.js";
import { Canvas, divergingRgb, dot, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { Choice, Slider } from "../parts/choice.js";
import { RunPanel } from "../parts/run-panel.js";
import { recordPartTime } from "../parts/frame-times.js";
import { boundaryFromWeights, gridPoints, networkLayout, readWeights } from "../parts/network-boundary.js";
import type { NetworkLayout } from "../parts/network-boundary.js";
import { boundaryGrid, offeredBackends } from "../parts/tf-backend.js";
import { useLoadedBackend } from "../parts/use-loaded-backend.js";
import { numberParam, useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";

const defaults = {
  page: "neural",
  dataset: "moons",
  hidden: "16,16",
  optimizer: "adam",
  lr: "0.03",
  schedule: "constant",
  batch: "32",
  samples: "200",
  seed: "1",
  backend: "wasm",
};
const view: Viewport = { box: [-1.6, 1.6, -1.6, 1.6], width: 400, height: 400 };
const gridSize = 40;
const gridCentres = gridPoints(view.box, gridSize);

/** What a step keeps for the picture: the weights (the boundary is computed when drawn) or, for a model the host cannot evaluate, the boundary. */
type BoundarySource =
  | { readonly layout: NetworkLayout; readonly weights: Float32Array }
  | { readonly layout: undefined; readonly boundary: Float32Array };

/** Training a small network with TensorFlow.js in the page: the decision boundary redrawn as it trains. */
export function NeuralPage() {
  const [params, set] = useUrlState(defaults);
  const backend = useLoadedBackend(params.backend);
  if (backend === undefined) return <p>starting TensorFlow.js ({params.backend})…</p>;
  return <Training params={params} set={set} backend={backend} />;
}

function Training({
  params,
  set,
  backend,
}: {
  params: typeof defaults;
  set: (changes: Partial<typeof defaults>) => void;
  backend: { backend: string; skipped: string[] };
}) {
  const hidden = params.hidden
    .split(",")
    .map(Number)
    .filter((units) => Number.isInteger(units) && units > 0 && units <= 64)
    .slice(0, 4);
  const setup: NeuralSetup = {
    dataset: ((datasetNames as readonly string[]).includes(params.dataset) ? params.dataset : "moons") as DatasetName,
    samples: Math.round(Math.min(1000, Math.max(8, numberParam(params.samples, 200)))),
    hidden: hidden.length > 0 ? hidden : [16, 16],
    optimizer: ((optimizerNames as readonly string[]).includes(params.optimizer)
      ? params.optimizer
      : "adam") as NeuralSetup["optimizer"],
    learningRate: Math.min(1, Math.max(1e-4, numberParam(params.lr, 0.03))),
    schedule: ((scheduleNames as readonly string[]).includes(params.schedule)
      ? params.schedule
      : "constant") as NeuralSetup["schedule"],
    batchSize: Math.round(Math.min(1000, Math.max(1, numberParam(params.batch, 32)))),
    seed: numberParam(params.seed, 1),
  };
  const key = `${JSON.stringify(setup)}|${backend.backend}`;
  const run = useMemo(() => neuralRun(setup), [key]);
  // Each run's live model and optimiser, by session, in the order the runs started.
  const sessions = useRef(new Map<object, TrainingState>());
  // Each model's dense layout, worked out at its first step (null: not a dense stack the host evaluates).
  const layouts = useRef(new WeakMap<object, NetworkLayout | null>());
  const handle = useStepper(
    key,
    () => run,
    (state: TrainingState) => {
      sessions.current.set(state.session, state);
      const model = state.session.model;
      let layout = layouts.current.get(model);
      if (layout === undefined) {
        layout = networkLayout(model) ?? null;
        layouts.current.set(model, layout);
      }
      const started = performance.now();
      // A step keeps a copy of the weights only (a few hundred numbers): steps run several to an animation
      // frame while running, and only the frame shown is drawn.
      const source: BoundarySource =
        layout === null
          ? { layout: undefined, boundary: boundaryGrid(model, view.box, gridSize) }
          : { layout, weights: readWeights(model, layout) };
      recordPartTime("weightsRead", performance.now() - started);
      return { source, learningRate: state.learningRate };
    },
  );
  // A new run (a new setup, or reset) has started: free the models of the runs before it.
  useEffect(() => {
    const started = [...sessions.current];
    for (const [session, state] of started.slice(0, -1)) {
      disposeTraining(state);
      sessions.current.delete(session);
    }
  }, [handle.stepper]);
  const frame = handle.frame;
  // The boundary image of the frame last drawn: computed when a frame is drawn (the canvas skips drawing
  // while the page is hidden), then reused by every redraw of the same frame.
  const picture = useRef<{ source: BoundarySource | undefined; cells: HTMLCanvasElement } | undefined>(undefined);
  const dots = useMemo(() => dataLayer(run.data), [run]);
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      const source = frame?.view.source;
      if (source !== undefined) {
        picture.current ??= { source: undefined, cells: cellsCanvas() };
        if (picture.current.source !== source) {
          const started = performance.now();
          const boundary =
            source.layout === undefined
              ? source.boundary
              : boundaryFromWeights(source.layout, source.weights, gridCentres);
          recordPartTime("boundaryPrediction", performance.now() - started);
          paintCells(picture.current.cells, boundary);
          picture.current.source = source;
        }
        context.imageSmoothingEnabled = false;
        context.drawImage(picture.current.cells, 0, 0, view.width, view.height);
      }
      context.drawImage(dots, 0, 0);
    },
    [frame, dots],
  );
  const frames = handle.stepper?.frames.slice(0, (handle.stepper?.cursor ?? 0) + 1) ?? [];
  const perEpoch = Math.ceil(setup.samples / setup.batchSize);
  return (
    <main>
      <p class="intro">
        A 2-{setup.hidden.join("-")}-2 tanh network on {setup.samples} points. One iteration is one optimiser step on a
        batch of {setup.batchSize}; one epoch is {perEpoch} iterations (a pass over the data). TensorFlow.js runs here
        on the <b data-testid="backend">{backend.backend}</b> backend
        {backend.skipped.length > 0 ? ` (skipped: ${backend.skipped.join("; ")})` : ""}.
      </p>
      <section class="panel">
        <div class="options">
          <Choice
            label="data"
            value={setup.dataset}
            testId="dataset"
            options={datasetNames}
            onChange={(value) => set({ dataset: value })}
          />
          <label>
            hidden layers{" "}
            <input
              data-testid="hidden"
              size={8}
              value={params.hidden}
              onChange={(event) => set({ hidden: event.currentTarget.value })}
            />
          </label>
          <Choice
            label="optimiser"
            value={setup.optimizer}
            testId="optimizer"
            options={optimizerNames}
            onChange={(value) => set({ optimizer: value })}
          />
          <Slider
            label="learning rate"
            value={Math.log10(setup.learningRate)}
            min={-3}
            max={0}
            step={0.1}
            testId="lr"
            format={(value) => (10 ** value).toPrecision(2)}
            onChange={(value) => set({ lr: (10 ** value).toPrecision(2) })}
          />
          <Choice
            label="schedule"
            value={setup.schedule}
            testId="schedule"
            options={scheduleNames}
            onChange={(value) => set({ schedule: value })}
          />
          <Slider
            label="batch"
            value={setup.batchSize}
            min={1}
            max={200}
            step={1}
            testId="batch"
            onChange={(value) => set({ batch: String(value) })}
          />
          <Choice
            label="backend"
            value={params.backend}
            testId="backend-choice"
            options={
              offeredBackends().includes(params.backend) ? offeredBackends() : [params.backend, ...offeredBackends()]
            }
            onChange={(value) => set({ backend: value })}
          />
        </div>
        <Canvas
          width={view.width}
          height={view.height}
          draw={draw}
          data-testid="boundary"
          aria-label="decision boundary and data"
        />
        <p class="note">
          learning rate now {frame?.view.learningRate?.toPrecision(3) ?? "-"}; iteration {frame?.iteration ?? 0} is in
          epoch {frame?.epoch ?? 0} (epochs completed), batch {(frame?.iteration ?? 0) % perEpoch} of {perEpoch}
        </p>
      </section>
      <RunPanel handle={handle} run={run} frames={frames} label="loss" />
    </main>
  );
}

/**
 * The boundary's offscreen canvas, one pixel per grid cell, sized once: setting a canvas's size, even to the
 * same value, drops its pixels and context state and allocates them again.
 */
function cellsCanvas(): HTMLCanvasElement {
  const cells = document.createElement("canvas");
  cells.width = gridSize;
  cells.height = gridSize;
  return cells;
}

/** One pixel per grid cell (scaled up when drawn): a fill per cell costs more than the boundary itself. */
function paintCells(cells: HTMLCanvasElement, boundary: Float32Array): void {
  const image = new ImageData(gridSize, gridSize);
  for (let i = 0; i < boundary.length; i++) {
    const [r, g, b] = divergingRgb(0.15 + 0.7 * (boundary[i] as number));
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  cells.getContext("2d")?.putImageData(image, 0, 0);
}

/** The data points drawn once per run on a transparent layer (hundreds of arcs would cost a frame each time). */
function dataLayer(data: ClassifiedPoints): HTMLCanvasElement {
  const layer = document.createElement("canvas");
  layer.width = view.width;
  layer.height = view.height;
  const context = layer.getContext("2d");
  if (context === null) return layer;
  data.x.forEach(([x, y], i) => {
    const at = toPixel(view, x as number, y as number);
    dot(context, at, 3.5, "#fff");
    dot(context, at, 2.5, data.y[i] === 1 ? "#b2182b" : "#2166ac");
  });
  return layer;
}
