import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { IterationEvent } from "../../../../index.js";
import type { LabRun } from "../../problems/lab-run.js";
import { markDrawn, recordPartTime, recordStepTimesAfterFrame } from "./frame-times.js";
import { createStepper } from "./stepper.js";
import type { Frame, Stepper } from "./stepper.js";

/** What the shared controls drive. */
export interface StepperHandle<V> {
  readonly stepper: Stepper<V> | undefined;
  readonly frame: Frame<V> | undefined;
  readonly running: boolean;
  /** Steps per second while running. */
  readonly speed: number;
  step(): Promise<void>;
  back(): void;
  reset(): void;
  toggleRun(): void;
  setSpeed(speed: number): void;
}

/**
 * A page's run: rebuilt from `makeRun` whenever `key` (the page's setup) changes; steps forward and back,
 * runs at `speed` steps per second on animation frames, and re-renders once per frame.
 */
export function useStepper<S, V>(
  key: string,
  makeRun: () => LabRun<S>,
  view: (state: S, event: IterationEvent<S>) => V,
): StepperHandle<V> {
  const [stepper, setStepper] = useState<Stepper<V> | undefined>(undefined);
  const [, setVersion] = useState(0);
  const [running, setRunning] = useState(false);
  const [speed, setSpeed] = useState(10);
  const [generation, setGeneration] = useState(0);
  const busy = useRef(false);
  // When the latest step asked for a render: the page's layout effects (after its children's: canvases
  // drawn, charts given their data) record the render's time.
  const bumpedAt = useRef<number | undefined>(undefined);
  const bump = useCallback(() => {
    bumpedAt.current = performance.now();
    setVersion((version) => version + 1);
  }, []);
  useLayoutEffect(() => {
    if (bumpedAt.current === undefined) return;
    recordPartTime("render", performance.now() - bumpedAt.current);
    markDrawn();
    bumpedAt.current = undefined;
  });

  useEffect(() => {
    let current: Stepper<V> | undefined;
    let cancelled = false;
    setRunning(false);
    createStepper(makeRun(), view).then((created) => {
      current = created;
      if (cancelled) created.close();
      else setStepper(created);
    });
    return () => {
      cancelled = true;
      current?.close();
    };
  }, [key, generation]);

  const step = useCallback(async () => {
    if (stepper === undefined || busy.current) return;
    busy.current = true;
    const started = performance.now();
    const moved = await stepper.forward();
    if (moved) recordPartTime("forward", performance.now() - started);
    busy.current = false;
    bump();
    if (moved) recordStepTimesAfterFrame(started);
    if (stepper.finished) setRunning(false);
  }, [stepper, bump]);

  useEffect(() => {
    if (!running || stepper === undefined) return;
    let handle = 0;
    let owed = 0;
    let last = performance.now();
    const tick = async (now: number) => {
      owed += (speed * (now - last)) / 1000;
      last = now;
      const budgetEnd = now + 12;
      while (owed >= 1 && performance.now() < budgetEnd) {
        owed -= 1;
        if (!(await stepper.forward())) break;
      }
      owed = Math.min(owed, 1);
      bump();
      if (stepper.finished) setRunning(false);
      else handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [running, speed, stepper, bump]);

  return {
    stepper,
    frame: stepper?.frames[stepper.cursor],
    running,
    speed,
    step,
    back: () => {
      if (stepper?.back() === true) bump();
    },
    reset: () => setGeneration((value) => value + 1),
    toggleRun: () => setRunning((value) => !value && stepper?.finished !== true),
    setSpeed,
  };
}
