import { useCallback, useMemo } from "preact/hooks";
import { defaultTypedSetup, objectiveNames } from "../../problems/objectives.js";
import type { ObjectiveName } from "../../problems/objectives.js";
import { minimiseMethods, minimiseRun } from "../../problems/minimise.js";
import { parseNumberList, typedObjectiveError } from "../../problems/typed-objective.js";
import type { TypedObjectiveSetup } from "../../problems/typed-objective.js";
import type { MinimiseMethod, MinimiseState } from "../../problems/minimise.js";
import { Canvas, dot, segment, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { Choice, MethodChoice, Slider, TextField } from "../parts/choice.js";
import { contourImage } from "../parts/contours.js";
import { RunPanel } from "../parts/run-panel.js";
import { numberParam, useUrlState } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";

const defaults = {
  page: "minimise",
  objective: "rosenbrock",
  method: "bfgs",
  kappa: "10",
  expr: defaultTypedSetup.expression,
  start: defaultTypedSetup.start.join(","),
  box: defaultTypedSetup.box.join(","),
};
const methodNames: Readonly<Record<MinimiseMethod, string>> = {
  gd: "gradient descent",
  momentum: "heavy-ball momentum",
  newton: "Newton",
  bfgs: "BFGS",
};

/**
 * 2-D minimisation on a contour plot: the path of iterates and the line-search trials of each step. The
 * objective is a named test function or an expression f(x, y) typed by the user (kept in the URL).
 */
export function MinimisePage() {
  const [params, set] = useUrlState(defaults);
  const name = (
    (objectiveNames as readonly string[]).includes(params.objective) ? params.objective : "rosenbrock"
  ) as ObjectiveName;
  const method = (
    (minimiseMethods as readonly string[]).includes(params.method) ? params.method : "bfgs"
  ) as MinimiseMethod;
  const kappa = Math.min(1000, Math.max(1, numberParam(params.kappa, 10)));
  const typed: TypedObjectiveSetup = {
    expression: params.expr,
    start: parseNumberList(params.start, defaultTypedSetup.start),
    box: orderedBox(parseNumberList(params.box, defaultTypedSetup.box)),
  };
  const typedKey = `${typed.expression}|${typed.start.join(",")}|${typed.box.join(",")}`;
  const problem = useMemo(() => (name === "typed" ? typedObjectiveError(typed) : undefined), [name, typedKey]);
  const options = (
    <div class="options">
      <Choice
        label="objective"
        value={name}
        testId="objective"
        options={objectiveNames.map((id) => [id, id === "typed" ? "typed f(x, y)" : id] as const)}
        onChange={(value) => set({ objective: value })}
      />
      <MethodChoice value={method} options={minimiseMethods.map((id) => [id, methodNames[id]] as const)} set={set} />
      {name === "quadratic" && (
        <Slider
          label="condition number"
          value={kappa}
          min={1}
          max={200}
          step={1}
          testId="kappa"
          onChange={(value) => set({ kappa: String(value) })}
        />
      )}
      {name === "typed" && (
        <>
          <TextField
            label="f(x, y) ="
            value={params.expr}
            size={32}
            testId="expression"
            invalid={problem !== undefined}
            onChange={(value) => set({ expr: value })}
          />
          <TextField
            label="start x, y"
            value={params.start}
            size={9}
            testId="start"
            onChange={(v) => set({ start: v })}
          />
          <TextField
            label="box xmin, xmax, ymin, ymax"
            value={params.box}
            size={14}
            testId="box"
            onChange={(value) => set({ box: value })}
          />
        </>
      )}
    </div>
  );
  if (problem !== undefined) {
    return (
      <main>
        <p class="intro">Type f(x, y) with + - * / ^, parentheses, pi, e and functions such as sin, exp, log, sqrt.</p>
        <section class="panel">
          {options}
          <p class="error" role="alert" data-testid="expression-error">
            {problem}
          </p>
        </section>
      </main>
    );
  }
  return <MinimiseView name={name} method={method} kappa={kappa} typed={typed} typedKey={typedKey} options={options} />;
}

function MinimiseView({
  name,
  method,
  kappa,
  typed,
  typedKey,
  options,
}: {
  name: ObjectiveName;
  method: MinimiseMethod;
  kappa: number;
  typed: TypedObjectiveSetup;
  typedKey: string;
  options: preact.JSX.Element;
}) {
  const run = useMemo(() => minimiseRun({ objective: name, kappa, method, typed }), [name, kappa, method, typedKey]);
  const handle = useStepper(
    `${name}|${kappa}|${method}|${name === "typed" ? typedKey : ""}`,
    () => run,
    (state: MinimiseState) => ({
      x: [state.x[0] as number, state.x[1] as number] as [number, number],
      trials: run.takeEvaluations(),
    }),
  );
  const view: Viewport = { box: run.objective.box, width: 480, height: 400 };
  const image = useMemo(() => contourImage(run.objective, view), [run]);
  const frames = handle.stepper?.frames.slice(0, handle.stepper.cursor + 1) ?? [];
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      context.putImageData(image, 0, 0);
      for (const [a, b] of run.objective.minima) dot(context, toPixel(view, a, b), 4, "#2ca02c");
      const last = frames.at(-1);
      // Every point where f was evaluated during the last step: the line search's trials.
      for (const trial of last?.view.trials ?? [])
        dot(context, toPixel(view, trial[0] as number, trial[1] as number), 3, "#9467bd");
      frames.forEach((frame, k) => {
        const here = toPixel(view, frame.view.x[0], frame.view.x[1]);
        const previous = frames[k - 1];
        if (previous !== undefined)
          segment(context, toPixel(view, previous.view.x[0], previous.view.x[1]), here, "#111", 1.5);
        dot(context, here, k === frames.length - 1 ? 5 : 2.5, k === frames.length - 1 ? "#d62728" : "#111");
      });
    },
    [frames, image],
  );
  return (
    <main>
      <p class="intro">
        {methodNames[method]} on {run.objective.label}. Black: the path; red: the current iterate; purple: the points
        where f was evaluated in the last step (line-search trials); green: the minimisers
        {name === "typed" ? (
          <span data-testid="error-norm">
            {" "}
            (unknown for a typed f: the error is the gradient's infinity norm ||grad f||_inf = max(|df/dx|, |df/dy|),
            the same norm and value the stopping test |grad| compares with its tolerance; the gradient and Hessian are
            symbolic)
          </span>
        ) : (
          ""
        )}
        .
      </p>
      <section class="panel">
        {options}
        <Canvas width={view.width} height={view.height} draw={draw} aria-label="contours and the path of iterates" />
      </section>
      <RunPanel handle={handle} run={run} frames={frames} />
    </main>
  );
}

/** The box when it has xmin < xmax and ymin < ymax, else the default one. */
function orderedBox(box: readonly [number, number, number, number]): readonly [number, number, number, number] {
  return box[0] < box[1] && box[2] < box[3] ? box : defaultTypedSetup.box;
}
