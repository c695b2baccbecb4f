import type { JSX } from "preact";
import { useCallback, useMemo } from "preact/hooks";
import type { GaussianMixtureState } from "../../../../../solvers/gaussian-mixture/index.js";
import { covarianceTypes, mixtureRun } from "../../problems/clustering.js";
import { Canvas, dot, toPixel } from "../parts/canvas.js";
import type { Viewport } from "../parts/canvas.js";
import { Choice } from "../parts/choice.js";
import { RunPanel } from "../parts/run-panel.js";
import { colourOf, drawEllipse, rgba } from "../parts/points-canvas.js";
import { numberParam } from "../parts/url-state.js";
import { useStepper } from "../parts/use-stepper.js";

/** EM for a Gaussian mixture: 2-sigma ellipses, responsibilities as colour mixes, the log-likelihood curve. */
export function MixturePanel({
  points,
  k,
  params,
  set,
  options,
  view,
}: {
  points: number[][];
  k: number;
  params: Readonly<Record<string, string>>;
  set: (changes: Record<string, string>) => void;
  options: JSX.Element;
  view: Viewport;
}) {
  const covariance = (params.cov ?? "full") in covarianceTypes ? (params.cov ?? "full") : "full";
  const seed = numberParam(params.seed, 1);
  const run = useMemo(() => mixtureRun({ points, k, seed, covariance }), [points, k, seed, covariance]);
  const handle = useStepper(
    `${params.data}|${params.pts}|${params.count}|${k}|${seed}|${covariance}`,
    () => run,
    (state: GaussianMixtureState) => ({
      means: Float64Array.from(state.means),
      covariances: run.covarianceType.toMatrices(state.covariances, state.k, 2),
      responsibilities: Float64Array.from(state.responsibilities),
      logLikelihood: state.logLikelihood,
    }),
  );
  const frame = handle.frame;
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      if (frame === undefined) return;
      const { means, covariances, responsibilities } = frame.view;
      const components = means.length / 2;
      points.forEach(([x, y], i) => {
        // The point's colour mixes the components' colours by its responsibilities.
        let r = 0;
        let g = 0;
        let b = 0;
        for (let j = 0; j < components; j++) {
          const weight = responsibilities[i * components + j] as number;
          const [cr, cg, cb] = colourOf(j);
          r += weight * cr;
          g += weight * cg;
          b += weight * cb;
        }
        dot(
          context,
          toPixel(view, x as number, y as number),
          2.5,
          rgba([Math.round(r), Math.round(g), Math.round(b)], 0.9),
        );
      });
      for (let j = 0; j < components; j++) {
        const mean: [number, number] = [means[2 * j] as number, means[2 * j + 1] as number];
        drawEllipse(context, view, mean, covariances[j] ?? [], rgba(colourOf(j)));
        dot(context, toPixel(view, mean[0], mean[1]), 5, "#000");
      }
    },
    [frame, points],
  );
  const frames = handle.stepper?.frames.slice(0, (handle.stepper?.cursor ?? 0) + 1) ?? [];
  return (
    <main>
      <p class="intro">
        EM for a mixture of {k} Gaussians ({covariance} covariances), started from k-means++. One iteration is an M-step
        and an E-step; ellipses are 2 standard deviations; each point's colour mixes the components' colours by its
        responsibilities.
      </p>
      <section class="panel">
        {options}
        <div class="options">
          <Choice
            label="covariance"
            value={covariance}
            testId="cov"
            options={Object.keys(covarianceTypes)}
            onChange={(value) => set({ cov: value })}
          />
        </div>
        <Canvas
          width={view.width}
          height={view.height}
          draw={draw}
          data-testid="points"
          aria-label="points, responsibilities and ellipses"
        />
        <p class="note" data-testid="loglikelihood">
          mean log-likelihood {frame === undefined ? "-" : frame.view.logLikelihood.toPrecision(8)}
        </p>
      </section>
      <RunPanel
        handle={handle}
        run={run}
        frames={frames}
        followed={{
          title: "mean log-likelihood",
          label: "log-likelihood",
          values: frames.map((f) => f.view.logLikelihood),
        }}
      />
    </main>
  );
}
