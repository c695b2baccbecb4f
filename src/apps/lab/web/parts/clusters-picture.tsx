import { useCallback, useMemo } from "preact/hooks";
import { predictLabels } from "../../../../../solvers/kmeans/index.js";
import { formatCentres } from "../../problems/clustering.js";
import type { ClusteringPicture } from "../../problems/clustering.js";
import { Canvas, dot, toPixel } from "./canvas.js";
import type { Viewport } from "./canvas.js";
import { colourOf, drawEllipse, drawPoints, rgba } from "./points-canvas.js";

const view: Viewport = { box: [-0.1, 1.1, -0.1, 1.1], width: 280, height: 280 };

/**
 * One compare slot's clustering, small: points coloured by their nearest centre (k-means) or by their
 * responsibilities (a mixture, with its 2-sigma ellipses), the centres in black, and the centres' coordinates
 * and a mixture's log-likelihood as text (the browser test reads them).
 */
export function ClustersPicture({
  points,
  picture,
}: {
  points: readonly (readonly number[])[];
  picture: ClusteringPicture | undefined;
}) {
  const centres = picture?.centres;
  const labels = useMemo(() => {
    if (centres === undefined || picture?.responsibilities !== undefined) return undefined;
    const rows = Array.from({ length: centres.length / 2 }, (_, j) => [
      centres[2 * j] as number,
      centres[2 * j + 1] as number,
    ]);
    return predictLabels(rows, points).labels;
  }, [centres, points]);
  const draw = useCallback(
    (context: CanvasRenderingContext2D) => {
      if (picture === undefined) return;
      const k = picture.centres.length / 2;
      const responsibilities = picture.responsibilities;
      if (responsibilities === undefined) drawPoints(context, view, points, labels, k, 2);
      else
        points.forEach(([x, y], i) => {
          // A point's colour mixes the components' colours by its responsibilities.
          const mixed = [0, 0, 0];
          for (let j = 0; j < k; j++) {
            const weight = responsibilities[i * k + j] as number;
            colourOf(j).forEach((channel, c) => (mixed[c] = (mixed[c] as number) + weight * channel));
          }
          const [r = 0, g = 0, b = 0] = mixed.map(Math.round);
          dot(context, toPixel(view, x as number, y as number), 2, rgba([r, g, b], 0.85));
        });
      for (let j = 0; j < k; j++) {
        const mean: [number, number] = [picture.centres[2 * j] as number, picture.centres[2 * j + 1] as number];
        const covariance = picture.covariances?.[j];
        if (covariance !== undefined) drawEllipse(context, view, mean, covariance, rgba(colourOf(j)));
        dot(context, toPixel(view, mean[0], mean[1]), 4.5, "#000");
      }
    },
    [picture, labels, points],
  );
  const text = centres === undefined ? "-" : formatCentres(centres);
  return (
    <figure class="slot-picture">
      <Canvas
        width={view.width}
        height={view.height}
        draw={draw}
        data-testid="slot-picture"
        aria-label="points and centres"
      />
      <figcaption>
        centres <span data-testid="centres">{text}</span>
        {picture?.logLikelihood !== undefined && (
          <>
            ; mean log-likelihood <span data-testid="loglikelihood">{picture.logLikelihood.toPrecision(8)}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}
