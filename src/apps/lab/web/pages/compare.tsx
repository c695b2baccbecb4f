import { lazy, Suspense } from "preact/compat";
import { useMemo } from "preact/hooks";
import { clusteringCompareMethods, clusteringCompareRun } from "../../problems/clustering.js";
import type { ClusteringCompareMethod, ClusteringPicture } from "../../problems/clustering.js";
import { generatePoints } from "../../problems/point-sets.js";
import type { PointSetName } from "../../problems/point-sets.js";
import { idleRun } from "../../problems/lab-run.js";
import type { LabRun } from "../../problems/lab-run.js";
import { linearMethods, linearRun, youngOptimum } from "../../problems/linear.js";
import type { LinearMethod } from "../../problems/linear.js";
import { defaultGridworld } from "../../problems/gridworld.js";
import { mdpMethods, mdpRun } from "../../problems/mdp.js";
import type { MdpMethod } from "../../problems/mdp.js";
import { minimiseMethods, minimiseRun } from "../../problems/minimise.js";
import type { MinimiseMethod } from "../../problems/minimise.js";
import { objectiveNames } from "../../problems/objectives.js";
import type { ObjectiveName } from "../../problems/objectives.js";
import { rootMethods, rootRun } from "../../problems/roots.js";
import type { RootMethod } from "../../problems/roots.js";
import { Choice } from "../parts/choice.js";
import { ClustersPicture } from "../parts/clusters-picture.js";
import { Controls, useKeyboard } from "../parts/controls.js";
import { ErrorChart } from "../parts/error-chart.js";
import { useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";
import type { StepperHandle } from "../parts/use-stepper.js";

// TensorFlow.js is most of the bundle: the neural comparison loads it when it is chosen.
const NeuralCompare = lazy(() => import("./neural-compare.js").then((module) => module.NeuralCompare));

const defaults = {
  page: "compare",
  family: "minimise",
  problem: "rosenbrock",
  m1: "gd",
  m2: "newton",
  m3: "bfgs",
  backend: "wasm",
};
/** The parameters of the compare page (the neural comparison reads them too). */
export type CompareParams = typeof defaults;

/** The families the compare page offers: their methods and problems (neural: optimisers and data sets). */
export const compareFamilies: Readonly<Record<string, { methods: readonly string[]; problems: readonly string[] }>> = {
  minimise: { methods: minimiseMethods, problems: objectiveNames },
  roots: { methods: rootMethods, problems: ["cubic", "sqrt2", "cosine", "doubleRoot"] },
  linear: { methods: linearMethods, problems: ["16", "32"] },
  mdp: { methods: mdpMethods, problems: ["gridworld", "lake4", "lake8"] },
  // The moons first: Lloyd's algorithm takes 7 iterations there, 2 on the blobs.
  clustering: { methods: clusteringCompareMethods, problems: ["moons", "blobs", "anisotropic"] },
  neural: { methods: ["adam", "sgd", "momentum", "rmsprop"], problems: ["moons", "circles", "spirals", "xor"] },
};
const families = compareFamilies;

/** The run of one method of a family on the chosen problem (undefined for an empty slot). */
function makeRun(family: string, problem: string, method: string): LabRun<unknown> | undefined {
  const known = families[family];
  if (known === undefined || !known.methods.includes(method) || !known.problems.includes(problem)) return undefined;
  if (family === "minimise")
    return minimiseRun({
      objective: problem as ObjectiveName,
      kappa: 50,
      method: method as MinimiseMethod,
    }) as LabRun<unknown>;
  if (family === "roots")
    return rootRun({ fn: problem as "cubic", method: method as RootMethod, x0: 3 }) as LabRun<unknown>;
  if (family === "clustering")
    return clusteringCompareRun(method as ClusteringCompareMethod, clusteringPoints(problem), 3, 1);
  if (family === "linear") {
    const n = Number(problem);
    return linearRun({ n, method: method as LinearMethod, omega: youngOptimum(n) }) as LabRun<unknown>;
  }
  return mdpRun({
    world: problem as "gridworld",
    map: defaultGridworld,
    slip: 0.2,
    discount: 0.95,
    stepReward: -0.04,
    method: method as MdpMethod,
  }) as LabRun<unknown>;
}

/** The 500 points (seed 1) every clustering method of the compare page runs on. */
function clusteringPoints(problem: string): number[][] {
  return generatePoints(problem as PointSetName, 500, 1);
}

/** What a slot keeps of each state: a clustering method's picture, nothing for the other families. */
function slotView(run: LabRun<unknown> | undefined): (state: unknown) => ClusteringPicture | undefined {
  return run !== undefined && "picture" in run
    ? (run.picture as (state: unknown) => ClusteringPicture)
    : () => undefined;
}

/**
 * Two or three methods on one problem, stepped together, their errors on one chart: minimisers, root
 * finders, linear solvers, MDP methods, k-means variants beside a Gaussian mixture (each drawn beside the
 * others), or optimisers training one network.
 */
export function ComparePage() {
  const [params, set] = useUrlState(defaults);
  const family = params.family in families ? params.family : "minimise";
  const known = families[family] ?? { methods: [], problems: [] };
  const problem = known.problems.includes(params.problem) ? params.problem : (known.problems[0] ?? "");
  const options = (slot: number) =>
    [["none", "-"] as const, ...known.methods.map((id) => [id, id] as const)].slice(slot < 2 ? 1 : 0);
  const choices = (
    <div class="options">
      <Choice
        label="family"
        value={family}
        testId="family"
        options={Object.keys(families)}
        onChange={(value) =>
          set({
            family: value,
            problem: families[value]?.problems[0] ?? "",
            m1: families[value]?.methods[0] ?? "",
            m2: families[value]?.methods[1] ?? "",
            m3: "none",
          })
        }
      />
      <Choice
        label="problem"
        value={problem}
        testId="problem"
        options={known.problems}
        onChange={(value) => set({ problem: value })}
      />
      {[0, 1, 2].map((slot) => (
        <Choice
          key={slot}
          label={`method ${slot + 1}`}
          value={[params.m1, params.m2, params.m3][slot] ?? "none"}
          testId={`m${slot + 1}`}
          options={options(slot)}
          onChange={(value) => set({ [`m${slot + 1}`]: value })}
        />
      ))}
    </div>
  );
  if (family === "neural")
    return (
      <Suspense fallback={<p>loading TensorFlow.js…</p>}>
        <NeuralCompare params={{ ...params, problem }} choices={choices} onBackend={(backend) => set({ backend })} />
      </Suspense>
    );
  return <MethodsCompare family={family} problem={problem} params={params} choices={choices} />;
}

function MethodsCompare({
  family,
  problem,
  params,
  choices,
}: {
  family: string;
  problem: string;
  params: CompareParams;
  choices: preact.JSX.Element;
}) {
  const slots = [params.m1, params.m2, params.m3];
  const runs = useMemo(() => slots.map((method) => makeRun(family, problem, method)), [family, problem, ...slots]);
  const handles = [
    useSlot(`${family}|${problem}|${params.m1}`, runs[0]),
    useSlot(`${family}|${problem}|${params.m2}`, runs[1]),
    useSlot(`${family}|${problem}|${params.m3}`, runs[2]),
  ];
  useKeyboard(handles.filter((_, i) => runs[i] !== undefined) as StepperHandle<unknown>[]);
  const points = useMemo(() => (family === "clustering" ? clusteringPoints(problem) : []), [family, problem]);
  const series = runs.flatMap((run, i) => {
    const stepper = handles[i]?.stepper;
    if (run === undefined || stepper === undefined) return [];
    return [
      { label: run.name, errors: stepper.frames.slice(0, stepper.cursor + 1).map((f) => f.error), theory: run.theory },
    ];
  });
  return (
    <main>
      <p class="intro">
        Pick a family, a problem and up to three methods: each is the library's solver, stepped by its own controls (the
        keys s, r, arrows and 0 drive all of them at once); the chart shows their errors together
        {family === "clustering"
          ? " (for clustering: the inertia of all 500 points at each method's centres, the centroids or the mixture's means, one scale for all; each method is drawn beside the others)"
          : ""}
        .
      </p>
      <section class="panel">
        {choices}
        <ErrorChart title={`${family}: ${problem}`} series={series} fit={family !== "clustering"} />
      </section>
      <section class="panel slots">
        {runs.map((run, i) =>
          run === undefined || handles[i] === undefined ? null : (
            <div key={`${i}-${run.name}`} data-testid={`slot-${i + 1}`}>
              <h3>{run.name}</h3>
              {family === "clustering" && <ClustersPicture points={points} picture={handles[i]?.frame?.view} />}
              <Controls handle={handles[i] as StepperHandle<unknown>} errorName={run.errorName} keys={false} />
            </div>
          ),
        )}
      </section>
    </main>
  );
}

/** A stepper for one slot; an empty slot runs nothing. */
function useSlot(key: string, run: LabRun<unknown> | undefined): StepperHandle<ClusteringPicture | undefined> {
  return useStepper(key, () => run ?? idleRun, slotView(run));
}
