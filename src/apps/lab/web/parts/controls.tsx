import { useEffect, useRef } from "preact/hooks";
import { describeStopReason, formatCriterion } from "../../../../index.js";
import { formatError } from "../../problems/lab-run.js";
import type { StepperHandle } from "./use-stepper.js";

/** Speeds of the run slider, in steps per second. */
const speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

/**
 * The controls every page shares: step, run/pause with speed, step back, reset; the iteration (and epoch),
 * the error, the stop reason and every stopping test's line. Keys: `s` or right arrow steps, left arrow
 * steps back, `r` runs or pauses, `0` resets (when no text field has the focus).
 */
export function Controls<V>({
  handle,
  errorName,
  keys = true,
}: {
  handle: StepperHandle<V>;
  errorName: string;
  /** Whether this control set listens to the keys (a page with several sets listens once for all). */
  keys?: boolean;
}) {
  const { stepper, frame, running } = handle;
  useKeyboard(keys ? [handle as StepperHandle<unknown>] : []);
  const speedIndex = Math.max(
    0,
    speeds.findIndex((speed) => speed >= handle.speed),
  );
  const stop = frame?.stopReason;
  return (
    <section
      class="controls"
      aria-label="run controls"
      data-state={stepper === undefined ? "starting" : stepper.finished ? "finished" : running ? "running" : "ready"}
      data-failure={stepper?.failure}
    >
      <div class="buttons">
        <button
          type="button"
          data-testid="step"
          onClick={() => void handle.step()}
          disabled={stepper?.finished !== false}
        >
          Step
        </button>
        <button type="button" data-testid="run" onClick={handle.toggleRun} disabled={stepper?.finished !== false}>
          {running ? "Pause" : "Run"}
        </button>
        <button type="button" data-testid="back" onClick={handle.back} disabled={(stepper?.cursor ?? 0) <= 0}>
          Step back
        </button>
        <button type="button" data-testid="reset" onClick={handle.reset}>
          Reset
        </button>
        <label>
          speed{" "}
          <input
            type="range"
            data-testid="speed"
            min={0}
            max={speeds.length - 1}
            value={speedIndex}
            aria-valuetext={`${handle.speed} steps per second`}
            onInput={(event) => handle.setSpeed(speeds[Number(event.currentTarget.value)] ?? 10)}
          />{" "}
          <output>{handle.speed}/s</output>
        </label>
      </div>
      <dl class="readout">
        <dt>iteration</dt>
        <dd data-testid="iteration">{frame?.iteration ?? "-"}</dd>
        {frame?.epoch !== undefined && (
          <>
            <dt>epoch</dt>
            <dd data-testid="epoch">{frame.epoch}</dd>
          </>
        )}
        <dt>{errorName}</dt>
        <dd data-testid="error">{frame === undefined ? "-" : formatError(frame.error)}</dd>
        <dt>stop</dt>
        <dd data-testid="stop-reason">{stop === undefined ? "not stopped" : describeStopReason(stop)}</dd>
      </dl>
      {stepper?.failure !== undefined && (
        <p class="failure" role="alert" data-testid="failure">
          {stepper.failure}
        </p>
      )}
      <ul class="criteria" data-testid="criteria" aria-label="stopping tests">
        {(frame?.criteria ?? []).map((report) => (
          <li key={report.label} class={report.met ? "met" : "unmet"}>
            {formatCriterion(report)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One keyboard listener for a page that drives the given runs together: `s` or right arrow steps, left
 * arrow steps back, `r` runs or pauses, `0` resets (ignored while a text field or select has the focus).
 */
export function useKeyboard(handles: readonly StepperHandle<unknown>[]): void {
  const current = useRef(handles);
  current.current = handles;
  const listening = handles.length > 0;
  useEffect(() => {
    if (!listening) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target !== null && ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName)) return;
      const act = (handle: StepperHandle<unknown>) => {
        if (event.key === "s" || event.key === "ArrowRight") void handle.step();
        else if (event.key === "ArrowLeft") handle.back();
        else if (event.key === "r") handle.toggleRun();
        else if (event.key === "0") handle.reset();
      };
      if (!["s", "ArrowRight", "ArrowLeft", "r", "0"].includes(event.key)) return;
      event.preventDefault();
      for (const handle of current.current) act(handle);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [listening]);
}
