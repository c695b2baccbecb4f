import type { LabRun } from "../../problems/lab-run.js";
import { Controls } from "./controls.js";
import { ErrorChart } from "./error-chart.js";
import type { ErrorSeries } from "./error-chart.js";
import type { Frame } from "./stepper.js";
import type { StepperHandle } from "./use-stepper.js";

/** A quantity a page follows beside the error, on a linear axis and without a fitted rate. */
export interface FollowedQuantity {
  readonly title: string;
  readonly label: string;
  readonly values: readonly number[];
}

/**
 * The panel of a one-run page: the shared controls, the chart of the run's error (with the theory, and
 * `more` curves beside it), and the chart of a `followed` quantity where the page has one.
 */
export function RunPanel<V>({
  handle,
  run,
  frames,
  title = run.errorName,
  label = run.name,
  more = [],
  followed,
}: {
  handle: StepperHandle<V>;
  run: Pick<LabRun<unknown>, "name" | "errorName" | "theory">;
  /** The frames up to the one shown. */
  frames: readonly Frame<V>[];
  /** The error chart's title; the run's error name unless given. */
  title?: string;
  /** The error curve's label; the solver's name unless given. */
  label?: string;
  more?: readonly ErrorSeries[];
  followed?: FollowedQuantity | undefined;
}) {
  return (
    <section class="panel">
      <Controls handle={handle} errorName={run.errorName} />
      <ErrorChart
        title={title}
        series={[{ label, errors: frames.map((frame) => frame.error), theory: run.theory }, ...more]}
      />
      {followed !== undefined && (
        <ErrorChart
          title={followed.title}
          log={false}
          fit={false}
          series={[{ label: followed.label, errors: followed.values }]}
        />
      )}
    </section>
  );
}
