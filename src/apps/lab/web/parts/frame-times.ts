/** The lab's measurements for its browser test: milliseconds from a step's click to its redraw. */
interface LabMeasurements {
  readonly frameTimes: number[];
  /** Named parts of a step, e.g. the neural page's boundary prediction. */
  readonly parts: Record<string, number[]>;
}

/** Records one step-and-redraw time on the page (the browser test reads `window.iterlabLab`). */
export function recordFrameTime(milliseconds: number): void {
  const host = window as unknown as { iterlabLab?: LabMeasurements };
  host.iterlabLab ??= { frameTimes: [], parts: {} };
  host.iterlabLab.frameTimes.push(milliseconds);
}

/** Records the time of a named part of a step (the browser test reports them beside the frame times). */
export function recordPartTime(name: string, milliseconds: number): void {
  const host = window as unknown as { iterlabLab?: LabMeasurements };
  host.iterlabLab ??= { frameTimes: [], parts: {} };
  (host.iterlabLab.parts[name] ??= []).push(milliseconds);
}
