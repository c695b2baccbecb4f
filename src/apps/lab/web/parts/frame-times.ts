/** The lab's measurements for its browser test: milliseconds from a step's click to its redraw. */
interface LabMeasurements {
  readonly frameTimes: number[];
}

/** Records one step-and-redraw time on the page (the browser test reads `window.iterlabLab`). */
export function recordFrameTime(milliseconds: number): void {
  const host = window as unknown as { iterlabLab?: LabMeasurements };
  host.iterlabLab ??= { frameTimes: [] };
  host.iterlabLab.frameTimes.push(milliseconds);
}
