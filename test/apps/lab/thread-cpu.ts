import type { Browser, Page } from "playwright-core";

/** The trace categories the CPU measure needs: every task of every thread, the page's measures, thread names. */
const categories = ["toplevel", "blink.user_timing", "__metadata"];

interface TraceEvent {
  readonly name?: string;
  readonly ph?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly ts?: number;
  readonly dur?: number;
  /** Thread (CPU) time of a complete event, microseconds. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Thread CPU milliseconds per step, for the renderer's main thread and its compositor thread. */
export interface StepCpu {
  readonly main: number[];
  readonly compositor: number[];
}

/** Starts Chromium's tracing of `page` with only what {@link stepCpuTimes} reads (a light trace). */
export async function startCpuTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories });
}

/**
 * Stops the trace and returns, for each `lab:step and redraw` measure the page recorded, the CPU time of
 * the renderer's main-thread tasks that overlap it (the click, the step, the render, the frame's style,
 * layout, paint and commit, the task that records the times) and of its compositor thread. These are
 * thread times: time the operating system gave to other processes is not counted, so on a loaded machine
 * they say what a step costs where the wall-clock frame times say how long it waited.
 */
export async function stepCpuTimes(browser: Browser): Promise<StepCpu> {
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString("utf8")) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const thread = (name: string, pid: number) =>
    events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === name && e.pid === pid)?.tid;
  const marks = (ph: string) =>
    events
      .filter((e) => e.name === "lab:step and redraw" && e.ph === ph)
      .map((e) => e.ts as number)
      .sort((a, b) => a - b);
  const [begins, ends] = [marks("b"), marks("e")];
  const pid = events.find((e) => e.name === "lab:step and redraw")?.pid ?? -1;
  const tasksOf = (tid: number | undefined) =>
    events.filter(
      (e) =>
        e.pid === pid &&
        e.tid === tid &&
        e.ph === "X" &&
        e.name === "ThreadControllerImpl::RunTask" &&
        e.tdur !== undefined,
    );
  const perStep = (tasks: readonly TraceEvent[]) =>
    begins.map((start, k) => {
      const end = ends[k] ?? start;
      const overlapping = tasks.filter((t) => (t.ts as number) < end && (t.ts as number) + (t.dur ?? 0) > start);
      return overlapping.reduce((sum, t) => sum + (t.tdur as number), 0) / 1000;
    });
  return {
    main: perStep(tasksOf(thread("CrRendererMain", pid))),
    compositor: perStep(tasksOf(thread("Compositor", pid))),
  };
}
