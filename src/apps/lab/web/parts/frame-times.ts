/** The lab's measurements for its browser test: milliseconds from a step's click to its redraw. */
interface LabMeasurements {
  /** From a step's click until the page is idle again (a task after the redraw): includes waiting for the CPU. */
  readonly frameTimes: number[];
  /** From a step's click until the last canvas or chart of its redraw is drawn: the step's own work. */
  readonly workTimes: number[];
  /**
   * The frame time less the idle wait between the redraw's last drawing and the start of the display frame
   * that shows it (a click lands anywhere in the 16.7 ms between two frames): what the step costs the main
   * thread, the browser's style, layout, paint and commit of that frame included.
   */
  readonly busyTimes: number[];
  /** Named parts of a step, e.g. the neural page's boundary prediction. */
  readonly parts: Record<string, number[]>;
  /** When a canvas or chart last finished drawing. */
  lastDrawn: number;
}

/** The most times kept per list (a long run at 1000 steps per second must not grow memory without bound). */
const kept = 2000;

/** Appends a time, dropping the oldest half (and the timeline's measures) once the list is full. */
function keep(list: number[], milliseconds: number): void {
  list.push(milliseconds);
  if (list.length > kept) {
    list.splice(0, kept / 2);
    performance.clearMeasures();
  }
}

function measurements(): LabMeasurements {
  const host = window as unknown as { iterlabLab?: LabMeasurements };
  host.iterlabLab ??= { frameTimes: [], workTimes: [], busyTimes: [], parts: {}, lastDrawn: 0 };
  return host.iterlabLab;
}

/**
 * Records one step that started at `started` (a `performance.now()` time) once the display frame showing its
 * redraw is done: an animation frame callback notes when that frame began, and a task queued from it (so
 * after the frame's paint and commit) keeps the time until then, the time until the redraw's last drawing,
 * and the time less the idle wait for the frame (the browser test reads `window.iterlabLab`). Nothing is
 * recorded while the page is hidden (no animation frames).
 */
export function recordStepTimesAfterFrame(started: number): void {
  requestAnimationFrame(() => {
    const frameStarted = performance.now();
    setTimeout(() => recordStepTimes(started, frameStarted), 0);
  });
}

function recordStepTimes(started: number, frameStarted: number): void {
  const recorded = measurements();
  const now = performance.now();
  const drawn = Math.min(now, recorded.lastDrawn);
  const wait = Math.max(0, frameStarted - Math.max(drawn, started));
  keep(recorded.frameTimes, now - started);
  keep(recorded.workTimes, Math.max(0, drawn - started));
  keep(recorded.busyTimes, now - started - wait);
  performance.measure("lab:step and redraw", { start: started, end: now });
  if (wait > 0)
    performance.measure("lab:wait for the display frame", { start: frameStarted - wait, end: frameStarted });
}

/** Notes that a canvas or chart has just finished drawing. */
export function markDrawn(): void {
  measurements().lastDrawn = performance.now();
}

/**
 * Records the time of a named part of a step (the browser test reports them beside the frame times), also
 * as a performance measure `lab:<name>` that Chromium's profiler shows on its timeline.
 */
export function recordPartTime(name: string, milliseconds: number): void {
  keep((measurements().parts[name] ??= []), milliseconds);
  const end = performance.now();
  performance.measure(`lab:${name}`, { start: end - milliseconds, end });
}
