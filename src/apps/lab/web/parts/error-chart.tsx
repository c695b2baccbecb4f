import { useLayoutEffect, useMemo, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { describeFit } from "../../problems/lab-run.js";
import type { Theory } from "../../problems/lab-run.js";
import { markDrawn, recordPartTime } from "./frame-times.js";

/** One curve of the error chart. */
export interface ErrorSeries {
  readonly label: string;
  readonly errors: readonly number[];
  readonly theory?: Theory | undefined;
}

const colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"] as const;

/**
 * The error against the iteration on a log axis (uPlot: thousands of points redrawn per frame), with each
 * curve's fitted tail rate and order (the library's `estimateRateFit` and `estimateOrder`) beside the theory.
 */
export function ErrorChart({
  series,
  title,
  log = true,
  fit = true,
}: {
  series: readonly ErrorSeries[];
  title: string;
  log?: boolean;
  fit?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const labels = series.map((entry) => entry.label).join("|");
  const drawStarted = useRef(0);
  // What changes the picture: the curves' lengths and last values (a render without a new frame skips the
  // chart's redraw and the fits).
  const shape = series.map((entry) => `${entry.errors.length}:${entry.errors.at(-1)}`).join("|");
  const fits = useMemo(() => {
    if (!fit) return [];
    const started = performance.now();
    const lines = series.map((entry) => describeFit(entry.errors));
    recordPartTime(`fit ${title}`, performance.now() - started);
    return lines;
  }, [shape, fit]);

  useLayoutEffect(() => {
    if (host.current === null) return;
    const chart = new uPlot(
      {
        width: 520,
        height: 240,
        title,
        scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
        axes: [
          { label: "iteration" },
          {
            label: log ? "log scale" : "",
            size: 60,
            // uPlot's default labels round small powers of ten to 0.
            values: (_plot, splits) =>
              splits.map((value) =>
                value === null || value === undefined ? "" : log ? value.toExponential(0) : value.toPrecision(4),
              ),
          },
        ],
        series: [
          { label: "iteration" },
          ...series.map((entry, i) => ({ label: entry.label, stroke: colours[i % 4] as string, width: 2 })),
        ],
        legend: { show: true, live: false },
        cursor: { show: false },
        hooks: {
          drawClear: [() => (drawStarted.current = performance.now())],
          draw: [
            () => {
              recordPartTime(`chart ${title}`, performance.now() - drawStarted.current);
              markDrawn();
            },
          ],
        },
      },
      toData(series, log),
      host.current,
    );
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = undefined;
    };
  }, [labels, title, log]);

  useLayoutEffect(() => {
    plot.current?.setData(toData(series, log));
  }, [shape, labels, title, log]);

  return (
    <figure class="chart">
      <div ref={host} role="img" aria-label={`${title}: error against iteration, log scale`} />
      <figcaption data-testid={fit ? "fit" : undefined}>
        {fit &&
          series.map((entry, i) => (
            <div key={entry.label}>
              <b>{entry.label}</b>: measured {fits[i]}; theory:{" "}
              {entry.theory === undefined ? "-" : theoryText(entry.theory)}
            </div>
          ))}
      </figcaption>
    </figure>
  );
}

function theoryText(theory: Theory): string {
  const parts = [
    theory.rate === undefined ? undefined : `rate ${theory.rate.toPrecision(4)}`,
    theory.order === undefined ? undefined : `order ${theory.order}`,
    theory.note,
  ];
  return parts.filter((part) => part !== undefined).join(", ");
}

/** uPlot's columns: iterations, then each series (null where the error is not positive and finite). */
function toData(series: readonly ErrorSeries[], log: boolean): uPlot.AlignedData {
  const length = Math.max(1, ...series.map((entry) => entry.errors.length));
  const x = Array.from({ length }, (_, i) => i);
  const columns = series.map((entry) =>
    x.map((i) => {
      const value = entry.errors[i];
      return value !== undefined && (value > 0 || !log) && Number.isFinite(value) ? value : null;
    }),
  );
  return [x, ...columns];
}
