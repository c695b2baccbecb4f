import { useEffect, useMemo, useRef } from "preact/hooks";
import { disposeTraining } from "../../../../../solvers/neural/index.js";
import type { TrainingState } from "../../../../../solvers/neural/index.js";
import { idleRun } from "../../problems/lab-run.js";
import type { LabRun } from "../../problems/lab-run.js";
import { compareSetup, datasetNames, neuralRun, optimizerNames } from "../../problems/neural.js";
import type { DatasetName, NeuralSetup } from "../../problems/neural.js";
import { Choice } from "../parts/choice.js";
import { Controls, useKeyboard } from "../parts/controls.js";
import { ErrorChart } from "../parts/error-chart.js";
import { offeredBackends } from "../parts/tf-backend.js";
import { useLoadedBackend } from "../parts/use-loaded-backend.js";
import { useStepper } from "../parts/use-stepper.js";
import type { StepperHandle } from "../parts/use-stepper.js";
import type { CompareParams } from "./compare.js";

/**
 * Two or three optimisers training the same network on the same data (same seed), losses on one chart; the
 * TensorFlow.js backend is picked from a menu of those this browser offers (kept in the URL).
 */
export function NeuralCompare({
  params,
  choices,
  onBackend,
}: {
  params: CompareParams;
  choices: preact.JSX.Element;
  onBackend: (backend: string) => void;
}) {
  const backend = useLoadedBackend(params.backend);
  if (backend === undefined) return <p>starting TensorFlow.js ({params.backend})…</p>;
  const offered = offeredBackends();
  const menu = (
    <>
      {choices}
      <div class="options">
        <Choice
          label="backend"
          value={params.backend}
          testId="backend-choice"
          options={offered.includes(params.backend) ? offered : [params.backend, ...offered]}
          onChange={onBackend}
        />
      </div>
    </>
  );
  return <Optimisers params={params} choices={menu} backend={backend} />;
}

function Optimisers({
  params,
  choices,
  backend,
}: {
  params: CompareParams;
  choices: preact.JSX.Element;
  backend: { backend: string; skipped: string[] };
}) {
  const dataset = (
    (datasetNames as readonly string[]).includes(params.problem) ? params.problem : "moons"
  ) as DatasetName;
  const optimizers = [params.m1, params.m2, params.m3].map((name) =>
    (optimizerNames as readonly string[]).includes(name) ? (name as NeuralSetup["optimizer"]) : undefined,
  );
  const handles = [
    useTrainingSlot(dataset, backend.backend, optimizers[0]),
    useTrainingSlot(dataset, backend.backend, optimizers[1]),
    useTrainingSlot(dataset, backend.backend, optimizers[2]),
  ];
  useKeyboard(handles.flatMap((slot) => (slot === undefined ? [] : [slot.handle as StepperHandle<unknown>])));
  const series = handles.flatMap((slot) => {
    const stepper = slot?.handle.stepper;
    if (slot === undefined || stepper === undefined) return [];
    return [{ label: slot.name, errors: stepper.frames.slice(0, stepper.cursor + 1).map((f) => f.error) }];
  });
  return (
    <main>
      <p class="intro">
        Optimisers training the same 2-16-16-2 tanh network on the same {dataset} data (200 points, batch 32, learning
        rate 0.03, seed 1), on the <b data-testid="backend">{backend.backend}</b> backend (picked in the backend menu)
        {backend.skipped.length > 0 ? ` (skipped: ${backend.skipped.join("; ")})` : ""}. The keys s, r, arrows and 0
        drive all of them at once; the chart shows their mini-batch losses together.
      </p>
      <section class="panel">
        {choices}
        <ErrorChart title={`neural: ${dataset}`} series={series} fit={false} />
      </section>
      <section class="panel">
        {handles.map((slot, i) =>
          slot === undefined ? null : (
            <div key={`${i}-${slot.name}`} data-testid={`slot-${i + 1}`}>
              <h3>{slot.name}</h3>
              <Controls handle={slot.handle} errorName="mini-batch loss" keys={false} />
            </div>
          ),
        )}
      </section>
    </main>
  );
}

/**
 * One optimiser's training run (none for an empty slot). Models of runs replaced by a reset or a new
 * setup, and the last ones when the page closes, are freed.
 */
function useTrainingSlot(
  dataset: DatasetName,
  backend: string,
  optimizer: NeuralSetup["optimizer"] | undefined,
): { name: string; handle: StepperHandle<undefined> } | undefined {
  const key = `${dataset}|${backend}|${optimizer ?? "none"}`;
  const run = useMemo(() => (optimizer === undefined ? undefined : neuralRun(compareSetup(dataset, optimizer))), [key]);
  const sessions = useRef(new Map<object, TrainingState>());
  const handle = useStepper(
    key,
    () => (run ?? idleRun) as LabRun<TrainingState>,
    (state: TrainingState) => {
      sessions.current.set(state.session, state);
      return undefined;
    },
  );
  useEffect(() => {
    for (const [session, state] of [...sessions.current].slice(0, -1)) {
      disposeTraining(state);
      sessions.current.delete(session);
    }
  }, [handle.stepper]);
  useEffect(
    () => () => {
      for (const state of sessions.current.values()) disposeTraining(state);
      sessions.current.clear();
    },
    [],
  );
  return optimizer === undefined ? undefined : { name: optimizer, handle };
}
