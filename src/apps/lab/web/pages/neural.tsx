import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { disposeTraining } from "../../../../../solvers/neural/index.js";
import type { TrainingState } from "../../../../../solvers/neural/index.js";
import { datasetNames, neuralRun, optimizerNames, scheduleNames } from "../../problems/neural.js";
import type { DatasetName, NeuralSetup } from "../../problems/neural.js";
import { Canvas, divergingRgb, dot, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { Choice, Slider } from "../parts/choice.js";
import { Controls } from "../parts/controls.js";
import { ErrorChart } from "../parts/error-chart.js";
import { recordPartTime } from "../parts/frame-times.js";
import { boundaryGrid, browserBackends, useBrowserBackend } from "../parts/tf-backend.js";
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

/** Training a small network with TensorFlow.js in the page: the decision boundary redrawn as it trains. */
export function NeuralPage() {
  const [params, set] = useUrlState(defaults);
  const [backend, setBackend] = useState<{ backend: string; skipped: string[] } | undefined>(undefined);
  useEffect(() => {
    setBackend(undefined);
    void useBrowserBackend(params.backend).then(setBackend);
  }, [params.backend]);
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
  const handle = useStepper(
    key,
    () => run,
    (state: TrainingState) => {
      sessions.current.set(state.session, state);
      const started = performance.now();
      const boundary = boundaryGrid(state.session.model, view.box, gridSize);
      recordPartTime("boundaryPrediction", performance.now() - started);
      return { boundary, learningRate: state.learningRate };
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
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      const boundary = frame?.view.boundary;
      if (boundary !== undefined) {
        // One pixel per grid cell, scaled up: a fill per cell cost more than the prediction.
        const image = new ImageData(gridSize, gridSize);
        for (let i = 0; i < boundary.length; i++) {
          const [r, g, b] = divergingRgb(0.15 + 0.7 * (boundary[i] as number));
          image.data.set([r, g, b, 255], 4 * i);
        }
        const cells = document.createElement("canvas");
        cells.width = gridSize;
        cells.height = gridSize;
        cells.getContext("2d")?.putImageData(image, 0, 0);
        context.imageSmoothingEnabled = false;
        context.drawImage(cells, 0, 0, view.width, view.height);
      }
      run.data.x.forEach(([x, y], i) => {
        const at = toPixel(view, x as number, y as number);
        dot(context, at, 3.5, "#fff");
        dot(context, at, 2.5, run.data.y[i] === 1 ? "#b2182b" : "#2166ac");
      });
    },
    [frame, run],
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
            options={browserBackends}
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
      <section class="panel">
        <Controls handle={handle} errorName={run.errorName} />
        <ErrorChart
          title={run.errorName}
          series={[{ label: "loss", errors: frames.map((f) => f.error), theory: run.theory }]}
        />
      </section>
    </main>
  );
}
