import type { CriterionReport, IterationEvent, StopReason } from "../../../../index.js";
import type { LabRun } from "../../problems/lab-run.js";

/** What a page keeps of one iteration: counters, error, tests, stop reason and its own view of the state. */
export interface Frame<V> {
  readonly iteration: number;
  readonly epoch: number | undefined;
  readonly error: number;
  readonly criteria: readonly CriterionReport[];
  readonly stopReason: StopReason | undefined;
  readonly view: V;
}

/**
 * A step-through run with a history: `forward` computes the next iteration with the engine's generator (or
 * replays a kept one after `back`), so stepping back and forth shows exactly the iterations the library
 * computed. The view is copied out of each state, since solvers may reuse their arrays.
 */
export interface Stepper<V> {
  readonly frames: readonly Frame<V>[];
  /** The frame shown. */
  readonly cursor: number;
  /** Whether the run has stopped (its last frame has a stop reason) and the cursor is on that frame. */
  readonly finished: boolean;
  /** The first error a step threw (a malformed problem, say), shown instead of a crash. */
  readonly failure: string | undefined;
  forward(): Promise<boolean>;
  back(): boolean;
  /** Ends the engine's run (its `onStop` and `dispose` run). */
  close(): void;
}

/** Starts a run (after its warm-up, where it has one) and takes its iteration 0. */
export async function createStepper<S, V>(
  run: LabRun<S>,
  view: (state: S, event: IterationEvent<S>) => V,
): Promise<Stepper<V>> {
  const frames: Frame<V>[] = [];
  let cursor = -1;
  let failure: string | undefined;
  let generator: ReturnType<LabRun<S>["start"]> | undefined;
  const pull = async (): Promise<boolean> => {
    try {
      generator ??= run.start();
      const next = await generator.next();
      if (next.done === true) return false;
      const event = next.value;
      const criteria = event.criteria();
      frames.push({
        iteration: event.iteration,
        epoch: run.epochs ? event.epoch : undefined,
        error: run.error(event.state, criteria),
        criteria,
        stopReason: event.stopReason,
        view: view(event.state, event),
      });
      cursor = frames.length - 1;
      return true;
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return false;
    }
  };
  await run.warmUp?.();
  await pull();
  const stepper: Stepper<V> = {
    get frames() {
      return frames;
    },
    get cursor() {
      return cursor;
    },
    get finished() {
      return cursor === frames.length - 1 && (frames.at(-1)?.stopReason !== undefined || failure !== undefined);
    },
    get failure() {
      return failure;
    },
    async forward() {
      if (cursor < frames.length - 1) {
        cursor++;
        return true;
      }
      if (stepper.finished) return false;
      return pull();
    },
    back() {
      if (cursor <= 0) return false;
      cursor--;
      return true;
    },
    close() {
      void generator?.return(undefined);
    },
  };
  return stepper;
}
