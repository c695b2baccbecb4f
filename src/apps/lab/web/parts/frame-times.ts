/** The lab's measurements for its browser test: milliseconds from a step's click to its redraw. */
interface LabMeasurements {
  /** From a step's click until the page is idle again (a task after the redraw): includes waiting for the CPU. */
  readonly frameTimes: number[];
  /** From a step's click until the last canvas or chart of its redraw is drawn: the step's own work. */
  readonly workTimes: number[];
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
  host.iterlabLab ??= { frameTimes: [], workTimes: [], parts: {}, lastDrawn: 0 };
  return host.iterlabLab;
}

/**
 * Records one step that started at `started` (a `performance.now()` time): called from a task queued after
 * its redraw, it keeps the time until now and the time until the redraw's last drawing (the browser test
 * reads `window.iterlabLab`).
 */
export function recordStepTimes(started: number): void {
  const recorded = measurements();
  const now = performance.now();
  keep(recorded.frameTimes, now - started);
  keep(recorded.workTimes, Math.max(0, Math.min(now, recorded.lastDrawn) - started));
  performance.measure("lab:step and redraw", { start: started, end: now });
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
