import { type BlobsOptions, blobs, checkBlobsOptions, type LabelledData } from "./blobs.js";

/** scikit-learn's clustering demo's shear of the first two coordinates: `x -> T x`. */
const shear = [0.6, -0.6, -0.4, 0.8] as const;

/**
 * Anisotropic blobs: {@link blobs} with the first two coordinates of every point and centre mapped by the
 * linear map `T = [[0.6, -0.6], [-0.4, 0.8]]` (the transformation of scikit-learn's clustering comparison),
 * so each cluster's covariance is `sigma^2 T T^T`, elongated and tilted: clusters k-means (spherical by
 * construction) splits wrongly where a full-covariance Gaussian mixture does not.
 *
 * @param options - As for {@link blobs}; `separation` is measured before the map.
 * @returns The data, its labels and the mapped centres.
 * @throws `InvalidOptionError` as {@link blobs} does.
 * @example
 * ```ts
 * const { problem } = anisotropicBlobs({ seed: 170 });
 * fitGaussianMixture(gaussianMixture({ k: 3 }), problem.data);
 * ```
 * @see scikit-learn, "Demonstration of k-means assumptions" (anisotropically distributed blobs).
 */
export function anisotropicBlobs(options: BlobsOptions = {}): LabelledData {
  checkBlobsOptions(options, "anisotropicBlobs");
  const base = blobs(options);
  const d = base.dimension;
  const map = (values: Float64Array) => {
    for (let p = 0; p < values.length; p += d) {
      const [x, y] = [values[p] as number, values[p + 1] as number];
      values[p] = shear[0] * x + shear[1] * y;
      values[p + 1] = shear[2] * x + shear[3] * y;
    }
  };
  map(base.problem.data.values as Float64Array);
  map(base.centres);
  return base;
}
